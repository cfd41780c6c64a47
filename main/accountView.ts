// The one place an account meets its backup status: accounts know nothing of backup and backup knows
// accounts only through main/accounts/AccountsPort.ts, so the `Account` the contract sends is joined here.
import type { Account, BackupStatus } from '../preload/contract';
import type { AccountRecord } from './accounts/AccountsPort';

export interface AccountSource {
  list(): AccountRecord[];
  get(id: string): AccountRecord;
  on(event: 'changed', listener: (accounts: AccountRecord[]) => void): unknown;
}

export interface BackupSource {
  status(accountId: string): BackupStatus;
  on(event: 'status', listener: (accountId: string) => void): unknown;
}

export interface AccountView {
  /** An account as the contract sends it. */
  join(account: AccountRecord): Account;
  get(id: string): Account;
  list(): Account[];
}

/**
 * Joins accounts with their backup status, and calls `announce` with the whole joined list whenever
 * either side changes (the payload of accounts.changed).
 */
export function createAccountView(accounts: AccountSource, backup: BackupSource, announce: (accounts: Account[]) => void): AccountView {
  const join = (account: AccountRecord): Account => ({ ...account, backup: backup.status(account.id) });
  const list = () => accounts.list().map(join);
  accounts.on('changed', (records) => announce(records.map(join)));
  backup.on('status', () => announce(list()));
  return { join, list, get: (id) => join(accounts.get(id)) };
}
