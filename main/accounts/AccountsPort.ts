// What the rest of main may know of accounts: an account without its backup status, the start gate
// the composition root hands in, and the one interface backup uses (eslint.config.mjs keeps
// main/backup from importing anything else of main/accounts, and main/accounts from importing backup).
import type { Account, SessionFailureCode, SessionState } from '../../preload/contract';

/** An account as accounts knows it: everything the contract sends but the backup status (main/accountView.ts joins it). */
export type AccountRecord = Omit<Account, 'backup'>;

/** Why an account may not start here now; shown on its card as a failure with this code. */
export interface StartRefusal {
  code: SessionFailureCode;
  message: string;
}

/** Decides whether an account may start here (with backup on: the store's lease); null means go. */
export type StartGate = (id: string, opts: { force: boolean }) => Promise<StartRefusal | null>;

/** Every account may start: for an app without backup (and tests). */
export const ALWAYS_START: StartGate = async () => null;

/**
 * The failure code an account shows when WhatsApp Web was opened for it somewhere else (its
 * `disconnected('CONFLICT')`, classified in disconnectReasons.ts). Backup reads it as a possible take-over.
 */
export const OPENED_ELSEWHERE = 'CONFLICT' satisfies SessionFailureCode;

export function isOpenedElsewhere(state: SessionState): boolean {
  return state.kind === 'failed' && state.code === OPENED_ELSEWHERE;
}

export interface AccountsForBackupEvents {
  /** Every session state change, with the account's id. */
  state: [id: string, state: SessionState];
}

/** The accounts as backup sees them: look one up, reach its profile, stop, block or adopt it, follow its states. */
export interface AccountsForBackup {
  /** The account, or a NOT_FOUND error. */
  get(id: string): AccountRecord;
  /** The account, or undefined when there is none with this id. */
  find(id: string): AccountRecord | undefined;
  /** Every account, in the user's order. */
  list(): AccountRecord[];
  /** The account's LocalAuth profile folder (what a backup archives and a restore replaces). */
  profileDir(id: string): string;
  /** Stops the account's browser and waits until it exited (before its profile is replaced). */
  halt(id: string): Promise<void>;
  /** Stops the account and shows why, with a code of the caller's (another computer holds it). */
  block(id: string, code: SessionFailureCode, message: string): Promise<void>;
  /** Adds a milestone of backup's to the account's timeline (a backup was saved). */
  note(id: string, state: 'backup-saved', reason: string): void;
  /** Adds or replaces an account whose profile was just put in place; `beforeStart` runs before it starts. */
  adopt(id: string, label: string, beforeStart?: () => void): AccountRecord;
  on<K extends keyof AccountsForBackupEvents>(event: K, listener: (...args: AccountsForBackupEvents[K]) => void): unknown;
  off<K extends keyof AccountsForBackupEvents>(event: K, listener: (...args: AccountsForBackupEvents[K]) => void): unknown;
}
