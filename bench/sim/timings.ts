// Lifecycle timings of stock whatsapp-web.js 1.34.7 + Debian Chromium against the simulator:
// initialize -> qr, scan -> ready, restart (same data folder) -> ready.
// Run: npx tsx bench/sim/timings.ts [--runs N] [--boot-ms N] [--sync-step-ms N]
import { parseArgs } from 'node:util';
import { ClientHarness, sleep } from '../../e2e/sim/clientHarness';
import { SimServer } from '../../e2e/sim/SimServer';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    // Realistic in shape, short enough to run in a minute: a page that takes 1 s to boot and a
    // sync of three 200 ms steps (real WA Web: seconds for both).
    'boot-ms': { type: 'string', default: '1000' },
    'sync-step-ms': { type: 'string', default: '200' },
  },
});

interface Run { initToQrMs: number; scanToReadyMs: number; restartToReadyMs: number }

async function measure(sim: SimServer): Promise<Run> {
  const harness = new ClientHarness(sim);
  try {
    const dir = await harness.tempDir('bench');
    const first = harness.create(dir);
    const t0 = Date.now();
    await first.client.initialize();
    const qr = await first.log.waitFor('qr', 60_000);
    const initToQrMs = qr.at - t0;
    await sleep(500); // a person needs longer than this to scan; keeps the phases apart
    const t1 = Date.now();
    sim.scan(String(qr.args[0]));
    const ready = await first.log.waitFor('ready', 60_000);
    const scanToReadyMs = ready.at - t1;
    await harness.destroy(first.client);

    const second = harness.create(dir);
    const t2 = Date.now();
    await second.client.initialize();
    const restored = await second.log.waitFor('ready', 60_000);
    if (second.log.count('qr') > 0) throw new Error('restart showed a QR: the session did not restore');
    return { initToQrMs, scanToReadyMs, restartToReadyMs: restored.at - t2 };
  } finally {
    await harness.cleanup();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const runs = Number(values.runs);
  const sim = new SimServer({ bootDelayMs: Number(values['boot-ms']), syncStepMs: Number(values['sync-step-ms']) });
  await sim.start();
  const results: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) results.push(await measure(sim));
  } finally {
    await sim.stop();
  }
  const keys: (keyof Run)[] = ['initToQrMs', 'scanToReadyMs', 'restartToReadyMs'];
  const labels: Record<keyof Run, string> = { initToQrMs: 'initialize -> qr', scanToReadyMs: 'scan -> ready', restartToReadyMs: 'restart -> ready' };
  console.log(`simulator: bootDelayMs=${sim.timings.bootDelayMs} syncStepMs=${sim.timings.syncStepMs}; ${runs} runs, ms`);
  console.log(`${'phase'.padEnd(18)}${results.map((_, i) => `run ${i + 1}`.padStart(9)).join('')}${'median'.padStart(9)}`);
  for (const key of keys) {
    const xs = results.map((r) => r[key]);
    console.log(`${labels[key].padEnd(18)}${xs.map((x) => String(x).padStart(9)).join('')}${String(median(xs)).padStart(9)}`);
  }
  console.log(JSON.stringify({
    bench: 'sim-timings', runs, bootDelayMs: sim.timings.bootDelayMs, syncStepMs: sim.timings.syncStepMs,
    medianMs: Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k]))])), results,
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
