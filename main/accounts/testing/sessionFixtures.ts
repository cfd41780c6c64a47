// Shared by the session machine's tests: small settings, a fixed clock and dice, and a plausible
// machine state for each phase.
import type { SessionState } from '../../../preload/contract';
import { initialState, type MachineEnv, type MachineState, type Phase, type SessionEffect, type SessionEvent } from '../sessionEvents';
import { next } from '../sessionMachine';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from '../sessionSettings';

export const SETTINGS: SessionSettings = {
  ...DEFAULT_SESSION_SETTINGS,
  timeouts: { pageMs: 30_000, authToReadyMs: 20_000, syncMs: 25_000, teardownMs: 5_000 },
  qrFirstTtlMs: 60_000,
  qrLaterTtlMs: 20_000,
  qrLimit: 3,
  pairingIntervalMs: 180_000,
  backoff: { baseMs: 1_000, capMs: 8_000, maxAttempts: 2, jitter: 0.5 },
};

export const NOW = 1_000_000;
export const ENV: MachineEnv = { settings: SETTINGS, now: NOW, random: 0.5 };

export const READY_VIEW = { kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' } as const;

const VIEWS: Record<Phase, SessionState> = {
  stopped: { kind: 'stopped' },
  'finding-browser': { kind: 'stopped' },
  'preparing-profile': { kind: 'starting', phase: 'launch' },
  starting: { kind: 'starting', phase: 'launch' },
  qr: { kind: 'qr', qr: '2@abc', qrImage: 'data:image/png;base64,x', expiresAt: NOW, shown: 1, limit: 3 },
  'pairing-code': { kind: 'pairing-code', code: 'ABCD1234', expiresAt: NOW },
  syncing: { kind: 'syncing', percent: 40 },
  ready: READY_VIEW,
  'connection-lost': { kind: 'reconnecting', attempt: 0, nextTryAt: NOW, reason: 'lost' },
  unlinking: READY_VIEW,
  'waiting-retry': { kind: 'reconnecting', attempt: 1, nextTryAt: NOW, reason: 'dropped' },
  'qr-paused': { kind: 'qr-paused', shown: 3 },
  failed: { kind: 'failed', code: 'CONFLICT', message: 'elsewhere' },
  'logged-out': { kind: 'logged-out', reason: 'unlinked-from-phone', message: 'gone' },
  disposed: { kind: 'stopped' },
};

/** A state in `phase` as the machine would leave it there (a ready account is linked, and so on). */
export function inPhase(phase: Phase, patch: Partial<MachineState> = {}): MachineState {
  const linked = ['ready', 'connection-lost', 'unlinking'].includes(phase);
  return {
    ...initialState(linked),
    phase,
    view: VIEWS[phase],
    gen: 7,
    qrShown: phase === 'qr' ? 1 : 0,
    loggingOut: phase === 'unlinking',
    ...(phase === 'connection-lost' ? { resume: READY_VIEW } : {}),
    ...patch,
  };
}

/** Feeds `events` one after another; answers the last state and every effect, in order. */
export function run(state: MachineState, events: SessionEvent[], env: MachineEnv = ENV): { state: MachineState; effects: SessionEffect[] } {
  const effects: SessionEffect[] = [];
  for (const e of events) {
    const step = next(state, e, env);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

export const types = (effects: SessionEffect[]) => effects.map((e) => e.type);
export const emitted = (effects: SessionEffect[]) => effects.flatMap((e) => (e.type === 'emit' ? [e.state] : []));
