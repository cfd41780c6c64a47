// The steps the session machine's transitions are made of (sessionMachine.ts holds the table that
// says which step answers which event in which phase). Each takes the state and answers the next
// state with the effects to run, in order.
import type { LogoutReason, SessionFailureCode, SessionState } from '../../preload/contract';
import { backoffStep } from './Backoff';
import { LOGOUT_MESSAGES } from './disconnectReasons';
import type { Display, MachineEnv, MachineState, Phase, SessionEffect, Step } from './sessionEvents';

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

const emit = (state: SessionState, reason: string): SessionEffect => ({ type: 'emit', state, reason });
const clear = (...timers: ('page' | 'qr' | 'sync' | 'ready' | 'logout')[]): SessionEffect[] => timers.map((timer) => ({ type: 'clear', timer }));

/** Moves to `phase` showing `view`: the state and the effect that shows it. */
function show(s: MachineState, phase: Phase, view: SessionState, reason: string, patch: Partial<MachineState> = {}): Step {
  return { state: { ...s, ...patch, phase, view }, effects: [emit(view, reason)] };
}

/** Appends `more` after `first`'s effects, starting from `first`'s state. */
function then(first: Step, more: (s: MachineState) => Step): Step {
  const second = more(first.state);
  return { state: second.state, effects: [...first.effects, ...second.effects] };
}

function setLinked(s: MachineState, linked: boolean): Step {
  return { state: { ...s, linked }, effects: s.linked === linked ? [] : [{ type: 'linked', linked }] };
}

/** A window needs a full browser: a headless shell cannot show one (main/browser/findBrowser.ts, `kind`). */
const findBrowser = (gen: number, display: Display): SessionEffect => ({ type: 'find-browser', gen, ...(display === 'window' ? { full: true as const } : {}) });

/** A fresh client: on the user's start with fresh attempts (hidden again), on a retry with the attempts used so far. */
export function launch(s: MachineState, fresh?: { pairPhone?: string }): Step {
  const gen = s.gen + 1;
  const state: MachineState = { ...s, phase: 'finding-browser', gen, resume: undefined };
  if (!fresh) return { state, effects: [findBrowser(gen, s.display)] };
  return { state: { ...state, retries: 0, qrShown: 0, pairPhone: fresh.pairPhone, display: 'hidden' }, effects: [{ type: 'destroy' }, findBrowser(gen, 'hidden')] };
}

/**
 * The same linked profile in a fresh client shown as `display`: "Open WhatsApp" restarts the browser as a
 * visible window, closing that window (or "Close window") restarts it headless. A linked profile restores,
 * so no QR is ever shown on the way.
 */
export function redisplay(s: MachineState, display: Display): Step {
  const gen = s.gen + 1;
  return { state: { ...s, phase: 'finding-browser', gen, resume: undefined, display }, effects: [{ type: 'destroy' }, findBrowser(gen, display)] };
}

export function browserFound(s: MachineState): Step {
  const view: SessionState = { kind: 'starting', phase: s.linked ? 'restore' : 'launch' };
  const why = s.display === 'window' ? 'opening WhatsApp in a window' : s.linked ? 'restoring the saved session' : 'starting to link';
  const step = show(s, 'preparing-profile', view, why);
  // A new link always starts from an empty profile: nothing of an unlinked session can leak into it.
  step.effects.push({ type: 'prepare-profile', gen: s.gen, wipe: !s.linked });
  return step;
}

export function profileReady(s: MachineState, env: MachineEnv): Step {
  return {
    state: { ...s, phase: 'starting' },
    effects: [
      { type: 'launch', gen: s.gen, restoreOnly: s.linked, ...(s.pairPhone ? { pairPhone: s.pairPhone } : {}), ...(s.display === 'window' ? { visible: true as const } : {}) },
      { type: 'arm', timer: 'page', ms: env.settings.timeouts.pageMs, gen: s.gen },
    ],
  };
}

export function stop(s: MachineState, reason: string): Step {
  const view: SessionState = { kind: 'stopped' };
  return { state: { ...s, phase: 'stopped', view, gen: s.gen + 1, display: 'hidden' }, effects: [{ type: 'destroy' }, emit(view, reason)] };
}

/** For good: the account is removed or the app quits. A logout under way ends here, its session kept. */
export function dispose(s: MachineState): Step {
  const effects: SessionEffect[] = [{ type: 'destroy' }, ...(s.loggingOut ? [{ type: 'logout-done' } as const] : []), { type: 'dispose' }];
  return { state: { ...s, phase: 'disposed', gen: s.gen + 1, loggingOut: false }, effects };
}

