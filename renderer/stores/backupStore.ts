// The "backup" area: the user's stores (stores.list) and whether a recovery passphrase is set
// (backup.keyStatus). Main sends no events for either: both are loaded once (loadStores in bindings.ts)
// and patched from the answers of the commands that change them. Listing and restoring what a store
// holds are one-off questions, so they are returned to the dialog that asked, not kept here.
import { create } from 'zustand';
import type { Account, ApiError, CommandInput, CommandOutput, RemoteBackup, Result, StoreView } from '../../preload/contract';
import { useAccountsStore } from './accountsStore';
import { call } from './api';

export type StoreDraft = CommandInput<'stores.save'>;
export type StoreTest = CommandInput<'stores.test'>;

export interface BackupState {
  stores: StoreView[];
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  loadError: ApiError | null;
  hasRecoveryPassphrase: boolean | null;
  load(): Promise<void>;
  saveStore(draft: StoreDraft): Promise<Result<StoreView>>;
  removeStore(id: string): Promise<Result<{ id: string }>>;
  testStore(input: StoreTest): Promise<Result<CommandOutput<'stores.test'>>>;
  setPassphrase(passphrase: string): Promise<Result<{ hasRecoveryPassphrase: boolean }>>;
  listRemote(storeId: string): Promise<Result<RemoteBackup[]>>;
  restore(input: CommandInput<'backup.restore'>): Promise<Result<Account>>;
}

export const useBackupStore = create<BackupState>()((set) => ({
  stores: [],
  status: 'idle',
  loadError: null,
  hasRecoveryPassphrase: null,

  load: async () => {
    set((s) => ({ status: s.status === 'loaded' ? 'loaded' : 'loading', loadError: null }));
    const [stores, key] = await Promise.all([call('stores.list'), call('backup.keyStatus')]);
    if (stores.ok) set({ stores: stores.value, status: 'loaded' });
    else set({ status: 'failed', loadError: stores.error });
    if (key.ok) set({ hasRecoveryPassphrase: key.value.hasRecoveryPassphrase });
  },

  saveStore: async (draft) => {
    const result = await call('stores.save', draft);
    if (result.ok) {
      const saved = result.value;
      set((s) => ({ stores: s.stores.some((x) => x.id === saved.id) ? s.stores.map((x) => (x.id === saved.id ? saved : x)) : [...s.stores, saved] }));
    }
    return result;
  },

  removeStore: async (id) => {
    const result = await call('stores.remove', { id });
    if (result.ok) set((s) => ({ stores: s.stores.filter((x) => x.id !== id) }));
    return result;
  },

  testStore: (input) => call('stores.test', input),

  setPassphrase: async (passphrase) => {
    const result = await call('backup.setPassphrase', { passphrase });
    if (result.ok) set({ hasRecoveryPassphrase: result.value.hasRecoveryPassphrase });
    return result;
  },

  listRemote: (storeId) => call('backup.listRemote', { storeId }),

  restore: async (input) => {
    const result = await call('backup.restore', input);
    // The restored account is new here (or replaced): show it at once; accounts.changed follows.
    if (result.ok) useAccountsStore.getState().receive(result.value);
    return result;
  },
}));

export const selectStores = (s: BackupState) => s.stores;
export const selectStoresStatus = (s: BackupState) => s.status;
export const selectHasPassphrase = (s: BackupState) => s.hasRecoveryPassphrase;
