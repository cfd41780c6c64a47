// How backups read to a person: sizes, "3 min ago", the last-backup line, the failing notice and the
// store kinds. Pure functions, so the wording lives in one place (and is unit-tested).
import type { BackupStatus, CommandErrorCode, StoreKind } from '../../preload/contract';
import { durationText } from './sessionView';

export const STORE_KINDS: ReadonlyArray<{ kind: StoreKind; name: string }> = [
  { kind: 's3', name: 'S3-compatible storage' },
  { kind: 'folder', name: 'Folder' },
  { kind: 'postgres', name: 'PostgreSQL' },
  { kind: 'mongo', name: 'MongoDB' },
];

export function kindName(kind: StoreKind): string {
  return STORE_KINDS.find((k) => k.kind === kind)?.name ?? kind;
}

/** What the secret is called for each kind of store. */
export function secretName(kind: StoreKind): string | null {
  switch (kind) {
    case 's3':
      return 'Secret access key';
    case 'postgres':
    case 'mongo':
      return 'Password';
    case 'folder':
      return null;
  }
}

/** "512 B", "48 KB", "4.1 MB", "1.2 GB" (decimal units, as storage providers bill them). */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** "just now", "40 s ago", "3 min ago", "2 h ago", "5 days ago". */
export function agoText(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** "in 12 min", "in 40 s", "now". */
export function inText(at: number, now: number): string {
  const s = Math.ceil((at - now) / 1000);
  if (s <= 0) return 'now';
  if (s < 60) return `in ${s} s`;
  const m = Math.round(s / 60);
  return m < 120 ? `in ${m} min` : `in ${Math.round(m / 60)} h`;
}

/** How long a backup took: "took 2 s", "took under 1 s", "took 1 min 5 s". */
export function tookText(ms: number): string {
  if (ms < 1000) return 'took under 1 s';
  return `took ${durationText(Math.round(ms / 1000))}`;
}

/** "Last backup 3 min ago · 4.1 MB · took 2 s" ("Last good backup …" while backups fail). */
export function lastBackupText(last: NonNullable<BackupStatus['last']>, now: number, lead = 'Last backup'): string {
  return `${lead} ${agoText(last.at, now)} · ${sizeText(last.size)} · ${tookText(last.durationMs)}`;
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A time of day today, with the date when it was another day. */
export function whenText(at: number, now: number): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? clock.format(at) : dayAndClock.format(at);
}

/** "Failing since 14:02 (5 min ago)". */
export function failingSinceText(failing: NonNullable<BackupStatus['failing']>, now: number): string {
  return `Failing since ${whenText(failing.since, now)} (${agoText(failing.since, now)})`;
}

/**
 * Why backups fail, in a few words after "Backups are failing:" (main's message says the rest). Backups
 * record whatever code the failing step answered, so every command code has its words; a Record, so a
 * new code in the contract fails the type check until it is worded here.
 */
const FAILING_CAUSES: Record<CommandErrorCode, string> = {
  STORE_UNREACHABLE: 'the store cannot be reached',
  STORE_AUTH_FAILED: 'the store refused the credentials',
  STORE_NOT_FOUND: 'the store does not exist',
  STORE_PERMISSION: 'no permission to write to the store',
  STORE_FULL: 'the store is full',
  STORE_ERROR: 'the store answered with an error',
  VERSION_NOT_FOUND: 'the backup version is not in the store',
  SAVE_FAILED: 'the backup could not be saved',
  LEASE_HELD: 'another computer runs this account',
  LEASE_LOST: 'another computer took this account over',
  BACKUP_CORRUPT: 'the backup is damaged',
  WRONG_PASSPHRASE: 'the recovery passphrase does not match',
  KEY_MISMATCH: 'the backup was made with another key',
  KEY_UNAVAILABLE: 'the backup key cannot be opened',
  SNAPSHOT_FAILED: 'the session could not be copied',
  PROFILE_MISSING: 'there is no session to back up',
  RESTORE_FAILED: 'the restore failed',
  BACKUP_NOT_ENCRYPTED: 'the backup is not encrypted',
  BACKUP_UNVERIFIED: 'the backup cannot be verified',
  BACKUP_TOO_LARGE: 'the backup is far larger than it should be',
  LEGACY_SESSION: 'the file is an old, single-device session',
  NOT_A_BACKUP: 'the file is not a backup',
  BACKUP_FAILED: 'the backup could not be made',
  NOT_LINKED: 'the account is not linked',
  NOT_READY: 'the account is not connected',
  STORE_IN_USE: 'the store is in use',
  CONFIRM_REQUIRED: 'a confirmation is missing',
  DATABASE_TOO_NEW: 'the data folder is from a newer version of the app',
  DATA_FOLDER_IN_USE: 'another copy of the app is using the data folder',
  DIAGNOSTICS_FAILED: 'a file could not be written in the data folder',
  INVALID_INPUT: 'the backup settings are not valid',
  UNKNOWN_COMMAND: 'the app asked for something it does not know',
  NOT_FOUND: 'the account or its store is gone',
  UNAUTHORIZED: 'the request was refused',
  INTERNAL: 'something went wrong inside the app',
  BROWSER_UNUSABLE: 'the browser chosen in Settings does not start',
  NOT_AVAILABLE: 'this is not available here',
};

/** "Backups are failing: the store is full". */
export function failingTitle(code: CommandErrorCode): string {
  return `Backups are failing: ${FAILING_CAUSES[code]}`;
}

/** "Next try in 2 min", or null when main has no retry scheduled (the account is not running). */
export function nextTryText(failing: NonNullable<BackupStatus['failing']>, now: number): string | null {
  if (failing.nextTryAt === null) return 'No retry is scheduled while the account is not running.';
  return `Next try ${inText(failing.nextTryAt, now)}.`;
}

/** The line under the toggle while nothing is wrong: what happened last and what comes next. */
export function waitingText(status: BackupStatus, now: number): string {
  const next = status.nextAt !== null ? `Next backup ${inText(status.nextAt, now)}.` : 'Backups run while the account is ready.';
  if (status.last) return next;
  return status.nextAt !== null ? `No backup yet. The first one runs ${inText(status.nextAt, now)}.` : 'No backup yet. The first one runs shortly after the account is ready.';
}
