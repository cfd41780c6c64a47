import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../preload/contract';
import { versionRows } from './aboutView';

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
