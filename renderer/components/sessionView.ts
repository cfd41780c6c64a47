// How a session state reads to a person: the chip (text, icon, tone: never colour alone), the
// header summary's category, and the countdown wording. Pure functions, so the wording is in one place;
// each calls the catalog (namespace session) when it runs, so it follows the language of the moment.
import type { Account, LogoutReason, SessionFailureCode, SessionState, TimelineState } from '../../preload/contract';
import { isEnglish, t } from '../i18n';

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
      return { text: t('session:chip.stopped'), icon: '■', tone: 'neutral' };
    case 'starting':
      return { text: state.phase === 'restore' ? t('session:chip.restoring') : t('session:chip.starting'), icon: '…', tone: 'progress' };
    case 'qr':
      return { text: t('session:chip.qr'), icon: '▦', tone: 'progress' };
    case 'pairing-code':
      return { text: t('session:chip.pairingCode'), icon: '#', tone: 'progress' };
    case 'qr-paused':
      return { text: t('session:chip.qrPaused'), icon: '‖', tone: 'neutral' };
    case 'syncing':
      return { text: t('session:chip.syncing', { percent: Math.round(state.percent) }), icon: '↓', tone: 'progress' };
    case 'ready':
      // Still Ready in every way (messages, backup): the person asked to see it in a window.
      if (state.display === 'window') return { text: t('session:chip.window'), icon: '⧉', tone: 'ok' };
      return { text: t('session:chip.ready'), icon: '✓', tone: 'ok' };
    case 'reconnecting':
      return { text: t('session:chip.reconnecting', { retry: retryText(state, now) }), icon: '↻', tone: 'warn' };
    case 'logged-out':
      return state.reason === 'logged-out-here'
        ? { text: t('session:chip.loggedOut'), icon: '−', tone: 'neutral' }
        : { text: t('session:chip.loggedOutAttention'), icon: '!', tone: 'danger' };
    case 'failed':
      // Another computer holds the account (backup lease): nothing is broken, the user chooses where it runs.
      if (isLeaseFailure(state.code)) return { text: t('session:chip.elsewhere'), icon: '⇄', tone: 'warn' };
      return { text: t('session:chip.failed'), icon: '!', tone: 'danger' };
  }
}

/**
 * Whether each failure means "another computer runs this account". A Record, so a new code in the
 * contract fails the type check until it is placed here; its headline and sentence are the catalog's
 * failure.<CODE> (also a type error when missing).
 */
const ELSEWHERE: Record<SessionFailureCode, boolean> = {
  BROWSER_NOT_FOUND: false,
  PROFILE_LOCKED: false,
  LAUNCH_FAILED: false,
  BROWSER_EXITED: false,
  PAGE_TIMEOUT: false,
  QR_REFRESH_FAILED: false,
  SYNC_TIMEOUT: false,
  READY_TIMEOUT: false,
  DISCONNECTED: false,
  CONFLICT: false,
  TOS_BLOCK: false,
  DEPRECATED_VERSION: false,
  PROXYBLOCK: false,
  LEASE_HELD: true,
  LEASE_LOST: true,
  DISK_FULL: false,
  PROXY_UNREACHABLE: false,
};

/** The failure in a few words, for the card's headline (main's message, or sessionMessage, says the rest). */
export function failureTitle(code: SessionFailureCode): string {
  return t(`session:failure.${code}.title`);
}

/** Which of the catalog's logout sentences stands for each reason. */
const LOGOUT_KEYS = {
  'unlinked-from-phone': 'unlinkedFromPhone',
  'logged-out-here': 'loggedOutHere',
  'revoked-offline': 'revokedOffline',
} as const satisfies Record<LogoutReason, string>;

/**
 * What main says about a failed, logged-out or reconnecting session. Main writes it in English, so
 * another language shows the catalog's sentence for its code or reason instead (losing only details
 * such as a host name). A reconnecting state carries no code: the sentence says what happens next.
 */