/** The user decides: no automatic retry. Ends a logout in progress (it deletes the session either way). */
export function fail(s: MachineState, code: SessionFailureCode, message: string, destroy = true): Step {
  const step = show(s, 'failed', { kind: 'failed', code, message }, code, destroy ? { gen: s.gen + 1 } : {});
  if (destroy) step.effects.unshift({ type: 'destroy' });
  step.effects.push({ type: 'attention', title: 'Needs attention', body: message });
  return s.loggingOut ? then(step, finishLogout) : step;
}

export function browserMissing(s: MachineState, hint: string): Step {
  return fail(s, 'BROWSER_NOT_FOUND', `No Chrome, Chromium, Edge or Brave was found. ${hint}`, false);
}

export function profileHeld(s: MachineState, holder: string): Step {
  return fail(s, 'PROFILE_LOCKED', `This account's browser profile is in use by ${holder}. Close it, then press Retry.`, false);
}

export function hasRetriesLeft(s: MachineState, env: MachineEnv): boolean {
  return s.retries < env.settings.backoff.maxAttempts;
}

/** A failure worth retrying: a fresh client after a capped, jittered delay; once retries run out, failed. */
export function retry(s: MachineState, env: MachineEnv, code: SessionFailureCode, message: string): Step {
  const { backoff } = env.settings;
  const step = backoffStep(backoff, s.retries, env.random);
  if (!step) return fail(s, code, `${message} Gave up after ${backoff.maxAttempts} automatic retries; press Retry to try again.`);
  const gen = s.gen + 1;
  const view: SessionState = { kind: 'reconnecting', attempt: step.attempt, nextTryAt: env.now + step.delayMs, reason: message };
  // A fresh client after a failure runs hidden: a window that could not start would fail again the same way.
  const shown = show(s, 'waiting-retry', view, `${code}: retry ${step.attempt} in ${seconds(step.delayMs)}`, { gen, retries: step.attempt, display: 'hidden' });
  return { state: shown.state, effects: [{ type: 'destroy' }, ...shown.effects, { type: 'arm', timer: 'retry', ms: step.delayMs, gen }] };
}

/** The session is gone (unlinked on the phone, revoked, or logged out here): close, delete, say so. */
export function loggedOut(s: MachineState, reason: LogoutReason, why: string, attention?: string): Step {
  const closed: Step = { state: { ...s, gen: s.gen + 1 }, effects: [{ type: 'destroy' }, { type: 'delete-profile' }] };
  const step = then(then(closed, (x) => setLinked(x, false)), (x) =>
    show(x, 'logged-out', { kind: 'logged-out', reason, message: LOGOUT_MESSAGES[reason] }, why, { loggingOut: false }));
  if (attention) step.effects.push({ type: 'attention', title: attention, body: LOGOUT_MESSAGES[reason] });
  return step;
}

/** The end of the logout the user asked for, whatever happened on the way. */
export function finishLogout(s: MachineState): Step {
  const step = loggedOut(s, 'logged-out-here', 'logged out by the user');
  return { state: step.state, effects: [...clear('logout'), ...step.effects, { type: 'logout-done' }] };
}

/** Logs out: on the phone first when signed in; a linked account signs in quietly to get there. */
export function startLogout(s: MachineState, env: MachineEnv): Step {
  if (s.phase === 'ready') return { state: { ...s, phase: 'unlinking', loggingOut: true }, effects: [{ type: 'unlink-phone', gen: s.gen }] };
  if (!s.linked) return finishLogout({ ...s, loggingOut: true });
  const step = launch({ ...s, loggingOut: true }, {});
  step.effects.push({ type: 'arm', timer: 'logout', ms: env.settings.timeouts.pageMs, gen: step.state.gen });
  return step;
}

/** No QR was scanned `qrLimit` times: close the browser until the user asks again. */
export function pauseLinking(s: MachineState, env: MachineEnv): Step {
  const shown = Math.min(s.qrShown, env.settings.qrLimit);
  const step = show(s, 'qr-paused', { kind: 'qr-paused', shown }, `paused after ${shown} QR codes were not scanned`, { gen: s.gen + 1 });
  const body = `No QR code was scanned (${shown} shown). Press "Show a new QR" when your phone is at hand.`;
  return { state: step.state, effects: [{ type: 'destroy' }, ...step.effects, { type: 'attention', title: 'Linking paused', body }] };
}

