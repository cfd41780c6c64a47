// One account's session as a pure state machine: next(state, event, env) -> { state, effects }.
// TRANSITIONS is the whole behaviour, one row per (phases, event, guard); an event no row takes is
// ignored and logged. AccountSession runs the effects and feeds back what they find; it also drops
// events of an older client generation before they get here. docs/architecture.md ("Session states")
// shows this table, rendered by renderTransitionTable().
import type { SessionFailureCode } from '../../preload/contract';
import { launchFailure } from './accountProxy';
import { classifyDisconnect } from './disconnectReasons';
import {
  CLIENT_PHASES, PHASES, eventKey,
  type EventKey, type MachineEnv, type MachineState, type Phase, type SessionEffect, type SessionEvent, type Step, type TimerName,
} from './sessionEvents';
import * as step from './sessionSteps';

export { initialState } from './sessionEvents';

type EventOf<K extends EventKey> = K extends `timer:${infer N extends TimerName}` ? { type: 'timer'; name: N } : Extract<SessionEvent, { type: K }>;

interface Guard<E = SessionEvent> {
  text: string;
  test: (s: MachineState, e: E, env: MachineEnv) => boolean;
}

export interface Transition {
  from: readonly Phase[];
  on: readonly EventKey[];
  when: readonly Guard[];
  to: Phase | 'same';
  /**
   * The effects, in order, for the table (sessionMachine.test.ts holds each row to it): an effect's
   * label (effectLabel), `x?` when it happens only if it changes something.
   */
  does: readonly string[];
  run: (s: MachineState, e: SessionEvent, env: MachineEnv) => Step;
}

function row<K extends EventKey>(def: {
  from: readonly Phase[];
  on: K | readonly K[];
  when?: readonly Guard<EventOf<K>>[];
  to: Phase | 'same';
  does: Transition['does'];
  run: (s: MachineState, e: EventOf<K>, env: MachineEnv) => Step;
}): Transition {
  return { ...def, on: typeof def.on === 'string' ? [def.on] : def.on, when: (def.when ?? []) as readonly Guard[], run: def.run as Transition['run'] };
}

const ALIVE = PHASES.filter((p) => p !== 'disposed');
const BUT = (...out: Phase[]) => ALIVE.filter((p) => !out.includes(p));
/** Phases a logout can be waiting in while the account signs in quietly. */
const SIGNING_IN = ['finding-browser', 'preparing-profile', ...CLIENT_PHASES, 'qr-paused'] as const satisfies readonly Phase[];

const idle: Guard = { text: 'not logging out', test: (s) => !s.loggingOut };
const loggingOut: Guard = { text: 'logging out', test: (s) => s.loggingOut };
const linked: Guard = { text: 'linked', test: (s) => s.linked };
const unlinked: Guard = { text: 'not linked', test: (s) => !s.linked };
const retriesLeft: Guard = { text: 'retries left', test: (s, _e, env) => step.hasRetriesLeft(s, env) };
const noRetriesLeft: Guard = { text: 'no retries left', test: (s, _e, env) => !step.hasRetriesLeft(s, env) };
const outcome = (kind: 'transient' | 'terminal' | 'logged-out'): Guard<EventOf<'disconnected'>> => ({
  text: `reason is ${kind} (disconnectReasons.ts)`,
  test: (_s, e) => classifyDisconnect(e.reason).kind === kind,
});
const underQrLimit: Guard = { text: 'under the QR limit', test: (s, _e, env) => s.qrShown < env.settings.qrLimit };
const qrLimitReached: Guard = { text: 'QR limit reached', test: (s, _e, env) => s.qrShown >= env.settings.qrLimit };
const LOST = ['TIMEOUT', 'OPENING', 'PAIRING'];
const lost: Guard<EventOf<'change-state'>> = { text: `state is ${LOST.join(', ')}`, test: (_s, e) => LOST.includes(e.state) };
const connected: Guard<EventOf<'change-state'>> = { text: 'state is CONNECTED', test: (_s, e) => e.state === 'CONNECTED' };
const hidden: Guard = { text: 'hidden', test: (s) => s.display === 'hidden' };
const inWindow: Guard = { text: 'in a window', test: (s) => s.display === 'window' };
/** Phases where a window was asked for and may be open, or about to. */
const WINDOWED = ['finding-browser', 'preparing-profile', ...CLIENT_PHASES] as const satisfies readonly Phase[];

