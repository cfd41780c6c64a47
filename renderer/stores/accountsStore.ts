// The "accounts" area: a mirror of main's account list. Loaded once through accounts.list, then
// replaced whole from every accounts.changed (bound in bindings.ts). Actions return the command's
// Result so the component that asked can show an error next to its own field. The session commands
// (start, stop, log out, retry, link with phone, take over) answer with the account; main also
// broadcasts every state it passes through afterwards, so the card follows main, not the button.
// Each account carries its backup status as main joins it; the backup commands live in backupStore.ts.
// Each account's unread total and last activity (AccountUse) load with the list and are replaced whole
// from every accounts.activity, so every window shows the same counts without asking.
import { create } from 'zustand';
import type { Account, AccountUse, ApiError, ProxyInput, Result } from '../../preload/contract';
import { call } from './api';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface AccountsState {
  accounts: Account[];
  status: LoadStatus;
  loadError: ApiError | null;
  /** Bumped by every list received from main, so a slow accounts.list cannot overwrite a newer event. */
  revision: number;
  /** Unread total, last activity and notification switch per account id. */
  activity: Record<string, AccountUse>;
  /** Bumped by every activity list from main, like `revision`. */
  activityRevision: number;
  load(): Promise<Result<Account[]>>;
  replaceAll(accounts: Account[]): void;
  replaceActivity(list: AccountUse[]): void;
  markRead(id: string): Promise<Result<AccountUse>>;
  setMessageNotice(id: string, enabled: boolean): Promise<Result<AccountUse>>;
  /** `temporary`: a NoAuth account that ends when it stops or the app quits. */
  add(label: string, temporary?: boolean): Promise<Result<Account>>;
  setProxy(id: string, proxy: ProxyInput | null): Promise<Result<Account>>;
  rename(id: string, label: string): Promise<Result<Account>>;
  remove(id: string): Promise<Result<{ id: string }>>;
  start(id: string): Promise<Result<Account>>;
  stop(id: string): Promise<Result<Account>>;
  logout(id: string): Promise<Result<Account>>;
  retry(id: string): Promise<Result<Account>>;
  linkWithPhone(id: string, phoneNumber: string): Promise<Result<Account>>;
  takeOver(id: string): Promise<Result<Account>>;
}

type SessionCommand = 'accounts.start' | 'accounts.stop' | 'accounts.logout' | 'accounts.retry' | 'accounts.takeOver';

export const useAccountsStore = create<AccountsState>()((set, get) => ({
  accounts: [],
  status: 'idle',
  loadError: null,
  revision: 0,
  activity: {},
  activityRevision: 0,

  load: async () => {
    const startedAt = get().revision;
    set({ status: 'loading', loadError: null });
    void loadActivity();
    const result = await call('accounts.list');
    if (!result.ok) {
      set({ status: 'failed', loadError: result.error });
    } else if (get().revision === startedAt) {
      set({ accounts: result.value, status: 'loaded', revision: startedAt + 1 });
    } else {
      set({ status: 'loaded' }); // an accounts.changed arrived meanwhile and is newer
    }
    return result;
  },

  replaceAll: (accounts) => set((s) => ({ accounts, status: 'loaded', loadError: null, revision: s.revision + 1 })),

  replaceActivity: (list) => set((s) => ({ activity: byId(list), activityRevision: s.activityRevision + 1 })),

  markRead: (id) => activityCommand(call('accounts.markRead', { id })),
  setMessageNotice: (id, enabled) => activityCommand(call('accounts.setMessageNotice', { id, enabled })),

  // Main answers with the new account and also broadcasts the whole list; applying the answer at once
  // keeps the UI responsive, and the broadcast (before or after) holds the same account.
  add: async (label, temporary) => {
    const result = await call('accounts.add', temporary ? { label, temporary } : { label });
    if (result.ok) set((s) => ({ accounts: upsert(s.accounts, result.value) }));
    return result;
  },

  setProxy: async (id, proxy) => {
    const since = get().revision;
    const result = await call('accounts.setProxy', { id, proxy });
    if (result.ok) applyAnswer(result.value, since);
    return result;
  },

  rename: async (id, label) => {
    const result = await call('accounts.rename', { id, label });
    if (result.ok) set((s) => ({ accounts: upsert(s.accounts, result.value) }));
    return result;
  },

  remove: async (id) => {
    const result = await call('accounts.remove', { id });
    if (result.ok) set((s) => ({ accounts: s.accounts.filter((a) => a.id !== id) }));
    return result;
  },

  start: (id) => sessionCommand('accounts.start', id),
  stop: (id) => sessionCommand('accounts.stop', id),
  logout: (id) => sessionCommand('accounts.logout', id),
  retry: (id) => sessionCommand('accounts.retry', id),

  linkWithPhone: async (id, phoneNumber) => {
    const since = get().revision;
    const result = await call('accounts.linkWithPhone', { id, phoneNumber });
    if (result.ok) applyAnswer(result.value, since);
    return result;
  },

  takeOver: (id) => sessionCommand('accounts.takeOver', id),
}));

async function sessionCommand(name: SessionCommand, id: string): Promise<Result<Account>> {
  const since = useAccountsStore.getState().revision;
  const result = await call(name, { id });
  if (result.ok) applyAnswer(result.value, since);
  return result;
}

/**
 * A command's answer is the account as it was when main answered; a broadcast may have brought a newer
 * state meanwhile (stop and log out take seconds). Take the answer only if no list arrived since the call.
 */
function applyAnswer(account: Account, since: number): void {
  useAccountsStore.setState((s) => (s.revision === since ? { accounts: upsert(s.accounts, account) } : {}));
}

/** The first activity list; an accounts.activity that arrived meanwhile is newer and wins. */
async function loadActivity(): Promise<void> {
  const since = useAccountsStore.getState().activityRevision;
  const result = await call('accounts.activity');
  if (result.ok && useAccountsStore.getState().activityRevision === since) useAccountsStore.getState().replaceActivity(result.value);
}

async function activityCommand(pending: Promise<Result<AccountUse>>): Promise<Result<AccountUse>> {
  const since = useAccountsStore.getState().activityRevision;
  const result = await pending;
  if (result.ok) useAccountsStore.setState((s) => (s.activityRevision === since ? { activity: { ...s.activity, [result.value.id]: result.value } } : {}));
  return result;
}

function byId(list: AccountUse[]): Record<string, AccountUse> {
  return Object.fromEntries(list.map((u) => [u.id, u]));
}

function upsert(list: Account[], account: Account): Account[] {
  const i = list.findIndex((a) => a.id === account.id);
  if (i === -1) return [...list, account];
  const next = list.slice();
  next[i] = account;
  return next;
}

export const selectAccounts = (s: AccountsState) => s.accounts;
export const selectActivity = (s: AccountsState) => s.activity;
export const selectAccountCount = (s: AccountsState) => s.accounts.length;
export const selectLoadStatus = (s: AccountsState) => s.status;
export const selectAddAccount = (s: AccountsState) => s.add;
export const selectRenameAccount = (s: AccountsState) => s.rename;
export const selectRemoveAccount = (s: AccountsState) => s.remove;
