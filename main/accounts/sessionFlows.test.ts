// The session machine through whole flows, with what the user would see: the states shown (with their
// reasons), the notifications, what is deleted and when the browser is closed. No browser involved.
import { describe, expect, it } from 'vitest';
import { LOGOUT_MESSAGES } from './disconnectReasons';
import { initialState, type MachineState, type SessionEvent } from './sessionEvents';
import { ENV, NOW, READY_VIEW, SETTINGS, emitted, inPhase, run, types } from './testing/sessionFixtures';
import { next } from './sessionMachine';

const qr = (n: number): SessionEvent => ({ type: 'qr', qr: `2@ref${n}`, qrImage: `data:image/png;base64,${n}` });
const LAUNCHED: SessionEvent[] = [{ type: 'start' }, { type: 'browser-found' }, { type: 'profile-ready' }];
const reasons = (effects: ReturnType<typeof run>['effects']) => effects.flatMap((e) => (e.type === 'emit' ? [`${e.state.kind}: ${e.reason}`] : []));

describe('linking a new account', () => {
  it('starts from an empty profile, shows the QR with its lifetime, then syncs and becomes ready, linked', () => {
    const { state, effects } = run(initialState(false), [...LAUNCHED, qr(1), { type: 'loading', percent: 50 }, { type: 'authenticated' }, { type: 'ready', phoneNumber: '15550000001', pushName: 'Ann' }]);
    expect(reasons(effects)).toEqual(['starting: starting to link', 'qr: waiting for a scan', 'syncing: syncing with the phone', 'ready: ready']);
    expect(emitted(effects)[1]).toEqual({ kind: 'qr', qr: '2@ref1', qrImage: 'data:image/png;base64,1', expiresAt: NOW + SETTINGS.qrFirstTtlMs, shown: 1, limit: 3 });
    expect(effects).toContainEqual({ type: 'prepare-profile', gen: 1, wipe: true });
    expect(effects).toContainEqual({ type: 'launch', gen: 1, restoreOnly: false });
    expect(effects).toContainEqual({ type: 'arm', timer: 'page', ms: SETTINGS.timeouts.pageMs, gen: 1 });
    expect(effects).toContainEqual({ type: 'arm', timer: 'ready', ms: SETTINGS.timeouts.authToReadyMs, gen: 1 });
    expect(effects.filter((e) => e.type === 'linked')).toEqual([{ type: 'linked', linked: true }]);
    expect(state).toMatchObject({ phase: 'ready', linked: true, qrShown: 0, retries: 0, view: { kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' } });
  });

  it('a restored account keeps its profile and shows no QR on the way', () => {
    const { effects } = run(initialState(true), [...LAUNCHED, { type: 'authenticated' }, { type: 'ready', phoneNumber: '1', pushName: 'A' }]);
    expect(reasons(effects)).toEqual(['starting: restoring the saved session', 'syncing: signed in', 'ready: ready']);
    expect(effects).toContainEqual({ type: 'prepare-profile', gen: 1, wipe: false });
    expect(effects).toContainEqual({ type: 'launch', gen: 1, restoreOnly: true });
    expect(types(effects)).not.toContain('linked');
  });

  it('later QRs live shorter; past the limit the account pauses, closes its browser and asks for the user', () => {
    const { state, effects } = run(initialState(false), [...LAUNCHED, qr(1), qr(2), qr(3), qr(4)]);
    expect(reasons(effects).slice(1)).toEqual(['qr: waiting for a scan', 'qr: new QR code', 'qr: new QR code', 'qr-paused: paused after 3 QR codes were not scanned']);
    expect(emitted(effects)[2]).toMatchObject({ expiresAt: NOW + SETTINGS.qrLaterTtlMs, shown: 2 });
    expect(effects.at(-1)).toEqual({ type: 'attention', title: 'Linking paused', body: 'No QR code was scanned (3 shown). Press "Show a new QR" when your phone is at hand.' });
    expect(state.view).toEqual({ kind: 'qr-paused', shown: 3 });
    expect(next(state, { type: 'retry' }, ENV).state).toMatchObject({ phase: 'finding-browser', qrShown: 0 });
  });

  it('a QR that outlived its lifetime asks the page for a new one and checks again later', () => {
    const s = inPhase('qr');
    expect(next(s, { type: 'timer', name: 'qr' }, ENV).effects).toEqual([{ type: 'refresh-qr', gen: 7 }, { type: 'arm', timer: 'qr', ms: SETTINGS.qrLaterTtlMs, gen: 7 }]);
  });

  it('links with a phone number: the code replaces the QR and stays valid for the pairing interval', () => {
    const { state, effects } = run(initialState(false), [{ type: 'link', phone: '15550000009' }, { type: 'browser-found' }, { type: 'profile-ready' }, { type: 'code', code: 'ABCD1234' }]);
    expect(effects).toContainEqual({ type: 'launch', gen: 1, restoreOnly: false, pairPhone: '15550000009' });
    expect(state.view).toEqual({ kind: 'pairing-code', code: 'ABCD1234', expiresAt: NOW + SETTINGS.pairingIntervalMs });
    expect(run(state, [{ type: 'ready', phoneNumber: '15550000009', pushName: 'B' }]).state.pairPhone).toBeUndefined();
  });

  it('progress outside 0..100 is shown clamped', () => {
    expect(next(inPhase('qr'), { type: 'loading', percent: 150 }, ENV).state.view).toEqual({ kind: 'syncing', percent: 100 });
    expect(next(inPhase('qr'), { type: 'loading', percent: Number.NaN }, ENV).state.view).toEqual({ kind: 'syncing', percent: 0 });
  });
});

describe('failures and retries', () => {
  it('a transient failure closes the browser and retries after a jittered delay; the timeline says why', () => {
    const { state, effects } = run(inPhase('ready'), [{ type: 'browser-exited' }], { ...ENV, random: 0 });
    // base 1000 ms, jitter 0.5, the lowest draw: 500 ms.
    expect(effects).toEqual([
      { type: 'destroy' },
      { type: 'emit', state: { kind: 'reconnecting', attempt: 1, nextTryAt: NOW + 500, reason: "This account's browser closed unexpectedly." }, reason: 'BROWSER_EXITED: retry 1 in 0.5 s' },
      { type: 'arm', timer: 'retry', ms: 500, gen: 8 },
    ]);
    expect(next(state, { type: 'timer', name: 'retry' }, ENV)).toEqual({ state: { ...state, phase: 'finding-browser', gen: 9 }, effects: [{ type: 'find-browser', gen: 9 }] });
  });

  it('after the last automatic retry the account fails with the cause and waits for the user', () => {
    const spent: MachineState = inPhase('syncing', { retries: SETTINGS.backoff.maxAttempts });
    const { state, effects } = run(spent, [{ type: 'timer', name: 'ready' }]);
    const message = 'Signed in, but WhatsApp did not finish loading within 20 s. Gave up after 2 automatic retries; press Retry to try again.';
    expect(state.view).toEqual({ kind: 'failed', code: 'READY_TIMEOUT', message });
    expect(effects).toEqual([{ type: 'destroy' }, { type: 'emit', state: state.view, reason: 'READY_TIMEOUT' }, { type: 'attention', title: 'Needs attention', body: message }]);
    expect(next(state, { type: 'start' }, ENV).state.retries).toBe(0);
  });

  it('retries count from the last start and from the last ready', () => {
    const twice = run(inPhase('starting'), [{ type: 'timer', name: 'page' }, { type: 'timer', name: 'retry' }, { type: 'browser-found' }, { type: 'profile-ready' }, { type: 'timer', name: 'page' }]);
    expect(twice.state).toMatchObject({ phase: 'waiting-retry', retries: 2 });
    expect(run(inPhase('syncing', { retries: 2 }), [{ type: 'ready', phoneNumber: '1', pushName: 'A' }]).state.retries).toBe(0);
  });

  it('without a browser: failed with what to install, no starting state first', () => {
    const { effects } = run(initialState(false), [{ type: 'start' }, { type: 'browser-missing', hint: 'Install Chromium.' }]);
    expect(emitted(effects)).toEqual([{ kind: 'failed', code: 'BROWSER_NOT_FOUND', message: 'No Chrome, Chromium, Edge or Brave was found. Install Chromium.' }]);
  });

  it('a profile held by another program is explained and not retried', () => {
    const { state } = run(inPhase('preparing-profile'), [{ type: 'profile-held', holder: 'program node (pid 12)' }]);
    expect(state.view).toEqual({ kind: 'failed', code: 'PROFILE_LOCKED', message: "This account's browser profile is in use by program node (pid 12). Close it, then press Retry." });
  });
});

describe('after ready', () => {
  it('a lost connection shows reconnecting and comes back to the same ready state', () => {
    const lost = next(inPhase('ready'), { type: 'change-state', state: 'TIMEOUT' }, ENV);
    expect(lost.effects).toEqual([{ type: 'emit', state: { kind: 'reconnecting', attempt: 0, nextTryAt: NOW, reason: 'The connection to WhatsApp was lost; waiting for it to come back.' }, reason: 'connection TIMEOUT' }]);
    const back = next(lost.state, { type: 'change-state', state: 'CONNECTED' }, ENV);
    expect(back.state).toMatchObject({ phase: 'ready', view: READY_VIEW });
    expect(back.effects).toEqual([{ type: 'emit', state: READY_VIEW, reason: 'connection back' }]);
  });

  it('unlinked on the phone: browser closed first, then the profile deleted, linked off, and the user told', () => {
    const { state, effects } = run(inPhase('ready'), [{ type: 'disconnected', reason: 'LOGOUT' }]);
    const message = LOGOUT_MESSAGES['unlinked-from-phone'];
    expect(effects).toEqual([
      { type: 'destroy' },
      { type: 'delete-profile' },
      { type: 'linked', linked: false },
      { type: 'emit', state: { kind: 'logged-out', reason: 'unlinked-from-phone', message }, reason: 'disconnected: LOGOUT' },
      { type: 'attention', title: 'Logged out from your phone', body: message },
    ]);
    expect(state.linked).toBe(false);
  });

  it('opened elsewhere (CONFLICT) fails without a retry; revoked while offline is logged out', () => {
    expect(run(inPhase('ready'), [{ type: 'disconnected', reason: 'CONFLICT' }]).state.view).toMatchObject({ kind: 'failed', code: 'CONFLICT' });
    expect(types(run(inPhase('ready'), [{ type: 'disconnected', reason: 'CONFLICT' }]).effects)).not.toContain('arm');
    const revoked = run(inPhase('starting', { linked: true }), [{ type: 'auth-failure' }]);
    expect(revoked.state.view).toEqual({ kind: 'logged-out', reason: 'revoked-offline', message: LOGOUT_MESSAGES['revoked-offline'] });
    expect(revoked.effects.at(-1)).toEqual({ type: 'attention', title: 'Logged out', body: LOGOUT_MESSAGES['revoked-offline'] });
  });
});

describe('logging out', () => {
  const done = (effects: ReturnType<typeof run>['effects']) => types(effects).filter((t) => t === 'logout-done').length;

  it('when ready: unlinks on the phone, then closes, deletes the profile and shows logged out here', () => {
    const { state, effects } = run(inPhase('ready'), [{ type: 'logout' }, { type: 'phone-unlinked' }]);
    expect(types(effects)).toEqual(['unlink-phone', 'clear', 'destroy', 'delete-profile', 'linked', 'emit', 'logout-done']);
    expect(state).toMatchObject({ phase: 'logged-out', loggingOut: false, linked: false, view: { kind: 'logged-out', reason: 'logged-out-here' } });
    expect(reasons(effects)).toEqual(['logged-out: logged out by the user']);
  });

  it('a linked account that is not running signs in quietly first, so the phone drops this device too', () => {
    const { state, effects } = run(inPhase('stopped', { linked: true }), [{ type: 'logout' }, { type: 'browser-found' }, { type: 'profile-ready' }, { type: 'authenticated' }, { type: 'ready', phoneNumber: '1', pushName: 'A' }]);
    expect(effects).toContainEqual({ type: 'arm', timer: 'logout', ms: SETTINGS.timeouts.pageMs, gen: 8 });
    expect(state.phase).toBe('unlinking');
    expect(types(effects).slice(-2)).toEqual(['clear', 'unlink-phone']);
  });

  it('while signing in to log out, failures are not retried and the logout still ends in logged out', () => {
    const s = run(inPhase('stopped', { linked: true }), [{ type: 'logout' }, { type: 'browser-found' }, { type: 'profile-ready' }]).state;
    const quiet = run(s, [{ type: 'browser-exited' }, { type: 'disconnected', reason: 'NAVIGATION' }, { type: 'timer', name: 'page' }, { type: 'stop', reason: 'x' }]);
    expect(types(quiet.effects)).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
    const end = run(quiet.state, [{ type: 'timer', name: 'logout' }]);
    expect(end.state).toMatchObject({ phase: 'logged-out', linked: false, loggingOut: false });
    expect(done(end.effects)).toBe(1);
  });

  it('a browser that cannot start ends the logout too, after saying why', () => {
    const { effects } = run(inPhase('failed', { linked: true }), [{ type: 'logout' }, { type: 'browser-missing', hint: 'Install Chromium.' }]);
    expect(emitted(effects).map((v) => v.kind)).toEqual(['failed', 'logged-out']);
    expect(done(effects)).toBe(1);
  });

  it('an account never linked is logged out at once; a second logout waits for the first; dispose ends it', () => {
    expect(done(run(inPhase('qr'), [{ type: 'logout' }]).effects)).toBe(1);
    const under = run(inPhase('ready'), [{ type: 'logout' }]).state;
    expect(next(under, { type: 'logout' }, ENV)).toEqual({ state: under, effects: [] });
    expect(types(next(under, { type: 'dispose' }, ENV).effects)).toEqual(['destroy', 'logout-done', 'dispose']);
  });
});

describe('generations', () => {
  it('every close or new client moves to a new generation, and work is tagged with the one it belongs to', () => {
    const s = inPhase('ready');
    for (const e of [{ type: 'stop', reason: 'x' }, { type: 'start' }, { type: 'browser-exited' }, { type: 'disconnected', reason: 'CONFLICT' }, { type: 'dispose' }] as SessionEvent[]) {
      expect(next(s, e, ENV).state.gen, e.type).toBeGreaterThan(s.gen);
    }
    const started = next(s, { type: 'start' }, ENV);
    expect(started.effects).toContainEqual({ type: 'find-browser', gen: started.state.gen });
  });

  it('the machine never changes the state it is given', () => {
    const s = Object.freeze(inPhase('qr'));
    const copy = structuredClone(s);
    run(s, [qr(2), { type: 'loading', percent: 1 }, { type: 'authenticated' }, { type: 'ready', phoneNumber: '1', pushName: 'A' }, { type: 'logout' }]);
    expect(s).toEqual(copy);
  });
});