/** The two rows of a failure worth retrying: a wait and a fresh client, or failed once retries ran out. */
function retrying<K extends EventKey>(from: readonly Phase[], on: K, cause: (e: EventOf<K>, env: MachineEnv) => { code: SessionFailureCode; message: string }, guards: readonly Guard<EventOf<K>>[] = []): Transition[] {
  const run = (s: MachineState, e: EventOf<K>, env: MachineEnv) => {
    const { code, message } = cause(e, env);
    return step.retry(s, env, code, message);
  };
  return [
    row({ from, on, when: [idle, ...guards, retriesLeft], to: 'waiting-retry', does: ['destroy', 'emit reconnecting', 'arm retry'], run }),
    row({ from, on, when: [idle, ...guards, noRetriesLeft], to: 'failed', does: FAIL, run }),
  ];
}

// Effect lists the table repeats (`emit x`: the state shown, `arm t` / `clear t`: the timer).
const FINISH = ['clear logout', 'destroy', 'delete-profile', 'linked?', 'emit logged-out', 'logout-done'];
const FAIL = ['destroy', 'emit failed', 'attention'];
const PAUSE = ['destroy', 'emit qr-paused', 'attention'];
const GONE = ['destroy', 'delete-profile', 'linked?', 'emit logged-out', 'attention'];
const READY = ['clear page', 'clear qr', 'clear sync', 'clear ready', 'linked?', 'emit ready'];

