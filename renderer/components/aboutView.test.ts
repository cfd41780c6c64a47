import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../preload/contract';
import { i18n } from '../i18n';
import { aboutLine, signingNotice, updateText, updateTone, versionRows } from './aboutView';

function info(host: AppInfo['host'], electron: string | null, chrome: string | null): AppInfo {
  return { name: 'WA Accounts', version: '0.1.0', dataDir: '/data', host, versions: { node: '22.20.0', electron, chrome, whatsappWebJs: '1.34.7' } };
}

describe('versionRows', () => {
  it('in the desktop app, names the Electron and Chromium it runs on', () => {
    expect(versionRows(info('electron', '45.5.0', '148.0.7778.97'))).toEqual([
      { name: 'whatsapp-web.js', value: '1.34.7' },
      { name: 'Node.js', value: '22.20.0' },
      { name: 'Electron', value: '45.5.0' },
      { name: 'Chromium', value: '148.0.7778.97' },
    ]);
  });

  it('in browser mode, says plainly that there is no Electron and no Chromium of its own', () => {
    const rows = versionRows(info('web', null, null));
    expect(rows.find((r) => r.name === 'Electron')?.value).toBe('none: browser mode does not use Electron');
    expect(rows.find((r) => r.name === 'Chromium')?.value).toBe('none of its own: this page runs in your browser');
  });
});

describe('signingNotice', () => {
  const withSigning = (codeSigning: AppInfo['codeSigning'], host: AppInfo['host'] = 'electron'): AppInfo => ({ ...info(host, '45.5.0', '148.0'), codeSigning });

  it('says plainly when a desktop build is not code-signed, and what that means', () => {
    expect(signingNotice(withSigning('unsigned'))).toMatch(/^This build is not code-signed: .*unidentified developer.*updates/);
    expect(signingNotice(withSigning('development'))).toBe('Development build: not code-signed, and it does not update itself.');
  });

  it('says nothing for a signed build, in browser mode, or when main does not say', () => {
    expect(signingNotice(withSigning('signed'))).toBeNull();
    expect(signingNotice(withSigning(null, 'web'))).toBeNull();
    expect(signingNotice(info('electron', '45.5.0', '148.0'))).toBeNull();
  });
});

describe('updateTone', () => {
  it('shows a failed check as a problem, an available version as news, no update server as neither', () => {
    expect(updateTone({ state: 'failed', message: 'x' })).toBe('error');
    expect(updateTone({ state: 'available', version: '0.2.0', message: 'x' })).toBe('info');
    expect(updateTone({ state: 'up-to-date', version: '0.1.0', message: 'x' })).toBe('ok');
    expect(updateTone({ state: 'not-configured', message: 'x' })).toBe('neutral');
  });
});

describe('aboutLine and updateText', () => {
  it("in English: the app's line as before, and the update server's answer in main's words", () => {
    expect(aboutLine(info('electron', '45.5.0', '148.0'))).toBe('WA Accounts · version 0.1.0 · desktop app');
    expect(aboutLine(info('web', null, null))).toBe('WA Accounts · version 0.1.0 · browser mode');
    expect(updateText({ state: 'failed', message: 'Could not check for updates: the update server could not be reached. Try again later.' }, 'electron')).toBe(
      'Could not check for updates: the update server could not be reached. Try again later.',
    );
  });
});

describe('the About area in Brazilian Portuguese', () => {
  beforeEach(() => i18n.changeLanguage('pt-BR'));
  afterEach(() => i18n.changeLanguage('en'));

  it('names the versions, the host and the signing in Portuguese', () => {
    const rows = versionRows(info('web', null, null));
    expect(rows.find((r) => r.name === 'Electron')?.value).toBe('nenhum: o modo navegador não usa o Electron');
    expect(versionRows(info('electron', null, null)).find((r) => r.name === 'Chromium')?.value).toBe('desconhecida');
    expect(aboutLine(info('electron', '45.5.0', '148.0'))).toBe('WA Accounts · versão 0.1.0 · app para computador');
    expect(signingNotice({ ...info('electron', '45.5.0', '148.0'), codeSigning: 'development' })).toBe('Versão de desenvolvimento: sem assinatura de código, e ela não se atualiza sozinha.');
  });

  it("words the update check from its state and version instead of main's English message", () => {
    expect(updateText({ state: 'available', version: '0.2.0', message: 'Version 0.2.0 is available.' }, 'electron')).toBe(
      'A versão 0.2.0 está disponível. Ela é baixada em segundo plano e instalada quando você sair do WA Accounts.',
    );
    expect(updateText({ state: 'up-to-date', version: '0.1.0', message: 'WA Accounts 0.1.0 is the newest version.' }, 'electron')).toBe('O WA Accounts 0.1.0 é a versão mais recente.');
    expect(updateText({ state: 'not-configured', message: 'In browser mode the app does not update itself.' }, 'web')).toMatch(/^No modo navegador o app não se atualiza sozinho/);
    expect(updateText({ state: 'failed', message: 'Could not check for updates: HTTP 500. Try again later.' }, 'electron')).toBe('Não foi possível verificar atualizações. Tente novamente mais tarde.');
  });
});
