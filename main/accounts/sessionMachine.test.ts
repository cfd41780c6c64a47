// Every phase with every event, written down from what the session does (not read back from the
// machine's own table): where each pair leads, or that it is ignored (nothing changes, the runner logs it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_PHASES, EVENT_KEYS, PHASES, eventKey, type EventKey, type MachineState, type Phase, type SessionEvent } from './sessionEvents';
import { ENV, SETTINGS, inPhase, types } from './testing/sessionFixtures';
import { TRANSITIONS, effectLabel, next, rowsFor } from './sessionMachine';
import { renderTransitionTable } from './transitionTable';

type Want = Phase | 'same' | 'ignored';
type Expect = (p: Phase) => Want;

const ALIVE = PHASES.filter((p) => p !== 'disposed');
const only = (phases: readonly Phase[], to: Phase | 'same'): Expect => (p) => (phases.includes(p) ? to : 'ignored');
const alive = (to: Phase | 'same') => only(ALIVE, to);
const client = (to: Phase) => only(CLIENT_PHASES, to);
const SIGNING_IN: Phase[] = ['finding-browser', 'preparing-profile', ...CLIENT_PHASES, 'qr-paused'];
/** Phases where a window the person asked for may be open or opening. */
const WINDOWED: Phase[] = ['finding-browser', 'preparing-profile', ...CLIENT_PHASES];
const inWindow = { display: 'window' } as const;

interface Case {
  name: string;
  event: SessionEvent;
  /** Changes to the phase's usual state (more QRs shown, retries used up, not linked). */
  state?: Partial<MachineState>;
  want: Expect;
}

const c = (name: string, event: SessionEvent, want: Expect, state?: Partial<MachineState>): Case => ({ name, event, want, ...(state ? { state } : {}) });
const timer = (name: 'page' | 'qr' | 'sync' | 'ready' | 'retry' | 'logout'): SessionEvent => ({ type: 'timer', name });
const spent = { retries: SETTINGS.backoff.maxAttempts };
const atLimit = { qrShown: SETTINGS.qrLimit };
/** The unlinking phase is only ever entered while logging out: there, only the logout's own events count. */
const notUnlinking = (want: Expect): Expect => (p) => (p === 'unlinking' ? 'ignored' : want(p));

