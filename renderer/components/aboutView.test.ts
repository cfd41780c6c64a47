import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../preload/contract';
import { signingNotice, updateTone, versionRows } from './aboutView';

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