export function showQr(s: MachineState, qr: string, qrImage: string, env: MachineEnv): Step {
  const { settings } = env;
  const shown = s.qrShown + 1;
  if (shown > settings.qrLimit) return pauseLinking({ ...s, qrShown: shown }, env);
  const ttl = shown === 1 ? settings.qrFirstTtlMs : settings.qrLaterTtlMs;
  const view: SessionState = { kind: 'qr', qr, qrImage, expiresAt: env.now + ttl, shown, limit: settings.qrLimit };
  const step = show(s, 'qr', view, shown === 1 ? 'waiting for a scan' : 'new QR code', { qrShown: shown });
  return { state: step.state, effects: [...clear('page'), ...step.effects, { type: 'arm', timer: 'qr', ms: ttl + 2_000, gen: s.gen }] };
}

/** A QR outlived its lifetime: WhatsApp may have stopped issuing them (UNPAIRED_IDLE), so ask for one. */
export function qrExpired(s: MachineState, env: MachineEnv): Step {
  if (s.qrShown >= env.settings.qrLimit) return pauseLinking(s, env);
  return { state: s, effects: [{ type: 'refresh-qr', gen: s.gen }, { type: 'arm', timer: 'qr', ms: env.settings.qrLaterTtlMs, gen: s.gen }] };
}

export function showCode(s: MachineState, code: string, env: MachineEnv): Step {
  const step = show(s, 'pairing-code', { kind: 'pairing-code', code, expiresAt: env.now + env.settings.pairingIntervalMs }, 'pairing code shown');
  return { state: step.state, effects: [...clear('page'), ...step.effects] };
}

export function syncing(s: MachineState, percent: number, env: MachineEnv): Step {
  const p = Number.isFinite(percent) ? Math.max(0, Math.min(100, percent)) : 0;
  const step = show(s, 'syncing', { kind: 'syncing', percent: p }, 'syncing with the phone');
  return { state: step.state, effects: [...clear('page', 'qr'), { type: 'arm', timer: 'sync', ms: env.settings.timeouts.syncMs, gen: s.gen }, ...step.effects] };
}

/** Signed in: the phone now lists this device and the profile holds its keys; from here on, restore, never wipe. */
export function authenticated(s: MachineState, env: MachineEnv): Step {
  const linked = then({ state: s, effects: clear('page', 'qr') }, (x) => setLinked(x, true));
  // 'authenticated' without 'ready' is the library's silent hang (docs/whatsapp-web.js.md, "Authenticated but never ready").
  linked.effects.push({ type: 'arm', timer: 'ready', ms: env.settings.timeouts.authToReadyMs, gen: s.gen });
  if (s.phase === 'syncing') return linked;
  return then(linked, (x) => show(x, 'syncing', { kind: 'syncing', percent: 100 }, 'signed in'));
}

export function ready(s: MachineState, phoneNumber: string, pushName: string): Step {
  const cleared = then({ state: { ...s, retries: 0, qrShown: 0, pairPhone: undefined }, effects: clear('page', 'qr', 'sync', 'ready') }, (x) => setLinked(x, true));
  const view: SessionState = { kind: 'ready', phoneNumber, pushName, ...(s.display === 'window' ? { display: 'window' as const } : {}) };
  const shown = then(cleared, (x) => show(x, 'ready', view, s.display === 'window' ? 'ready, open in a window' : 'ready'));
  if (!s.loggingOut) return shown;
  return { state: { ...shown.state, phase: 'unlinking' }, effects: [...shown.effects, ...clear('logout'), { type: 'unlink-phone', gen: s.gen }] };
}

/** After ready, the connection dropped (TIMEOUT, OPENING, PAIRING): the client stays, waiting for it. */
export function connectionLost(s: MachineState, state: string, env: MachineEnv): Step {
  const view: SessionState = { kind: 'reconnecting', attempt: 0, nextTryAt: env.now, reason: 'The connection to WhatsApp was lost; waiting for it to come back.' };
  const resume = s.view.kind === 'ready' ? s.view : undefined;
  return { state: { ...s, phase: 'connection-lost', view, resume }, effects: [emit(view, `connection ${state}`)] };
}

export function connectionBack(s: MachineState): Step {
  const view = s.resume ?? { kind: 'ready', phoneNumber: '', pushName: '' };
  return { state: { ...s, phase: 'ready', view, resume: undefined }, effects: [emit(view, 'connection back')] };
}
