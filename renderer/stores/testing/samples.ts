// Accounts and stores as main sends them, for the stores' unit tests.
import type { Account, BackupStatus, StoreView } from '../../../preload/contract';

export const BACKUP_OFF: BackupStatus = { enabled: false, storeId: null, intervalMin: 15, encrypt: true, activity: 'off', last: null, failing: null, nextAt: null };

export function account(id: string, label = 'Work', over: Partial<Account> = {}): Account {
  return { id, label, createdAt: 1, running: true, linked: true, session: { kind: 'stopped' }, backup: BACKUP_OFF, temporary: false, proxy: null, ...over };
}

export function storeView(id: string, name = 'Share'): StoreView {
  return { id, name, settings: { kind: 'folder', path: `/mnt/${name}` }, hasSecret: false, description: `Folder /mnt/${name}` };
}
