import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, CommandInput, CommandName, CommandOutput, SessionState } from '../../preload/contract';
import type { SessionSettings } from '../../main/accounts/AccountSession';
import type { BackupSettings } from '../../main/backup/BackupService';
import { createApp, type App } from '../../main/index';
import { createLogger, type Logger } from '../../main/log';
import { SimServer } from '../sim/SimServer';
import { testBrowserSetting } from '../testBrowser';
import type { PageError, SimOptions } from '../sim/types';

/** Simulator timings short enough for tests, long enough to be realistic in order. */
export const FAST_SIM: SimOptions = { bootDelayMs: 200, syncStepMs: 50, firstRefMs: 8_000, laterRefMs: 4_000, refCount: 6 };

/** Engine settings to match: watchdogs and backoff in seconds, not minutes. */
export function fastEngine(sim: SimServer, over: Partial<SessionSettings> = {}): Partial<SessionSettings> {
  return {
    extraChromiumArgs: sim.chromiumArgs(),
    qrFirstTtlMs: 8_000,
    qrLaterTtlMs: 4_000,
    timeouts: { pageMs: 30_000, authToReadyMs: 20_000, syncMs: 20_000, teardownMs: 5_000 },
    backoff: { baseMs: 300, capMs: 2_000, maxAttempts: 3, jitter: 0.2 },
    ...over,
  };
}

/** One data folder, one simulator; apps come and go on the same folder as a user's restarts would. */
export class EngineHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'wa-engine-'));
  readonly logLines: string[] = [];
  readonly log: Logger = createLogger((line) => this.logLines.push(line));
  app?: App;

  constructor(
    readonly sim: SimServer,
    private readonly engine: () => Partial<SessionSettings>,
    private readonly backup: Partial<BackupSettings> = {},
  ) {}

  async open(): Promise<App> {
    this.app = await createApp({ dataDir: this.dataDir, host: 'web', log: this.log, engine: this.engine(), backup: this.backup, browserPath: testBrowserSetting() });
    await this.app.start();
    return this.app;
  }

  async close(): Promise<void> {
    await this.app?.stop();
    this.app = undefined;
  }

  async restart(): Promise<App> {
    await this.close();
    return this.open();
  }

  async dispose(): Promise<void> {
    await this.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  get accounts() {
    if (!this.app) throw new Error('app not open');
    return this.app.accounts;
  }

  /** The account as the contract sends it (with its backup status). */
  account(id: string): Account {
    if (!this.app) throw new Error('app not open');
    return this.app.account(id);
  }

  /** Waits until the account's session reaches one of `kinds`. */
  waitFor(id: string, kinds: SessionState['kind'][], timeoutMs = 30_000): Promise<SessionState> {
    return this.accounts.sessionOf(id).waitFor(kinds, timeoutMs);
  }

  /** Collects every state the account passes through from now on. */
  record(id: string): SessionState[] {
    const seen: SessionState[] = [];
    this.accounts.sessionOf(id).on('state', (s) => seen.push(s));
    return seen;
  }

  /** Links a fresh account by scanning its first QR with `phone` (default: the simulator's). */
  async link(id: string, phone?: string): Promise<Extract<SessionState, { kind: 'ready' }>> {
    const qr = await this.waitFor(id, ['qr']);
    if (qr.kind !== 'qr') throw new Error('no qr');
    this.sim.scan(qr.qr, phone);
    const ready = await this.waitFor(id, ['ready']);
    return ready as Extract<SessionState, { kind: 'ready' }>;
  }
}

/** A simulator that delivers messages, and an app open on it: the set-up of the messaging and window tests. */
export async function openWithMessaging(): Promise<EngineHarness> {
  const sim = new SimServer({ ...FAST_SIM, deliveryMs: 100 });
  await sim.start();
  const h = new EngineHarness(sim, () => fastEngine(sim));
  await h.open();
  return h;
}

/** Closes what openWithMessaging opened; answers the errors the simulated page recorded, for the test to assert none. */
export async function closeWithMessaging(h: EngineHarness): Promise<PageError[]> {
  await h.dispose();
  const errors = h.sim.pageErrors();
  await h.sim.stop();
  return errors;
}

/** Calls a command through the registry, as the UI does; throws the Result's error with its code. */
export async function call<K extends CommandName>(h: EngineHarness, name: K, input?: CommandInput<K>): Promise<CommandOutput<K>> {
  const r = await h.app!.registry.dispatch(name, input);
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { code: r.error.code });
  return r.value as CommandOutput<K>;
}

/** The error code a call ends with ('no error' if it succeeded). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

/** Clean-ups run last-in first-out after each test (browsers before the folders they use). */
export class Cleanups {
  private readonly steps: (() => Promise<void> | void)[] = [];

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  /** A temp folder removed after the test. */
  folder(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.add(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step();
  }
}
