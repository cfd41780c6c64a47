import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../preload/contract';
import { i18n } from '../i18n';
import { useAppStore } from './appStore';
import { askNotificationPermission, showMessageNotice } from './browserNotices';

const shown: { title: string; tag?: string }[] = [];
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static requestPermission = vi.fn(async () => (FakeNotification.permission = 'granted'));
  constructor(title: string, opts: { tag?: string }) {
    shown.push({ title, tag: opts.tag });
  }
}
const info = (host: 'web' | 'electron') =>
  ({ name: 'WA Accounts', version: '1', dataDir: '/d', host, versions: { node: '20', electron: null, chrome: null, whatsappWebJs: '1.34.7' } }) satisfies AppInfo;
const notice = { id: 'acc-1', label: 'Shop', title: 'New message on Shop', body: '' };

beforeEach(() => {
  shown.length = 0;
  FakeNotification.permission = 'default';
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
});
afterEach(() => vi.unstubAllGlobals());

it('in browser mode, asks once when a switch is turned on and then shows the title only', async () => {
  useAppStore.setState({ info: info('web') });
  showMessageNotice(notice);
  expect(shown).toEqual([]);
  askNotificationPermission();
  await vi.waitFor(() => expect(FakeNotification.permission).toBe('granted'));
  showMessageNotice(notice);
  expect(shown).toEqual([{ title: 'New message on Shop', tag: 'message-acc-1' }]);
});

it('in Electron the OS notification comes from main, so the window shows none', () => {
  useAppStore.setState({ info: info('electron') });
  FakeNotification.permission = 'granted';
  showMessageNotice(notice);
  askNotificationPermission();
  expect(shown).toEqual([]);
  expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
});

it("in Brazilian Portuguese the browser's notification names the account in Portuguese, not in main's English", async () => {
  useAppStore.setState({ info: info('web') });
  FakeNotification.permission = 'granted';
  await i18n.changeLanguage('pt-BR');
  try {
    showMessageNotice(notice);
  } finally {
    await i18n.changeLanguage('en');
  }
  expect(shown).toEqual([{ title: 'Nova mensagem em Shop', tag: 'message-acc-1' }]);
});
