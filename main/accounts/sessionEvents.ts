// The vocabulary of the session machine (sessionMachine.ts): its phases, what it is told (events) and
// what it asks the runner to do (effects). Plain data only: a machine state can be logged (minus the
// pairing phone), compared and replayed in a test; clients, timers and promises stay in AccountSession.
import type { SessionFailureCode, SessionState } from '../../preload/contract';
import type { SessionSettings } from './sessionSettings';

/**
 * Where a session is. Finer than the SessionState the user sees: the launch goes through three steps,
 * "reconnecting" is either a lost connection (client alive) or a wait before a fresh client.
 */
export const PHASES = [
  'stopped',
  'finding-browser',
  'preparing-profile',
  'starting',
  'qr',
  'pairing-code',
  'syncing',
  'ready',
  'connection-lost',
  'unlinking',
  'waiting-retry',
  'qr-paused',
  'failed',
  'logged-out',
  'disposed',
] as const;
export type Phase = (typeof PHASES)[number];

/** Phases with a client (a browser) of the current generation. */
export const CLIENT_PHASES = ['starting', 'qr', 'pairing-code', 'syncing', 'ready', 'connection-lost'] as const satisfies readonly Phase[];

/** Named one-shot timers; the runner tags each with the generation it was armed in. */
export const TIMERS = ['page', 'qr', 'sync', 'ready', 'retry', 'logout'] as const;
export type TimerName = (typeof TIMERS)[number];

/** The timers of one attempt (one client): a destroy clears them. The logout timer outlives the attempt it started. */
export const ATTEMPT_TIMERS = ['page', 'qr', 'sync', 'ready', 'retry'] as const satisfies readonly TimerName[];

export type ReadyView = Extract<SessionState, { kind: 'ready' }>;

export interface MachineState {
  phase: Phase;
  /** What the user sees: the last state emitted. */
  view: SessionState;
  /** Bumped whenever the client is replaced or closed; the runner drops events of an older generation. */
  gen: number;
  /** The phone lists this device and the profile holds its keys: restore, never wipe. */
  linked: boolean;
  /** QR codes shown in this linking attempt (reset by the user's start and by ready). */
  qrShown: number;
  /** Automatic retries used since the user's last start (or the last ready). */
  retries: number;
  /** Link with this phone number (a pairing code) instead of a QR. Never logged. */
  pairPhone?: string;
  /** The user asked to log out: failures are not retried, and the logout ends in logged-out either way. */
  loggingOut: boolean;
  /** The ready state to show again when a lost connection comes back. */
  resume?: ReadyView;
  /**
   * How the current (or next) client shows its page: hidden (headless), or in a visible window the person
   * asked for with "Open WhatsApp". Back to hidden when the window closes, on a retry, a stop or a start.
   */
  display: Display;
}

export type Display = 'hidden' | 'window';

export type SessionEvent =
  // The user's commands (through AccountManager) and the app's.
  | { type: 'start' }
  | { type: 'retry' }
  | { type: 'link'; phone: string }
  | { type: 'stop'; reason: string }
  | { type: 'logout' }
  | { type: 'block'; code: SessionFailureCode; message: string }
  | { type: 'dispose' }
  /** "Open WhatsApp" with a display: the same profile in a visible browser; "Close window": hidden again. */
  | { type: 'open-window' }
  | { type: 'close-window' }
  // What the runner's effects found.
  | { type: 'browser-found' }
  | { type: 'browser-missing'; hint: string }
  | { type: 'profile-ready' }
  | { type: 'profile-held'; holder: string }
  | { type: 'launch-failed'; error: string }
  | { type: 'qr-refresh-failed'; error: string }
  | { type: 'phone-unlinked' }
  // whatsapp-web.js client events (docs/whatsapp-web.js.md, "Event sequences per flow").
  | { type: 'qr'; qr: string; qrImage: string }
  | { type: 'code'; code: string }
  | { type: 'loading'; percent: number }
  | { type: 'authenticated' }
  | { type: 'ready'; phoneNumber: string; pushName: string }
  | { type: 'change-state'; state: string }
  | { type: 'disconnected'; reason: string }
  | { type: 'auth-failure' }
  | { type: 'browser-exited' }
  /** The client's page closed (a visible window's tab or window was closed by the person). */
  | { type: 'page-closed' }
  | { type: 'timer'; name: TimerName };

