// How a session state reads to a person: the chip (text, icon, tone: never colour alone), the
// header summary's category, and the countdown wording. Pure functions, so the wording is in one place.
import type { Account, SessionFailureCode, SessionState, TimelineState } from '../../preload/contract';

export type Tone = 'neutral' | 'progress' | 'ok' | 'warn' | 'danger';

export interface Chip {
  /** Visible text, e.g. "Ready", "Syncing 40 %", "Reconnecting · retry 2 in 8 s". */
  text: string;
  /** A glyph next to the text (decorative: the text says everything). */
  icon: string;
  tone: Tone;
}

/** Logged out by the phone or while offline, or failed: the user must act (docs/user-needs.md, "A dropped account goes unnoticed"). */
export function needsAttention(state: SessionState): boolean {
  return state.kind === 'failed' || (state.kind === 'logged-out' && state.reason !== 'logged-out-here');
}

export function chipFor(state: SessionState, now: number): Chip {
  switch (state.kind) {
    case 'stopped':
      return { text: 'Stopped', icon: '■', tone: 'neutral' };
    case 'starting':
      return { text: state.phase === 'restore' ? 'Restoring session' : 'Starting', icon: '…', tone: 'progress' };
    case 'qr':
      return { text: 'Waiting for scan', icon: '▦', tone: 'progress' };
    case 'pairing-code':
      return { text: 'Waiting for code', icon: '#', tone: 'progress' };
    case 'qr-paused':
      return { text: 'Linking paused', icon: '‖', tone: 'neutral' };
    case 'syncing':
      return { text: `Syncing ${Math.round(state.percent)} %`, icon: '↓', tone: 'progress' };
    case 'ready':
      // Still Ready in every way (messages, backup): the person asked to see it in a window.
      if (state.display === 'window') return { text: 'Open in a window', icon: '⧉', tone: 'ok' };
      return { text: 'Ready', icon: '✓', tone: 'ok' };
    case 'reconnecting':
      return { text: `Reconnecting · ${retryText(state, now)}`, icon: '↻', tone: 'warn' };
    case 'logged-out':
      return state.reason === 'logged-out-here'
        ? { text: 'Logged out', icon: '−', tone: 'neutral' }
        : { text: 'Needs attention · logged out', icon: '!', tone: 'danger' };
    case 'failed':
      // Another computer holds the account (backup lease): nothing is broken, the user chooses where it runs.
      if (isLeaseFailure(state.code)) return { text: 'Needs attention · open elsewhere', icon: '⇄', tone: 'warn' };
      return { text: 'Needs attention · failed', icon: '!', tone: 'danger' };
  }
}

/**
 * Every way a session can fail, in a few words for the card's headline (main's message says the rest),
 * and whether it means "another computer runs this account". A Record, so a new code in the contract
 * fails the type check until it is worded here.
 */
const FAILURES: Record<SessionFailureCode, { title: string; elsewhere: boolean }> = {
  BROWSER_NOT_FOUND: { title: 'No browser found', elsewhere: false },
  PROFILE_LOCKED: { title: 'The browser profile is in use', elsewhere: false },
  LAUNCH_FAILED: { title: 'The browser could not start WhatsApp Web', elsewhere: false },
  BROWSER_EXITED: { title: 'The browser closed', elsewhere: false },
  PAGE_TIMEOUT: { title: 'WhatsApp Web did not load', elsewhere: false },
  QR_REFRESH_FAILED: { title: 'No new QR code came', elsewhere: false },
  SYNC_TIMEOUT: { title: 'Syncing with the phone stalled', elsewhere: false },
  READY_TIMEOUT: { title: 'WhatsApp did not finish loading', elsewhere: false },
  DISCONNECTED: { title: 'The connection to WhatsApp dropped', elsewhere: false },
  CONFLICT: { title: 'WhatsApp Web was opened somewhere else', elsewhere: false },
  TOS_BLOCK: { title: 'WhatsApp has blocked this account', elsewhere: false },
  DEPRECATED_VERSION: { title: 'This version of the app is too old for WhatsApp', elsewhere: false },
  PROXYBLOCK: { title: 'WhatsApp refused this network', elsewhere: false },
  LEASE_HELD: { title: 'Open on another computer', elsewhere: true },
  LEASE_LOST: { title: 'Taken over by another computer', elsewhere: true },
  DISK_FULL: { title: 'The disk is full', elsewhere: false },
  PROXY_UNREACHABLE: { title: 'Proxy unreachable', elsewhere: false },
};

