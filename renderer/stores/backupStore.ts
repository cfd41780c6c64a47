// The "backup" area: the user's stores (stores.list) and whether a recovery passphrase is set
// (backup.keyStatus), loaded once (loadStores in bindings.ts) and then replaced from stores.changed and
// backup.changed, so every open window follows an edit made in another. Also the commands on an
// account's backup (backup.configure, backup.runNow): they answer with the account, but the account
// itself lives in accountsStore.ts, which main's accounts.changed (sent before the answer) keeps
// current; this store never writes there. Listing and restoring what a store holds are one-off
// questions, so they are returned to the dialog that asked, not kept here.
import { create } from 'zustand';
import { UPLOAD_CHUNK_BYTES, type Account, type ApiError, type CommandInput, type CommandOutput, type EventPayload, type ExportFile, type RemoteBackup, type Result, type StoreView } from '../../preload/contract';
import { call } from './api';

export type StoreDraft = CommandInput<'stores.save'>;
export type StoreTest = CommandInput<'stores.test'>;
export type BackupConfig = CommandInput<'backup.configure'>;
export type KeyStatus = EventPayload<'backup.changed'>;

export interface BackupState {
  stores: StoreView[];
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  loadError: ApiError | null;
  hasRecoveryPassphrase: boolean | null;
  /** Bumped by every store list received from main, so a slow stores.list cannot overwrite a newer event. */
  revision: number;
  load(): Promise<void>;
  /** stores.changed: main's whole list. */
  replaceStores(stores: StoreView[]): void;
  /** backup.changed: the passphrase was set (maybe in another window). */
  receiveKeyStatus(status: KeyStatus): void;
  saveStore(draft: StoreDraft): Promise<Result<StoreView>>;
  removeStore(id: string): Promise<Result<{ id: string }>>;
  testStore(input: StoreTest): Promise<Result<CommandOutput<'stores.test'>>>;
  setPassphrase(passphrase: string): Promise<Result<KeyStatus>>;
  /** Turns an account's backup on or off, or changes where to, how often, encrypted or not. */
  configure(input: BackupConfig): Promise<Result<Account>>;
  /** Answers when the backup is done (seconds); main broadcasts "running" meanwhile. */
  runNow(accountId: string): Promise<Result<Account>>;
  listRemote(storeId: string): Promise<Result<RemoteBackup[]>>;
  /** What listRemote lists, and what the store holds that cannot be restored, with why. */
  scanRemote(storeId: string): Promise<Result<CommandOutput<'backup.scanRemote'>>>;
  /** Sends a file to main's tmp/ in pieces; the answer's uploadId is what importFile takes. */
  upload(file: Blob, onProgress?: (sent: number) => void): Promise<Result<{ uploadId: string; size: number }>>;
  importFile(input: CommandInput<'backup.importFile'>): Promise<Result<Account>>;
  /** Writes the account's session to a file in main, then fetches it (once) as a Blob for the page to save. */
  exportAccount(input: CommandInput<'backup.export'>): Promise<Result<{ file: ExportFile; blob: Blob }>>;
  /** The restored account reaches the accounts store through accounts.changed, sent before this answers. */
  restore(input: CommandInput<'backup.restore'>): Promise<Result<Account>>;
}

export const useBackupStore = create<BackupState>()((set, get) => ({
  stores: [],
  status: 'idle',
  loadError: null,
  hasRecoveryPassphrase: null,
  revision: 0,

  load: async () => {
    const startedAt = get().revision;
    set((s) => ({ status: s.status === 'loaded' ? 'loaded' : 'loading', loadError: null }));
    const [stores, key] = await Promise.all([call('stores.list'), call('backup.keyStatus')]);
    if (!stores.ok) set({ status: 'failed', loadError: stores.error });
    else if (get().revision === startedAt) set({ stores: stores.value, status: 'loaded', revision: startedAt + 1 });
    else set({ status: 'loaded' }); // a stores.changed arrived meanwhile and is newer
    if (key.ok) set({ hasRecoveryPassphrase: key.value.hasRecoveryPassphrase });
  },

  replaceStores: (stores) => set((s) => ({ stores, status: 'loaded', loadError: null, revision: s.revision + 1 })),

  receiveKeyStatus: (status) => set({ hasRecoveryPassphrase: status.hasRecoveryPassphrase }),

  // The answer shows at once in the window that asked; stores.changed (before or after it) holds the same
  // store, so the answer is taken only if no list arrived since the call.
  saveStore: async (draft) => {
    const since = get().revision;
    const result = await call('stores.save', draft);
    if (result.ok) {
      const saved = result.value;
      applyAnswer(since, (list) => (list.some((x) => x.id === saved.id) ? list.map((x) => (x.id === saved.id ? saved : x)) : [...list, saved]));
    }
    return result;
  },

  removeStore: async (id) => {
    const since = get().revision;
    const result = await call('stores.remove', { id });
    if (result.ok) applyAnswer(since, (list) => list.filter((x) => x.id !== id));
    return result;
  },

  testStore: (input) => call('stores.test', input),

  setPassphrase: async (passphrase) => {
    const result = await call('backup.setPassphrase', { passphrase });
    if (result.ok) set({ hasRecoveryPassphrase: result.value.hasRecoveryPassphrase });
    return result;
  },

  configure: (input) => call('backup.configure', input),

  runNow: (accountId) => call('backup.runNow', { accountId }),

  listRemote: (storeId) => call('backup.listRemote', { storeId }),

  restore: (input) => call('backup.restore', input),

  scanRemote: (storeId) => call('backup.scanRemote', { storeId }),

  upload: async (file, onProgress) => {
    let uploadId: string | undefined;
    let last: Result<{ uploadId: string; size: number }> | undefined;
    for (let at = 0; at < file.size || !last; at += UPLOAD_CHUNK_BYTES) {
      const data = base64(new Uint8Array(await file.slice(at, at + UPLOAD_CHUNK_BYTES).arrayBuffer()));
      last = await call('backup.upload', uploadId ? { uploadId, data } : { data });
      if (!last.ok) return last;
      uploadId = last.value.uploadId;
      onProgress?.(last.value.size);
    }
    return last;
  },

  importFile: (input) => call('backup.importFile', input),

  exportAccount: async (input) => {
    const made = await call('backup.export', input);
    if (!made.ok) return made;
    const blob = await fetchExport(made.value);
    return blob.ok ? { ok: true, value: { file: made.value, blob: blob.value } } : blob;
  },
}));

/** Over HTTP where the host serves it (the web host: no large file on the socket), else in pieces over the bridge (Electron). */
async function fetchExport(file: ExportFile): Promise<Result<Blob>> {
  if (typeof window !== 'undefined' && window.api?.fetchExport) return window.api.fetchExport(file.exportId);
  const parts: BlobPart[] = [];
  let offset = 0;
  for (;;) {
    const piece = await call('backup.exportRead', { exportId: file.exportId, offset });
    if (!piece.ok) return piece;
    const bytes = Uint8Array.from(atob(piece.value.data), (c) => c.charCodeAt(0));
    parts.push(bytes);
    offset += bytes.length;
    if (piece.value.done) return { ok: true, value: new Blob(parts, { type: 'application/octet-stream' }) };
  }
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function applyAnswer(since: number, change: (stores: StoreView[]) => StoreView[]): void {
  useBackupStore.setState((s) => (s.revision === since ? { stores: change(s.stores) } : {}));
}

export const selectStores = (s: BackupState) => s.stores;
export const selectStoresStatus = (s: BackupState) => s.status;
export const selectHasPassphrase = (s: BackupState) => s.hasRecoveryPassphrase;