/** An event's row key in the transition table: its type, a timer by its name. */
export type EventKey = Exclude<SessionEvent['type'], 'timer'> | `timer:${TimerName}`;

export const EVENT_KEYS = [
  'start', 'retry', 'link', 'stop', 'logout', 'block', 'dispose', 'open-window', 'close-window',
  'browser-found', 'browser-missing', 'profile-ready', 'profile-held', 'launch-failed', 'qr-refresh-failed', 'phone-unlinked',
  'qr', 'code', 'loading', 'authenticated', 'ready', 'change-state', 'disconnected', 'auth-failure', 'browser-exited', 'page-closed',
  'timer:page', 'timer:qr', 'timer:sync', 'timer:ready', 'timer:retry', 'timer:logout',
] as const satisfies readonly EventKey[];
// Fails to compile when an event is missing from the list above.
const everyEventListed: [Exclude<EventKey, (typeof EVENT_KEYS)[number]>] extends [never] ? true : false = true;
void everyEventListed;

export function eventKey(e: SessionEvent): EventKey {
  return e.type === 'timer' ? `timer:${e.name}` : e.type;
}

export type SessionEffect =
  /** Close the client (if any) and wait for its browser to exit; clear the attempt's timers. */
  | { type: 'destroy' }
  /** Look for a browser (`full`: one that can show a window, not a headless shell); answers browser-found or browser-missing. */
  | { type: 'find-browser'; gen: number; full?: true }
  /** End orphan browsers on the profile, then (for a new link) empty it; answers profile-ready or profile-held. */
  | { type: 'prepare-profile'; gen: number; wipe: boolean }
  /**
   * Create and initialize a client; its events come back tagged with `gen` (launch-failed if initialize
   * rejects). `visible`: a browser window instead of headless.
   */
  | { type: 'launch'; gen: number; restoreOnly: boolean; pairPhone?: string; visible?: true }
  /** Bring the account's visible window to the front. */
  | { type: 'focus-window' }
  | { type: 'arm'; timer: TimerName; ms: number; gen: number }
  | { type: 'clear'; timer: TimerName }
  /** Ask the page whether it went idle and, if so, for a new QR; answers qr-refresh-failed if that fails. */
  | { type: 'refresh-qr'; gen: number }
  /** Log out on the phone (bounded by the teardown timeout); answers phone-unlinked, whatever happened. */
  | { type: 'unlink-phone'; gen: number }
  /** Delete the account's profile folder (after the browser has exited). */
  | { type: 'delete-profile' }
  /** Show the new state; AccountManager records it, with the reason, on the account's timeline. */
  | { type: 'emit'; state: SessionState; reason: string }
  | { type: 'linked'; linked: boolean }
  /** A problem the user has to act on (an OS notification). */
  | { type: 'attention'; title: string; body: string }
  /** The logout the user asked for is over: its callers may go on. */
  | { type: 'logout-done' }
  /** Clear every timer and forget every listener. */
  | { type: 'dispose' }
  /** An event this phase does not handle: nothing changes, the runner logs it. */
  | { type: 'ignored'; phase: Phase; event: EventKey; loggingOut: boolean };

export type EffectType = SessionEffect['type'];

/** What the machine reads besides its state and the event: fixed settings, the time and a random draw. */
export interface MachineEnv {
  settings: SessionSettings;
  now: number;
  /** 0..1, for the retry delay's jitter. */
  random: number;
}

export interface Step {
  state: MachineState;
  effects: SessionEffect[];
}

export function initialState(linked: boolean): MachineState {
  return { phase: 'stopped', view: { kind: 'stopped' }, gen: 0, linked, qrShown: 0, retries: 0, loggingOut: false, display: 'hidden' };
}
