// The one place where main reaches the stores: event subscriptions, the connection state, and the
// first load. main.tsx calls bindStores() once window.api exists, then loadStores().
import { useAccountsStore } from './accountsStore';
import { isConnectionError, setConnectionListener } from './api';
import { useAppStore } from './appStore';
import { useBackupStore } from './backupStore';
import { showMessageNotice } from './browserNotices';
import { useLocalApiStore } from './localApiStore';
import { useNoticesStore } from './noticesStore';
import { useSettingsStore } from './settingsStore';

/** How often to ask main again while it is unreachable (the web bridge reconnects by itself). */
const RETRY_MS = 2000;

export function bindStores(): () => void {
  let retry: ReturnType<typeof setTimeout> | undefined;
  let resyncing = false;

  setConnectionListener({
    reachable: () => {
      const wasDown = useAppStore.getState().connection.state === 'failed';
      useAppStore.getState().connected();
      // Events sent while we were away are lost: take main's whole state again.
      if (wasDown && !resyncing) {
        resyncing = true;
        void loadStores().finally(() => (resyncing = false));
      }
    },
    unreachable: (error) => {
      useAppStore.getState().connectionFailed(error);
      if (error.code === 'UNAUTHORIZED' || retry) return; // a missing token does not fix itself
      retry = setTimeout(() => {
        retry = undefined;
        void useAppStore.getState().loadInfo();
      }, RETRY_MS);
    },
  });

  // The web bridge says at once when its socket drops (its heartbeat notices a silent host within
  // seconds), so the page greys out before any click fails.
  const offConnection = window.api.onConnection?.((change) => {
    if (change.state === 'open') void useAppStore.getState().loadInfo();
    else if (isConnectionError(change.error)) useAppStore.getState().connectionFailed(change.error);
  });
  const offs = [
    ...(offConnection ? [offConnection] : []),
    window.api.on('accounts.changed', (list) => useAccountsStore.getState().replaceAll(list)),
    window.api.on('accounts.attention', (notice) => useNoticesStore.getState().push(notice)),
    window.api.on('accounts.activity', (list) => useAccountsStore.getState().replaceActivity(list)),
    window.api.on('accounts.message', (notice) => showMessageNotice(notice)),
    // A store or the passphrase changed, maybe in another window: every window shows it without a reload.
    window.api.on('stores.changed', (list) => useBackupStore.getState().replaceStores(list)),
    window.api.on('backup.changed', (key) => useBackupStore.getState().receiveKeyStatus(key)),
    window.api.on('api.changed', (status) => useLocalApiStore.getState().receive(status)),
    window.api.on('api.delivery', (delivery) => useLocalApiStore.getState().receiveDelivery(delivery)),
    // A setting changed in any window (or the tray): this one follows, its language included.
    window.api.on('settings.changed', (settings) => useSettingsStore.getState().receive(settings)),
  ];
  return () => {
    offs.forEach((off) => off());
    clearTimeout(retry);
    setConnectionListener({ reachable: () => {}, unreachable: () => {} });
  };
}

/** Loads every store's first state (again after a reconnect); the events above keep it current. */
export async function loadStores(): Promise<void> {
  await Promise.all([
    useAccountsStore.getState().load(),
    useAppStore.getState().loadInfo(),
    useBackupStore.getState().load(),
    useLocalApiStore.getState().load(),
    useSettingsStore.getState().load(),
  ]);
}
