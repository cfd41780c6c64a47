import { describe, expect, it } from 'vitest';
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
