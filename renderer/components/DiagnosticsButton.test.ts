import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { diagnosticsResultText } from './DiagnosticsButton';

const file = { path: '/home/me/.config/WA Accounts/diagnostics/wa-accounts-diagnostics-x.zip', fileName: 'wa-accounts-diagnostics-x.zip', size: 48_000, data: null };

describe('diagnosticsResultText', () => {
  it('says where the desktop app put the file', () => {
    expect(diagnosticsResultText(file, false)).toBe(`Saved wa-accounts-diagnostics-x.zip (47 KB) to ${file.path}`);
  });
  it('says the browser downloaded it, and where the host keeps its copy', () => {
    expect(diagnosticsResultText({ ...file, size: 3 * 1024 * 1024 }, true)).toBe(`Downloaded wa-accounts-diagnostics-x.zip (3.0 MB). A copy is also in ${file.path} on the computer that runs the app.`);
  });
});

describe('diagnosticsResultText in Brazilian Portuguese', () => {
  afterEach(() => i18n.changeLanguage('en'));
  it('says where the file went, with a Portuguese decimal mark', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(diagnosticsResultText(file, false)).toBe(`wa-accounts-diagnostics-x.zip (47 KB) foi salvo em ${file.path}`);
    expect(diagnosticsResultText({ ...file, size: 3 * 1024 * 1024 }, true)).toBe(`wa-accounts-diagnostics-x.zip (3,0 MB) foi baixado. Também há uma cópia em ${file.path} no computador que roda o app.`);
  });
});
