import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { installFakeApi, type FakeApi } from './testing/fakeApi';
import { account, storeView } from './testing/samples';
import { DEFAULT_SETTINGS } from '../../preload/settings';

let api: FakeApi;
beforeEach(() => {
  vi.resetModules(); // fresh stores: each test is a window opened anew
  api = installFakeApi();
});
afterEach(() => vi.unstubAllGlobals());

/** One window: its own copy of the stores, bound to main. */
async function openWindow() {
  const [{ bindStores, loadStores }, { useAccountsStore }, { useBackupStore }, { useNoticesStore }, { useSettingsStore }, { i18n }] = await Promise.all([
    import('./bindings'),
    import('./accountsStore'),
    import('./backupStore'),
    import('./noticesStore'),
    import('./settingsStore'),
    import('../i18n'),
  ]);
  vi.resetModules();
  const unbind = bindStores();
  return { unbind, loadStores, accounts: useAccountsStore, backup: useBackupStore, notices: useNoticesStore, settings: useSettingsStore, i18n };
}

it("binds every area's events: accounts, attention, stores and the passphrase follow main", async () => {
  const w = await openWindow();
  api.emit('accounts.changed', [account('acc-1')]);
  api.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 'Work: Needs attention', body: 'Logged out from your phone.' });
  api.emit('stores.changed', [storeView('st-aaaaaa')]);
  api.emit('backup.changed', { hasRecoveryPassphrase: true });
  api.emit('accounts.activity', [{ id: 'acc-1', unread: 2, lastActivityAt: 5, notifyMessages: false }]);
  expect(w.accounts.getState().accounts.map((a) => a.id)).toEqual(['acc-1']);
  expect(w.accounts.getState().activity['acc-1']?.unread).toBe(2);
  expect(w.notices.getState().notices.map((n) => n.title)).toEqual(['Work: Needs attention']);
  expect(w.backup.getState()).toMatchObject({ stores: [{ id: 'st-aaaaaa' }], status: 'loaded', hasRecoveryPassphrase: true });
  w.unbind();
  for (const name of ['accounts.changed', 'accounts.attention', 'accounts.activity', 'stores.changed', 'backup.changed', 'api.changed', 'api.delivery', 'settings.changed'] as const) expect(api.listening(name)).toBe(0);
});

it('loads every area once', async () => {
  api.ok('accounts.list', [account('acc-1')]).ok('stores.list', [storeView('st-aaaaaa')]).ok('backup.keyStatus', { hasRecoveryPassphrase: false });
  api.ok('app.info', { name: 'WA Accounts', version: '0.1.0', dataDir: '/d', host: 'web', versions: { node: '20', electron: null, chrome: null, whatsappWebJs: '1.34.7' } });
  const w = await openWindow();
  await w.loadStores();
  expect(api.calls.map((c) => c.name).sort()).toEqual(['accounts.activity', 'accounts.list', 'api.deliveries', 'api.status', 'app.info', 'backup.keyStatus', 'settings.get', 'stores.list']);
  expect(w.backup.getState()).toMatchObject({ status: 'loaded', hasRecoveryPassphrase: false, stores: [{ id: 'st-aaaaaa' }] });
});

it('a store saved and a passphrase set in one window show in another without a reload', async () => {
  const first = await openWindow();
  const second = await openWindow();
  expect(second.backup).not.toBe(first.backup);
  // Main answers the window that asked and tells every window, as the hosts do.
  api.answer('stores.save', () => {
    api.emit('stores.changed', [storeView('st-aaaaaa', 'USB drive')]);
    return { ok: true, value: storeView('st-aaaaaa', 'USB drive') };
  });
  api.answer('backup.setPassphrase', () => {
    api.emit('backup.changed', { hasRecoveryPassphrase: true });
    return { ok: true, value: { hasRecoveryPassphrase: true } };
  });
  await first.backup.getState().saveStore({ name: 'USB drive', settings: { kind: 'folder', path: '/mnt/usb' } });
  await first.backup.getState().setPassphrase('correct horse battery');
  expect(second.backup.getState().stores.map((s) => s.name)).toEqual(['USB drive']);
  expect(second.backup.getState().hasRecoveryPassphrase).toBe(true);
  first.unbind();
  second.unbind();
});

it('a setting changed in another window (or the tray) reaches this one, and its language applies at once', async () => {
  const w = await openWindow();
  const { settings: useSettingsStore, i18n } = w;
  try {
    api.emit('settings.changed', { ...DEFAULT_SETTINGS, language: 'pt-BR', backupIntervalMin: 45 });
    expect(useSettingsStore.getState().settings).toMatchObject({ language: 'pt-BR', backupIntervalMin: 45 });
    expect(i18n.language).toBe('pt-BR');
    expect(i18n.t('common:cancel')).toBe('Cancelar');
  } finally {
    await i18n.changeLanguage('en');
    w.unbind();
  }
});