export function failureTitle(code: SessionFailureCode): string {
  return FAILURES[code].title;
}

/** Session failures that mean "another computer holds this account": the card offers Take over. */
export function isLeaseFailure(code: SessionFailureCode): boolean {
  return FAILURES[code].elsewhere;
}

/** "retry 2 in 8 s"; attempt 0 is the library waiting for its own connection to come back. */
export function retryText(state: Extract<SessionState, { kind: 'reconnecting' }>, now: number): string {
  if (state.attempt === 0) return 'waiting for the connection';
  const left = secondsLeft(state.nextTryAt, now);
  return left > 0 ? `retry ${state.attempt} in ${durationText(left)}` : `retry ${state.attempt} now`;
}

export function secondsLeft(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "14 s", "2 min 58 s". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** The header summary's groups, in the order they are listed. */
const CATEGORIES = [
  ['ready', (n: number) => `${n} ready`],
  ['attention', (n: number) => `${n} ${n === 1 ? 'needs' : 'need'} attention`],
  ['reconnecting', (n: number) => `${n} reconnecting`],
  ['scan', (n: number) => `${n} waiting for scan`],
  ['code', (n: number) => `${n} waiting for a code`],
  ['syncing', (n: number) => `${n} syncing`],
  ['starting', (n: number) => `${n} starting`],
  ['paused', (n: number) => `${n} paused`],
  ['logged-out', (n: number) => `${n} logged out`],
  ['stopped', (n: number) => `${n} stopped`],
] as const;

export type Category = (typeof CATEGORIES)[number][0];

export function categoryOf(state: SessionState): Category {
  if (needsAttention(state)) return 'attention';
  switch (state.kind) {
    case 'qr':
      return 'scan';
    case 'pairing-code':
      return 'code';
    case 'qr-paused':
      return 'paused';
    case 'logged-out':
      return 'logged-out';
    case 'failed':
      return 'attention';
    default:
      return state.kind;
  }
}

export interface SummaryPart {
  category: Category;
  text: string;
}

/** "3 ready", "1 needs attention", … for the accounts in `list`, skipping empty groups. */
export function summaryParts(list: Account[]): SummaryPart[] {
  const counts = new Map<Category, number>();
  for (const a of list) counts.set(categoryOf(a.session), (counts.get(categoryOf(a.session)) ?? 0) + 1);
  return CATEGORIES.filter(([c]) => counts.has(c)).map(([category, text]) => ({ category, text: text(counts.get(category)!) }));
}

/** "No accounts", "1 account: 1 waiting for scan", "5 accounts: 3 ready, 1 needs attention, 1 waiting for scan". */
export function summaryText(list: Account[]): string {
  if (list.length === 0) return 'No accounts';
  const total = list.length === 1 ? '1 account' : `${list.length} accounts`;
  return `${total}: ${summaryParts(list).map((p) => p.text).join(', ')}`;
}

/** Timeline rows store the state's kind (or the account's milestone); show them in the chip's words. */
const TIMELINE_STATES: Record<TimelineState, string> = {
  added: 'Added',
  restored: 'Restored from a backup',
  'backup-saved': 'Backup saved',
  stopped: 'Stopped',
  starting: 'Starting',
  qr: 'Waiting for scan',
  'qr-paused': 'Linking paused',
  'pairing-code': 'Waiting for code',
  syncing: 'Syncing',
  ready: 'Ready',
  reconnecting: 'Reconnecting',
  'logged-out': 'Logged out',
  failed: 'Failed',
};

export function timelineStateText(state: TimelineState): string {
  return TIMELINE_STATES[state];
}

/** WhatsApp gives the number as digits with the country code. */
export function phoneText(digits: string): string {
  return digits ? `+${digits}` : 'unknown number';
}

/** The 8-character pairing code in two groups of 4, as WhatsApp shows it on the phone. */
export function codeGroups(code: string): string[] {
  const clean = code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return clean.length === 8 ? [clean.slice(0, 4), clean.slice(4)] : [clean];
}