/** Nobody is logging out. */
const IDLE: Case[] = [
  c('start', { type: 'start' }, notUnlinking(alive('finding-browser'))),
  c('retry', { type: 'retry' }, notUnlinking(alive('finding-browser'))),
  c('link with a phone', { type: 'link', phone: '15550000001' }, notUnlinking(alive('finding-browser'))),
  c('stop', { type: 'stop', reason: 'stopped by the user' }, notUnlinking(alive('stopped'))),
  c('block', { type: 'block', code: 'LEASE_HELD', message: 'held' }, notUnlinking(alive('failed'))),
  c('logout, linked', { type: 'logout' }, (p) => (p === 'ready' ? 'unlinking' : p === 'unlinking' ? 'unlinking' : alive('finding-browser')(p)), { linked: true }),
  c('logout, not linked', { type: 'logout' }, (p) => (p === 'ready' ? 'unlinking' : p === 'unlinking' ? 'unlinking' : alive('logged-out')(p)), { linked: false }),
  c('dispose', { type: 'dispose' }, alive('disposed')),
  c('browser found', { type: 'browser-found' }, only(['finding-browser'], 'preparing-profile')),
  c('browser missing', { type: 'browser-missing', hint: 'Install Chromium.' }, only(['finding-browser'], 'failed')),
  c('profile ready', { type: 'profile-ready' }, only(['preparing-profile'], 'starting')),
  c('profile held', { type: 'profile-held', holder: 'program node' }, only(['preparing-profile'], 'failed')),
  c('launch failed', { type: 'launch-failed', error: 'boom' }, only(['preparing-profile', ...CLIENT_PHASES], 'waiting-retry')),
  c('launch failed, retries spent', { type: 'launch-failed', error: 'boom' }, only(['preparing-profile', ...CLIENT_PHASES], 'failed'), spent),
  c('QR refresh failed', { type: 'qr-refresh-failed', error: 'closed' }, only(['qr'], 'waiting-retry')),
  c('phone unlinked', { type: 'phone-unlinked' }, only(['unlinking'], 'logged-out')),
  c('qr', { type: 'qr', qr: '2@new', qrImage: 'data:' }, client('qr')),
  c('qr past the limit', { type: 'qr', qr: '2@new', qrImage: 'data:' }, client('qr-paused'), atLimit),
  c('pairing code', { type: 'code', code: 'WXYZ5678' }, client('pairing-code')),
  c('loading', { type: 'loading', percent: 50 }, client('syncing')),
  c('authenticated', { type: 'authenticated' }, client('syncing')),
  c('ready', { type: 'ready', phoneNumber: '1', pushName: 'A' }, client('ready')),
  c('change_state TIMEOUT', { type: 'change-state', state: 'TIMEOUT' }, only(['ready'], 'connection-lost')),
  c('change_state OPENING', { type: 'change-state', state: 'OPENING' }, only(['ready'], 'connection-lost')),
  c('change_state CONNECTED', { type: 'change-state', state: 'CONNECTED' }, only(['connection-lost'], 'ready')),
  c('change_state CONFLICT', { type: 'change-state', state: 'CONFLICT' }, () => 'ignored'),
  c('disconnected, transient', { type: 'disconnected', reason: 'NAVIGATION' }, client('waiting-retry')),
  c('disconnected, transient, retries spent', { type: 'disconnected', reason: 'NAVIGATION' }, client('failed'), spent),
  c('disconnected CONFLICT', { type: 'disconnected', reason: 'CONFLICT' }, client('failed')),
  c('disconnected LOGOUT', { type: 'disconnected', reason: 'LOGOUT' }, client('logged-out')),
  c('auth_failure', { type: 'auth-failure' }, client('logged-out')),
  c('browser exited', { type: 'browser-exited' }, client('waiting-retry')),
  // The person closed the visible window: headless again on the same profile, no failure, no retry used.
  c('browser exited, in a window', { type: 'browser-exited' }, client('finding-browser'), inWindow),
  c('open a window', { type: 'open-window' }, only(['ready'], 'finding-browser')),
  c('open a window, one is open', { type: 'open-window' }, only(['ready'], 'same'), inWindow),
  c('close the window', { type: 'close-window' }, only(WINDOWED, 'finding-browser'), inWindow),
  c('close the window, none open', { type: 'close-window' }, () => 'ignored'),
  c('page closed, in a window', { type: 'page-closed' }, client('finding-browser'), inWindow),
  c('page closed, hidden', { type: 'page-closed' }, () => 'ignored'),
  c('page timer', timer('page'), only(['starting'], 'waiting-retry')),
  c('page timer, retries spent', timer('page'), only(['starting'], 'failed'), spent),
  c('qr timer', timer('qr'), only(['qr'], 'qr')),
  c('qr timer at the limit', timer('qr'), only(['qr'], 'qr-paused'), atLimit),
  c('sync timer', timer('sync'), only(['qr', 'pairing-code', 'syncing'], 'waiting-retry')),
  c('ready timer', timer('ready'), only(['qr', 'pairing-code', 'syncing'], 'waiting-retry')),
  c('ready timer, retries spent', timer('ready'), only(['qr', 'pairing-code', 'syncing'], 'failed'), spent),
  c('retry timer', timer('retry'), only(['waiting-retry'], 'finding-browser')),
  c('logout timer', timer('logout'), () => 'ignored'),
];

