// The page's module registry is the contract with whatsapp-web.js 1.34.7 (docs/whatsapp-web.js.md,
// "Page modules the library requires"): each of the 15 modules must be necessary, or the simulator would prove nothing about it.
// Removing one must make the stock library fail, either loudly (initialize() rejects) or silently
// (authenticated, never ready), exactly as measured for the real page.
import { afterEach, describe, expect, it } from 'vitest';
import { ClientHarness, sleep, TEST_TIMINGS } from './clientHarness';
import { SimServer } from './SimServer';
import { REQUIRED_MODULES } from './types';

/** Needed before the first QR: without them ExposeAuthStore or the QR code throws in initialize(). */
const PRE_QR = REQUIRED_MODULES.slice(0, 11);
/** Needed only when the client becomes ready: without them it hangs "authenticated, never ready". */
const POST_AUTH = REQUIRED_MODULES.slice(11);
/** ready follows authenticated within ~0.1 s here (seconds on a loaded machine); this rules out a slow ready. */
const READY_GRACE_MS = 6_000;

let sim: SimServer;
let harness: ClientHarness;

afterEach(async () => {
  await harness?.cleanup();
  await sim?.stop();
});

type Outcome = { kind: 'rejected'; message: string } | { kind: 'ready' } | { kind: 'stuck'; events: string[] };

/** Starts a stock client against a page without `omit`, scans every QR it shows, reports how it ended. */
async function runWithout(omit: string[]): Promise<Outcome> {
  sim = new SimServer({ ...TEST_TIMINGS, omitModules: omit });
  await sim.start();
  harness = new ClientHarness(sim);
  const { client, log } = harness.create(await harness.tempDir());
  client.on('qr', (qr: string) => {
    sim.scan(qr);
  });
  try {
    await client.initialize();
  } catch (error) {
    return { kind: 'rejected', message: error instanceof Error ? error.message : String(error) };
  }
  await log.waitFor('authenticated', 15_000).catch(() => undefined);
  try {
    await log.waitFor('ready', READY_GRACE_MS);
    return { kind: 'ready' };
  } catch {
    await sleep(200);
    return { kind: 'stuck', events: log.names() };
  }
}

describe('each of the 15 page modules is required by whatsapp-web.js 1.34.7', () => {
  it('control: with every module present the client links and becomes ready', async () => {
    expect(await runWithout([])).toEqual({ kind: 'ready' });
    expect(sim.pageErrors()).toEqual([]);
  });

  it.each(PRE_QR)('without %s, initialize() rejects naming the module', async (module) => {
    const outcome = await runWithout([module]);
    expect(outcome).toEqual({ kind: 'rejected', message: expect.stringContaining(`Requiring unknown module "${module}"`) });
  });

  it.each(POST_AUTH)('without %s, the client is authenticated but never ready', async (module) => {
    const outcome = await runWithout([module]);
    expect(outcome).toEqual({ kind: 'stuck', events: expect.arrayContaining(['qr', 'authenticated']) });
    expect(outcome.kind === 'stuck' && outcome.events.includes('ready')).toBe(false);
  });
});
