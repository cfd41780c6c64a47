// Stock whatsapp-web.js 1.34.7 with its default options, started the way a stock user would: all at once.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, LocalAuth } from 'whatsapp-web.js';
import { EventLog } from '../../e2e/sim/clientHarness';
import { testBrowserPath } from '../../e2e/testBrowser';
import type { SimServer } from '../../e2e/sim/SimServer';
import { leftoversAfter } from './procTree';
import { finishTimes, freshPhones, loadAverage, measureAccounts, sleep, summarize, type TrialContext, type TrialResult } from './trial';

/** The same full browser as the tests' (e2e/testBrowser.ts): stock whatsapp-web.js runs a full browser by default. */
export const STOCK_CHROMIUM = testBrowserPath();

/**
 * Only what running here needs: the system browser, no sandbox as root, the closed-network flags and
 * the simulator's host mapping; no web-version cache in the current directory. Everything else default.
 */
function stockClient(sim: SimServer, dataPath: string, clientId: string): Client {
  const asRoot = process.getuid?.() === 0;
  return new Client({
    authStrategy: new LocalAuth({ clientId, dataPath }),
    webVersionCache: { type: 'none' },
    puppeteer: {
      executablePath: STOCK_CHROMIUM,
      headless: true,
      args: [
        ...(asRoot ? ['--no-sandbox'] : []),
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        ...sim.chromiumArgs(),
      ],
    },
  });
}

interface Started { clients: Client[]; logs: EventLog[] }

function startAll(sim: SimServer, dataPath: string, ids: string[], anomalies: string[]): Started {
  const clients = ids.map((id) => stockClient(sim, dataPath, id));
  const logs = clients.map((c) => new EventLog(c));
  clients.forEach((c, i) => void c.initialize().catch((err: unknown) => anomalies.push(`stock ${ids[i]}: initialize failed: ${String(err).split('\n')[0]}`)));
  return { clients, logs };
}

/** A stock user's shutdown: destroy() each client; a browser that does not exit is killed and noted. */
async function destroyAll(clients: Client[], anomalies: string[]): Promise<void> {
  await Promise.all(clients.map(async (client) => {
    const proc = client.pupBrowser?.process();
    await client.destroy().catch((err: unknown) => anomalies.push(`stock destroy failed: ${String(err).split('\n')[0]}`));
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          anomalies.push('stock browser still running 5 s after destroy(): killed');
          proc.kill('SIGKILL');
          resolve();
        }, 5_000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }));
}

export async function stockTrial(ctx: TrialContext): Promise<TrialResult> {
  const { sim, n, timeoutMs } = ctx;
  const anomalies: string[] = [];
  const loadAvgAtStart = loadAverage()[0];
  const dataPath = join(ctx.dir, 'wwebjs_auth');
  await mkdir(dataPath, { recursive: true });
  const ids = Array.from({ length: n }, (_, i) => `bench${i + 1}`);
  const phones = freshPhones(sim, n);
  let live: Client[] = [];
  try {
    // Link: all N at once, then every QR scanned at once.
    const t0 = Date.now();
    const first = startAll(sim, dataPath, ids, anomalies);
    live = first.clients;
    const qr = await finishTimes(t0, first.logs.map((log) => log.waitFor('qr', timeoutMs)));
    ctx.progress(`stock n=${n}: all QRs in ${qr.allMs} ms`);
    await sleep(ctx.scanDelayMs);
    const t1 = Date.now();
    first.logs.forEach((log, i) => sim.scan(String(log.args('qr').at(-1)?.[0]), phones[i]));
    const linked = await finishTimes(t1, first.logs.map((log) => log.waitFor('ready', timeoutMs)));
    ctx.progress(`stock n=${n}: all ready ${linked.allMs} ms after the scans`);
    await destroyAll(first.clients, anomalies);
    live = [];
    const leftAfterLink = await leftoversAfter(ctx.dir);
    if (leftAfterLink.length) anomalies.push(`stock: ${leftAfterLink.length} process(es) left after destroy()`);

    // Restart on the same data folder: all at once again, each must restore without a QR.
    const t2 = Date.now();
    const second = startAll(sim, dataPath, ids, anomalies);
    live = second.clients;
    const restored = await finishTimes(t2, second.logs.map((log) => log.waitFor('ready', timeoutMs)));
    ctx.progress(`stock n=${n}: restored in ${restored.allMs} ms`);
    second.logs.forEach((log, i) => {
      if (log.count('qr') > 0) anomalies.push(`stock ${ids[i]}: showed a QR on restore`);
    });

    await sleep(ctx.idleMs);
    const memory = measureAccounts(second.clients.map((c, i) => ({
      pid: c.pupBrowser?.process()?.pid,
      userDataDir: join(dataPath, `session-${ids[i]}`),
    })));
    for (const log of [...first.logs, ...second.logs]) {
      for (const name of ['disconnected', 'auth_failure'] as const) if (log.count(name)) anomalies.push(`stock: '${name}' event`);
    }
    await destroyAll(second.clients, anomalies);
    live = [];
    const left = await leftoversAfter(ctx.dir);
    if (left.length) anomalies.push(`stock: ${left.length} process(es) left after destroy()`);
    return summarize({
      engine: 'stock', n, run: ctx.run, firstQrAllMs: qr.allMs, firstQrEachMs: qr.eachMs, scanToReadyAllMs: linked.allMs,
      restartToReadyAllMs: restored.allMs, memory, loadAvgAtStart, anomalies: [...anomalies, ...ctx.rejections()],
    });
  } finally {
    if (live.length) await destroyAll(live, anomalies);
  }
}
