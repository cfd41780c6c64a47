import { afterEach, describe, expect, it } from 'vitest';
import { setMainLanguage } from '../i18n';
import { closePolicy, stillRunningNotice } from './closePolicy';

describe('closePolicy', () => {
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    it(`on ${platform}, closing the window keeps the accounts running and tells the user once where the app went`, () => {
      const first = closePolicy({ behaviour: 'keep-running', quitting: false, platform, noticeShown: false });
      expect(first).toEqual({ action: 'hide', notice: stillRunningNotice(platform) });
      expect(closePolicy({ behaviour: 'keep-running', quitting: false, platform, noticeShown: true })).toEqual({ action: 'hide', notice: null });
    });
  }

  it('quits instead when the user chose to quit on close', () => {
    expect(closePolicy({ behaviour: 'quit', quitting: false, platform: 'linux', noticeShown: false })).toEqual({ action: 'quit' });
  });

  it('lets the window close while a quit is under way, whatever the choice', () => {
    expect(closePolicy({ behaviour: 'keep-running', quitting: true, platform: 'win32', noticeShown: false })).toEqual({ action: 'close' });
    expect(closePolicy({ behaviour: 'quit', quitting: true, platform: 'darwin', noticeShown: true })).toEqual({ action: 'close' });
  });
});

describe('stillRunningNotice', () => {
  it('names the menu bar on macOS, the notification area on Windows, the tray on Linux, and how to quit', () => {
    expect(stillRunningNotice('darwin').body).toMatch(/menu bar/);
    expect(stillRunningNotice('win32').body).toMatch(/notification area/);
    expect(stillRunningNotice('linux').body).toMatch(/tray icon, or start WA Accounts again/);
    for (const p of ['darwin', 'win32', 'linux'] as const) expect(stillRunningNotice(p).body).toMatch(/Quit/);
  });
});

describe('stillRunningNotice in Brazilian Portuguese', () => {
  afterEach(() => {
    setMainLanguage('en', 'en-US');
  });

  it('keeps English word for word, and words each platform in pt-BR when the setting says so', () => {
    expect(stillRunningNotice('darwin')).toEqual({
      title: 'WA Accounts is still running',
      body: 'Your accounts stay linked. Open the window again from the WA Accounts icon in the menu bar or the Dock; choose Quit there to stop them.',
    });
    expect(stillRunningNotice('win32').body).toBe('Your accounts stay linked. Open the window again from the WA Accounts icon in the notification area (click ^ on the taskbar if it is hidden); choose Quit there to stop them.');
    expect(stillRunningNotice('linux').body).toBe('Your accounts stay linked. Open the window again from the WA Accounts tray icon, or start WA Accounts again; choose Quit in the tray menu to stop them.');
    setMainLanguage('system', 'pt-BR');
    expect(stillRunningNotice('darwin').title).toBe('O WA Accounts continua em execução');
    expect(stillRunningNotice('darwin').body).toMatch(/barra de menus ou no Dock/);
    expect(stillRunningNotice('win32').body).toMatch(/área de notificação \(clique em \^ na barra de tarefas/);
    expect(stillRunningNotice('linux').body).toMatch(/bandeja do sistema, ou abra o WA Accounts de novo/);
    for (const p of ['darwin', 'win32', 'linux'] as const) expect(stillRunningNotice(p).body).toMatch(/Sair/);
    expect(closePolicy({ behaviour: 'keep-running', quitting: false, platform: 'linux', noticeShown: false })).toMatchObject({ notice: { title: 'O WA Accounts continua em execução' } });
  });
});
