import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, LocalAuth, type ClientOptions } from 'whatsapp-web.js';
import { testBrowserPath } from '../testBrowser';
import type { SimServer } from './SimServer';

/** Chromium flags for a closed network (docs/development.md, "Chromium on a closed network"), plus what running as root needs. */
export const OFFLINE_CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage',
];
/** The full browser stock whatsapp-web.js runs here, from the tests' one source (e2e/testBrowser.ts). */
export const CHROMIUM_PATH = testBrowserPath();

/**
 * Options for a stock Client against the simulator. A fresh puppeteer object each time
 * (docs/whatsapp-web.js.md, "Options are merged by reference").
 */
export function simClientOptions(sim: SimServer, options: ClientOptions = {}): ClientOptions {
  return {
    webVersionCache: { type: 'none' },
    ...options,
    puppeteer: {
      executablePath: CHROMIUM_PATH,
      headless: true,
      ...options.puppeteer,
      args: [...OFFLINE_CHROMIUM_ARGS, ...sim.chromiumArgs(), ...(options.puppeteer?.args ?? [])],
    },
  };
}

export const CLIENT_EVENTS = [
  'qr', 'code', 'loading_screen', 'authenticated', 'auth_failure', 'ready', 'change_state', 'disconnected', 'remote_session_saved',
  'message', 'message_create', 'message_ack', 'unread_count',
] as const;
export type ClientEventName = (typeof CLIENT_EVENTS)[number];

export interface RecordedEvent {
  name: ClientEventName;
  args: unknown[];
  at: number;
}

/** Records a client's lifecycle events in order, so tests can assert sequence and payloads. */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private readonly waiters: Array<() => void> = [];

  constructor(client: Client) {
    for (const name of CLIENT_EVENTS) {
      client.on(name, (...args: unknown[]) => {
        this.events.push({ name, args, at: Date.now() });
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
  }

  names(): ClientEventName[] {
    return this.events.map((e) => e.name);
  }

  /** The argument lists of every recorded event with this name, in order. */
  args(name: ClientEventName): unknown[][] {
    return this.events.filter((e) => e.name === name).map((e) => e.args);
  }

  count(name: ClientEventName): number {
    return this.events.filter((e) => e.name === name).length;
  }

  /** Waits until `count` events named `name` have been recorded (counting those already seen). */
  async waitFor(name: ClientEventName, timeoutMs = 30_000, count = 1): Promise<RecordedEvent> {
    return this.waitForMatch(name, () => true, timeoutMs, count);
  }

  /** Like waitFor, counting only events whose arguments satisfy `match`. */
  async waitForMatch(name: ClientEventName, match: (args: unknown[]) => boolean, timeoutMs = 30_000, count = 1): Promise<RecordedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matches = this.events.filter((e) => e.name === name && match(e.args));
      const hit = matches[count - 1];
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching '${name}' event (#${count}) within ${timeoutMs} ms; events so far: ${this.names().join(', ') || 'none'}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }
}

/**
 * Builds clients and temp data folders for one test and tears all of them down afterwards, killing
 * Chromium outright if a graceful close fails, so no browser outlives its test.
 */
export class ClientHarness {
  private readonly clients: Client[] = [];
  private readonly dirs: string[] = [];

  constructor(private readonly sim: SimServer) {}

  async tempDir(label = 'data'): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), `wa-sim-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** A stock client with LocalAuth (absolute dataPath) unless options bring their own strategy. */
  create(dataPath: string, options: ClientOptions = {}): { client: Client; log: EventLog } {
    const client = new Client(simClientOptions(this.sim, { authStrategy: new LocalAuth({ dataPath }), ...options }));
    this.clients.push(client);
    return { client, log: new EventLog(client) };
  }

  /** Destroys a client and waits a moment, so the library's un-awaited re-inject settles first. */
  async destroy(client: Client): Promise<void> {
    await client.destroy().catch(() => undefined);
    const proc = client.pupBrowser?.process();
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  }

  async cleanup(): Promise<void> {
    for (const client of this.clients.splice(0)) await this.destroy(client);
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Fast timings for tests: sub-second boot and sync, refs long enough to scan without racing. */
export const TEST_TIMINGS = { bootDelayMs: 200, syncStepMs: 50, firstRefMs: 4000, laterRefMs: 3000, refCount: 6, deliveryMs: 100 } as const;

/** Initializes a fresh client, scans its first QR with the default phone and waits for `ready`. */
export async function linkNewDevice(
  harness: ClientHarness,
  sim: SimServer,
  dataPath: string,
  options: ClientOptions = {},
): Promise<{ client: Client; log: EventLog; deviceId: string }> {
  const { client, log } = harness.create(dataPath, options);
  await client.initialize();
  const qr = await log.waitFor('qr');
  const linked = sim.waitFor('linked');
  sim.scan(String(qr.args[0]));
  const { deviceId } = await linked;
  await log.waitFor('ready');
  return { client, log, deviceId };
}