export const TRANSITIONS: readonly Transition[] = [
  // The user's commands. While a logout runs, only dispose (and another logout, which waits for it) are taken.
  row({ from: ALIVE, on: ['start', 'retry'], when: [idle], to: 'finding-browser', does: ['destroy', 'find-browser'], run: (s) => step.launch(s, {}) }),
  row({ from: ALIVE, on: 'link', when: [idle], to: 'finding-browser', does: ['destroy', 'find-browser'], run: (s, e) => step.launch(s, { pairPhone: e.phone }) }),
  row({ from: ALIVE, on: 'stop', when: [idle], to: 'stopped', does: ['destroy', 'emit stopped'], run: (s, e) => step.stop(s, e.reason) }),
  row({ from: ALIVE, on: 'block', when: [idle], to: 'failed', does: FAIL, run: (s, e) => step.fail(s, e.code, e.message) }),
  row({ from: ['ready'], on: 'logout', when: [idle], to: 'unlinking', does: ['unlink-phone'], run: (s, _e, env) => step.startLogout(s, env) }),
  row({ from: BUT('ready'), on: 'logout', when: [idle, linked], to: 'finding-browser', does: ['destroy', 'find-browser', 'arm logout'], run: (s, _e, env) => step.startLogout(s, env) }),
  row({ from: BUT('ready'), on: 'logout', when: [idle, unlinked], to: 'logged-out', does: FINISH, run: (s, _e, env) => step.startLogout(s, env) }),
  row({ from: ALIVE, on: 'logout', when: [loggingOut], to: 'same', does: [], run: (s) => ({ state: s, effects: [] }) }),
  row({ from: ALIVE, on: 'dispose', when: [idle], to: 'disposed', does: ['destroy', 'dispose'], run: (s) => step.dispose(s) }),
  row({ from: ALIVE, on: 'dispose', when: [loggingOut], to: 'disposed', does: ['destroy', 'logout-done', 'dispose'], run: (s) => step.dispose(s) }),
  // "Open WhatsApp": the same profile in a visible browser; closing its window (or the page) puts it back to headless.
  row({ from: ['ready'], on: 'open-window', when: [idle, hidden], to: 'finding-browser', does: ['destroy', 'find-browser'], run: (s) => step.redisplay(s, 'window') }),
  row({ from: ['ready'], on: 'open-window', when: [idle, inWindow], to: 'same', does: ['focus-window'], run: (s) => ({ state: s, effects: [{ type: 'focus-window' }] }) }),
  row({ from: WINDOWED, on: 'close-window', when: [idle, inWindow], to: 'finding-browser', does: ['destroy', 'find-browser'], run: (s) => step.redisplay(s, 'hidden') }),
  row({ from: CLIENT_PHASES, on: ['page-closed', 'browser-exited'], when: [idle, inWindow], to: 'finding-browser', does: ['destroy', 'find-browser'], run: (s) => step.redisplay(s, 'hidden') }),

  // Launching: a browser, a profile nobody else holds, then a client.
  row({ from: ['finding-browser'], on: 'browser-found', to: 'preparing-profile', does: ['emit starting', 'prepare-profile'], run: (s) => step.browserFound(s) }),
  row({ from: ['finding-browser'], on: 'browser-missing', when: [idle], to: 'failed', does: ['emit failed', 'attention'], run: (s, e) => step.browserMissing(s, e.hint) }),
  row({ from: ['finding-browser'], on: 'browser-missing', when: [loggingOut], to: 'logged-out', does: ['emit failed', 'attention', ...FINISH], run: (s, e) => step.browserMissing(s, e.hint) }),
  row({ from: ['preparing-profile'], on: 'profile-ready', to: 'starting', does: ['launch', 'arm page'], run: (s, _e, env) => step.profileReady(s, env) }),
  row({ from: ['preparing-profile'], on: 'profile-held', when: [idle], to: 'failed', does: ['emit failed', 'attention'], run: (s, e) => step.profileHeld(s, e.holder) }),
  row({ from: ['preparing-profile'], on: 'profile-held', when: [loggingOut], to: 'logged-out', does: ['emit failed', 'attention', ...FINISH], run: (s, e) => step.profileHeld(s, e.holder) }),
  ...retrying(['preparing-profile', ...CLIENT_PHASES], 'launch-failed', (e) => launchFailure(e.error)),
  ...retrying(['starting'], 'timer:page', (_e, env) => ({ code: 'PAGE_TIMEOUT', message: `WhatsApp Web did not load within ${step.seconds(env.settings.timeouts.pageMs)}.` })),

  // Linking: QR codes (counted, paused at the limit) or a pairing code, then sign-in and sync.
  row({ from: CLIENT_PHASES, on: 'qr', when: [underQrLimit], to: 'qr', does: ['clear page', 'emit qr', 'arm qr'], run: (s, e, env) => step.showQr(s, e.qr, e.qrImage, env) }),
  row({ from: CLIENT_PHASES, on: 'qr', when: [qrLimitReached], to: 'qr-paused', does: PAUSE, run: (s, e, env) => step.showQr(s, e.qr, e.qrImage, env) }),
  row({ from: ['qr'], on: 'timer:qr', when: [underQrLimit], to: 'same', does: ['refresh-qr', 'arm qr'], run: (s, _e, env) => step.qrExpired(s, env) }),
  row({ from: ['qr'], on: 'timer:qr', when: [qrLimitReached], to: 'qr-paused', does: PAUSE, run: (s, _e, env) => step.qrExpired(s, env) }),
  ...retrying(['qr'], 'qr-refresh-failed', (e) => ({ code: 'QR_REFRESH_FAILED', message: `Could not get a new QR code (${e.error}).` })),
  row({ from: CLIENT_PHASES, on: 'code', to: 'pairing-code', does: ['clear page', 'emit pairing-code'], run: (s, e, env) => step.showCode(s, e.code, env) }),
  row({ from: CLIENT_PHASES, on: 'loading', to: 'syncing', does: ['clear page', 'clear qr', 'arm sync', 'emit syncing'], run: (s, e, env) => step.syncing(s, e.percent, env) }),
  row({ from: ['syncing'], on: 'authenticated', to: 'same', does: ['clear page', 'clear qr', 'linked?', 'arm ready'], run: (s, _e, env) => step.authenticated(s, env) }),
  row({ from: CLIENT_PHASES.filter((p) => p !== 'syncing'), on: 'authenticated', to: 'syncing', does: ['clear page', 'clear qr', 'linked?', 'arm ready', 'emit syncing'], run: (s, _e, env) => step.authenticated(s, env) }),
  ...retrying(['qr', 'pairing-code', 'syncing'], 'timer:sync', (_e, env) => ({ code: 'SYNC_TIMEOUT', message: `Syncing with the phone stalled for ${step.seconds(env.settings.timeouts.syncMs)}.` })),
  ...retrying(['qr', 'pairing-code', 'syncing'], 'timer:ready', (_e, env) => ({ code: 'READY_TIMEOUT', message: `Signed in, but WhatsApp did not finish loading within ${step.seconds(env.settings.timeouts.authToReadyMs)}.` })),
  row({ from: CLIENT_PHASES, on: 'ready', when: [idle], to: 'ready', does: READY, run: (s, e) => step.ready(s, e.phoneNumber, e.pushName) }),
  row({ from: CLIENT_PHASES, on: 'ready', when: [loggingOut], to: 'unlinking', does: [...READY, 'clear logout', 'unlink-phone'], run: (s, e) => step.ready(s, e.phoneNumber, e.pushName) }),

  // Ready, and what can end it.
  row({ from: ['ready'], on: 'change-state', when: [lost], to: 'connection-lost', does: ['emit reconnecting'], run: (s, e, env) => step.connectionLost(s, e.state, env) }),
  row({ from: ['connection-lost'], on: 'change-state', when: [connected], to: 'ready', does: ['emit ready'], run: (s) => step.connectionBack(s) }),
  ...retrying(CLIENT_PHASES, 'browser-exited', () => ({ code: 'BROWSER_EXITED', message: "This account's browser closed unexpectedly." }), [hidden]),
  ...retrying(CLIENT_PHASES, 'disconnected', (e) => disconnectCause(e.reason), [outcome('transient')]),
  row({ from: CLIENT_PHASES, on: 'disconnected', when: [idle, outcome('terminal')], to: 'failed', does: FAIL, run: (s, e) => failedBy(s, disconnectCause(e.reason)) }),
  row({ from: CLIENT_PHASES, on: 'disconnected', when: [idle, outcome('logged-out')], to: 'logged-out', does: GONE, run: (s, e) => step.loggedOut(s, 'unlinked-from-phone', `disconnected: ${e.reason}`, 'Logged out from your phone') }),
  row({ from: CLIENT_PHASES, on: 'auth-failure', when: [idle], to: 'logged-out', does: GONE, run: (s) => step.loggedOut(s, 'revoked-offline', 'session revoked while offline', 'Logged out') }),

  // Waiting, and the end of a logout.
  row({ from: ['waiting-retry'], on: 'timer:retry', to: 'finding-browser', does: ['find-browser'], run: (s) => step.launch(s) }),
  row({ from: ['unlinking'], on: 'phone-unlinked', to: 'logged-out', does: FINISH, run: (s) => step.finishLogout(s) }),
  row({ from: SIGNING_IN, on: 'timer:logout', when: [loggingOut], to: 'logged-out', does: FINISH, run: (s) => step.finishLogout(s) }),
];