/** A logout is under way: the account signs in quietly, failures are not retried, the logout ends it. */
const LOGGING_OUT: Case[] = [
  ...['start', 'retry', 'stop', 'block'].map((name) => c(name, IDLE.find((x) => x.name === name)!.event, () => 'ignored')),
  c('link with a phone', { type: 'link', phone: '15550000001' }, () => 'ignored'),
  c('logout again (waits for the first)', { type: 'logout' }, alive('same')),
  c('dispose', { type: 'dispose' }, alive('disposed')),
  c('browser missing', { type: 'browser-missing', hint: 'Install Chromium.' }, only(['finding-browser'], 'logged-out')),
  c('profile held', { type: 'profile-held', holder: 'program node' }, only(['preparing-profile'], 'logged-out')),
  c('browser found', { type: 'browser-found' }, only(['finding-browser'], 'preparing-profile')),
  c('profile ready', { type: 'profile-ready' }, only(['preparing-profile'], 'starting')),
  ...['launch-failed', 'browser-exited', 'auth-failure'].map((type) => c(type, { type, error: 'x' } as SessionEvent, () => 'ignored')),
  ...['NAVIGATION', 'CONFLICT', 'LOGOUT'].map((reason) => c(`disconnected ${reason}`, { type: 'disconnected', reason }, () => 'ignored')),
  ...(['page', 'sync', 'ready'] as const).map((name) => c(`${name} timer`, timer(name), () => 'ignored')),
  c('QR refresh failed', { type: 'qr-refresh-failed', error: 'closed' }, () => 'ignored'),
  ...(['open-window', 'close-window', 'page-closed'] as const).map((type) => c(`${type} in a window`, { type }, () => 'ignored', inWindow)),
  c('qr', { type: 'qr', qr: '2@new', qrImage: 'data:' }, client('qr')),
  c('ready', { type: 'ready', phoneNumber: '1', pushName: 'A' }, client('unlinking')),
  c('phone unlinked', { type: 'phone-unlinked' }, only(['unlinking'], 'logged-out')),
  c('logout timer', timer('logout'), only(SIGNING_IN, 'logged-out')),
];

function check(cases: Case[], phases: readonly Phase[], base: Partial<MachineState>) {
  const pairs = phases.flatMap((phase) => cases.map((k) => ({ phase, k })));
  it.each(pairs.map(({ phase, k }) => [phase, k.name, phase, k] as const))('%s × %s', (_p, _n, phase, k) => {
    const state = Object.freeze(inPhase(phase, { ...base, ...k.state }));
    const want = k.want(phase);
    const { state: after, effects } = next(state, k.event, ENV);
    expect(rowsFor(state, k.event, ENV).length, 'rows that take this pair').toBeLessThanOrEqual(1);
    if (want === 'ignored') {
      expect(after).toBe(state);
      expect(effects).toEqual([{ type: 'ignored', phase, event: eventKey(k.event), loggingOut: state.loggingOut }]);
      return;
    }
    expect(after.phase).toBe(want === 'same' ? phase : want);
    expect(types(effects)).not.toContain('ignored');
    // The table's effects column says what this row does.
    const [row] = rowsFor(state, k.event, ENV);
    const pattern = new RegExp(`^${row!.does.map((d) => (d.endsWith('?') ? `(${d.slice(0, -1)};)?` : `${d};`)).join('')}$`);
    expect(effects.map((e) => `${effectLabel(e)};`).join('')).toMatch(pattern);
    expect(row!.to === 'same' ? phase : row!.to).toBe(after.phase);
  });
}

describe('the session machine, phase by event', () => {
  it('has a case for every event', () => {
    const covered = new Set([...IDLE, ...LOGGING_OUT].map((k) => eventKey(k.event)));
    expect(EVENT_KEYS.filter((key: EventKey) => !covered.has(key))).toEqual([]);
  });
  describe('nobody logging out', () => check(IDLE, PHASES, {}));
  describe('logging out', () => check(LOGGING_OUT, [...SIGNING_IN, 'unlinking'], { loggingOut: true, linked: true }));
});

describe('the transition table in docs/architecture.md', () => {
  it('is the machine\'s own (regenerate it from the message below when the machine changes)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'architecture.md'), 'utf8');
    const found = /<!-- transitions:begin -->\n([\s\S]*?)\n<!-- transitions:end -->/.exec(doc);
    const table = renderTransitionTable();
    expect(found, 'docs/architecture.md has the markers <!-- transitions:begin --> and <!-- transitions:end -->').not.toBeNull();
    expect(found![1], `docs/architecture.md should hold, between the markers:\n\n${table}\n`).toBe(table);
  });

  it('lists every row once, with phases and events the machine knows', () => {
    const keys = new Set(TRANSITIONS.map((t) => `${t.from.join()}|${t.on.join()}|${t.when.map((g) => g.text).join()}`));
    expect(keys.size).toBe(TRANSITIONS.length);
    for (const t of TRANSITIONS) {
      expect(t.from.every((p) => PHASES.includes(p))).toBe(true);
      expect(t.on.every((e) => (EVENT_KEYS as readonly string[]).includes(e))).toBe(true);
    }
  });
});