export function sessionMessage(state: Extract<SessionState, { kind: 'failed' | 'logged-out' | 'reconnecting' }>): string {
  switch (state.kind) {
    case 'failed':
      return isEnglish() ? state.message : t(`session:failure.${state.code}.message`);
    case 'logged-out':
      return isEnglish() ? state.message : t(`session:logout.${LOGOUT_KEYS[state.reason]}`);
    case 'reconnecting':
      if (isEnglish()) return state.reason;
      return state.attempt === 0 ? t('session:reconnect.connectionLost') : t('session:reconnect.retrying');
  }
}

/** Session failures that mean "another computer holds this account": the card offers Take over. */
export function isLeaseFailure(code: SessionFailureCode): boolean {
  return ELSEWHERE[code];
}

/** "retry 2 in 8 s"; attempt 0 is the library waiting for its own connection to come back. */
export function retryText(state: Extract<SessionState, { kind: 'reconnecting' }>, now: number): string {
  if (state.attempt === 0) return t('session:retry.waiting');
  const left = secondsLeft(state.nextTryAt, now);
  return left > 0 ? t('session:retry.in', { attempt: state.attempt, duration: durationText(left) }) : t('session:retry.now', { attempt: state.attempt });
}

export function secondsLeft(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "14 s", "2 min 58 s". */
export function durationText(seconds: number): string {
  if (seconds < 60) return t('session:duration.seconds', { seconds });
  const minutes = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? t('session:duration.minutes', { minutes }) : t('session:duration.minutesSeconds', { minutes, seconds: s });
}

/** The header summary's groups, in the order they are listed, each worded (with its plural) at call time. */
const CATEGORIES = [
  ['ready', (count: number) => t('session:summary.ready', { count })],
  ['attention', (count: number) => t('session:summary.attention', { count })],
  ['reconnecting', (count: number) => t('session:summary.reconnecting', { count })],
  ['scan', (count: number) => t('session:summary.scan', { count })],
  ['code', (count: number) => t('session:summary.code', { count })],
  ['syncing', (count: number) => t('session:summary.syncing', { count })],
  ['starting', (count: number) => t('session:summary.starting', { count })],
  ['paused', (count: number) => t('session:summary.paused', { count })],
  ['logged-out', (count: number) => t('session:summary.loggedOut', { count })],
  ['stopped', (count: number) => t('session:summary.stopped', { count })],
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
  if (list.length === 0) return t('session:summary.none');
  const total = t('session:summary.total', { count: list.length });
  return t('session:summary.line', { total, parts: summaryParts(list).map((p) => p.text).join(', ') });
}

/** Timeline rows store the state's kind (or the account's milestone); show them in the chip's words. */
const TIMELINE_STATES: Record<TimelineState, () => string> = {
  added: () => t('session:timeline.added'),
  restored: () => t('session:timeline.restored'),
  'backup-saved': () => t('session:timeline.backupSaved'),
  stopped: () => t('session:timeline.stopped'),
  starting: () => t('session:timeline.starting'),
  qr: () => t('session:timeline.qr'),
  'qr-paused': () => t('session:timeline.qrPaused'),
  'pairing-code': () => t('session:timeline.pairingCode'),
  syncing: () => t('session:timeline.syncing'),
  ready: () => t('session:timeline.ready'),
  reconnecting: () => t('session:timeline.reconnecting'),
  'logged-out': () => t('session:timeline.loggedOut'),
  failed: () => t('session:timeline.failed'),
};

export function timelineStateText(state: TimelineState): string {
  return TIMELINE_STATES[state]();
}

/** WhatsApp gives the number as digits with the country code. */
export function phoneText(digits: string): string {
  return digits ? `+${digits}` : t('session:unknownNumber');
}

/** The 8-character pairing code in two groups of 4, as WhatsApp shows it on the phone. */
export function codeGroups(code: string): string[] {
  const clean = code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return clean.length === 8 ? [clean.slice(0, 4), clean.slice(4)] : [clean];
}