function disconnectCause(reason: string): { code: SessionFailureCode; message: string } {
  const o = classifyDisconnect(reason);
  // Only reached for transient and terminal reasons (the guards); a logged-out one has its own row.
  return o.kind === 'logged-out' ? { code: 'DISCONNECTED', message: o.message } : o;
}

const failedBy = (s: MachineState, cause: { code: SessionFailureCode; message: string }) => step.fail(s, cause.code, cause.message);

/** The rows that take `event` in `s` (the table's guards make it one at most). */
export function rowsFor(s: MachineState, event: SessionEvent, env: MachineEnv): Transition[] {
  const key = eventKey(event);
  return TRANSITIONS.filter((t) => t.from.includes(s.phase) && t.on.includes(key) && t.when.every((g) => g.test(s, event, env)));
}

/** An effect as the table names it: its type, with the timer it arms or clears and the state it shows. */
export function effectLabel(e: SessionEffect): string {
  if (e.type === 'arm' || e.type === 'clear') return `${e.type} ${e.timer}`;
  if (e.type === 'emit') return `emit ${e.state.kind}`;
  return e.type;
}

export function next(s: MachineState, event: SessionEvent, env: MachineEnv): Step {
  const [t] = rowsFor(s, event, env);
  if (!t) return { state: s, effects: [{ type: 'ignored', phase: s.phase, event: eventKey(event), loggingOut: s.loggingOut }] };
  return t.run(s, event, env);
}
