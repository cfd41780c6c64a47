// Links one account with stock LocalAuth against a simulator whose first sync writes `historyMB` of
// message history into IndexedDB, then closes the browser: a real profile folder of a real-world size.
import { join } from 'node:path';
import { Client, LocalAuth } from 'whatsapp-web.js';
import { EventLog, simClientOptions } from '../../e2e/sim/clientHarness';
import { SimServer } from '../../e2e/sim/SimServer';

export interface LinkedProfile {
  /** LocalAuth dataPath; the profile is `<dataPath>/session-<accountId>`. */
  dataPath: string;
  profileDir: string;
  /** What the simulator reports it wrote into IndexedDB (JSON bytes of the messages). */
  historyBytes: number;
  linkMs: number;
}

export async function linkWithHistory(o: {
  dataPath: string;
  accountId: string;
  historyMB: number;
  timeoutMs: number;
  progress: (line: string) => void;
}): Promise<LinkedProfile> {
  // Short boot and sync steps: the history fill is what takes time; a QR that outlives a busy machine.
  const sim = new SimServer({ bootDelayMs: 200, syncStepMs: 50, firstRefMs: 120_000, laterRefMs: 60_000, historyMB: o.historyMB });
  await sim.start();
  const client = new Client(simClientOptions(sim, { authStrategy: new LocalAuth({ clientId: o.accountId, dataPath: o.dataPath }) }));
  const log = new EventLog(client);
  try {
    const t0 = Date.now();
    await client.initialize();
    const qr = await log.waitFor('qr', o.timeoutMs);
    const synced = sim.waitFor('synced', () => true, o.timeoutMs);
    sim.scan(String(qr.args[0]));
    const { historyBytes } = await synced;
    await log.waitFor('ready', o.timeoutMs);
    const linkMs = Date.now() - t0;
    o.progress(`linked with historyMB=${o.historyMB} in ${linkMs} ms (simulator wrote ${historyBytes} bytes of history)`);
    return { dataPath: o.dataPath, profileDir: join(o.dataPath, `session-${o.accountId}`), historyBytes, linkMs };
  } finally {
    await closeBrowser(client);
    await sim.stop();
  }
}

/** destroy() closes Chromium gracefully (LevelDB is flushed); a browser still running 10 s later is killed. */
async function closeBrowser(client: Client): Promise<void> {
  const proc = client.pupBrowser?.process();
  await client.destroy().catch(() => undefined);
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      resolve();
    }, 10_000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
