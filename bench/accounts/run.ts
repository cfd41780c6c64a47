// Accounts benchmark: our engine vs stock whatsapp-web.js 1.34.7 (default options) against the simulator,
// for N accounts at once: start -> first QR, scan -> ready, restart -> ready, and memory per account
// (USS, PSS over its Chromium process tree, after restore and an idle pause). Interleaved, medians.
// Run: npx tsx bench/accounts/run.ts [--runs 3] [--counts 1,3,5] [--boot-ms 1000] [--sync-step-ms 200] [--idle-ms 5000]
//        [--timeout-ms 180000] [--engines ours,stock]
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SimServer } from '../../e2e/sim/SimServer';
import { oursTrial } from './oursTrial';
import { killMentioning, leftoversAfter } from './procTree';
import { checkTargets, summarizeAll, table, targetLines } from './report';
import { STOCK_CHROMIUM, stockTrial } from './stockTrial';
import { testBrowserChoice } from '../../e2e/testBrowser';
import { loadAverage, type Engine, type TrialContext, type TrialResult } from './trial';
import { cleanUpOnSignal, progress } from '../lifecycle';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    counts: { type: 'string', default: '1,3,5' },
    // Realistic in shape, short enough to run: a page that boots in 1 s and a sync of three 200 ms steps.
    'boot-ms': { type: 'string', default: '1000' },
    'sync-step-ms': { type: 'string', default: '200' },
    'idle-ms': { type: 'string', default: '5000' },
    'timeout-ms': { type: 'string', default: '180000' },
    // For a quick look at one side only; the comparison needs both.
    engines: { type: 'string', default: 'ours,stock' },
  },
});

const runs = Number(values.runs);
const engines = values.engines.split(',');
const counts = values.counts.split(',').map(Number).filter((n) => n > 0);
const root = mkdtempSync(join(tmpdir(), 'wa-bench-accounts-'));

/** Every browser this run started has `root` in its --user-data-dir: kill those by pid, then drop the folder. */
function cleanUp(): void {
  const killed = killMentioning(root);
  if (killed.length) progress(`clean-up killed ${killed.length} leftover process(es): ${killed.join(' ')}`);
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
cleanUpOnSignal(cleanUp);

// The library leaves promises nobody awaits (docs/whatsapp-web.js.md, "Unhandled rejections from work nobody
// awaits"); count them per trial, never crash on one.
let rejections: string[] = [];
process.on('unhandledRejection', (reason) => rejections.push(`unhandled rejection: ${String(reason).split('\n')[0]}`));

async function main(): Promise<void> {
  const sim = new SimServer({ bootDelayMs: Number(values['boot-ms']), syncStepMs: Number(values['sync-step-ms']) });
  await sim.start();
  const loadStart = loadAverage();
  progress(`load average at start: ${loadStart.join(' ')}; temp root ${root}`);
  const trials: TrialResult[] = [];
  const failures: { engine: Engine; n: number; run: number; error: string }[] = [];
  try {
    for (const n of counts) {
      for (let run = 1; run <= runs; run++) {
        // Alternate who goes first, so neither engine always runs on a warmer (or busier) machine.
        const order = ((run + n) % 2 ? ['ours', 'stock'] : ['stock', 'ours']).filter((e): e is Engine => engines.includes(e));
        for (const engine of order) {
          const dir = join(root, `${engine}-n${n}-r${run}`);
          await mkdir(dir, { recursive: true });
          rejections = [];
          const ctx: TrialContext = {
            sim, dir, n, run, idleMs: Number(values['idle-ms']), scanDelayMs: 500, timeoutMs: Number(values['timeout-ms']),
            rejections: () => rejections.splice(0), progress,
          };
          try {
            const result = await (engine === 'ours' ? oursTrial(ctx) : stockTrial(ctx));
            trials.push(result);
            progress(`${engine} n=${n} run ${run}: USS ${result.ussMiBPerAccount} PSS ${result.pssMiBPerAccount} MiB/account, ${result.processesPerAccount} processes; anomalies: ${result.anomalies.length}`);
          } catch (err) {
            const error = err instanceof Error ? err.message : String(err);
            failures.push({ engine, n, run, error });
            progress(`${engine} n=${n} run ${run} FAILED: ${error}`);
          } finally {
            const killed = (await leftoversAfter(dir)).length ? killMentioning(dir) : [];
            if (killed.length) failures.push({ engine, n, run, error: `${killed.length} browser process(es) killed after the trial` });
            rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
          }
        }
      }
    }
  } finally {
    await sim.stop();
  }

  const loadEnd = loadAverage();
  const { medians, ratios } = summarizeAll(trials, counts);
  const targets = checkTargets(ratios, counts);
  console.log(`accounts benchmark: simulator bootDelayMs=${sim.timings.bootDelayMs} syncStepMs=${sim.timings.syncStepMs}; ` +
    `${runs} interleaved runs per engine and N; memory after restore + ${values['idle-ms']} ms idle`);
  console.log(`ours: product engine (${testBrowserChoice({ kind: 'any' })?.executablePath ?? 'no browser'}, lean flags, add all / app.start()); stock: whatsapp-web.js 1.34.7 defaults, ${STOCK_CHROMIUM} headless: true, all at once`);
  console.log(`load average (1, 5, 15 min): start ${loadStart.join(' ')}, end ${loadEnd.join(' ')} on ${availableParallelism()} cores`);
  for (const line of table(medians, ratios, counts)) console.log(line);
  for (const line of targetLines(targets, counts)) console.log(line);
  const anomalies = trials.flatMap((t) => t.anomalies.map((a) => `${t.engine} n=${t.n} run ${t.run}: ${a}`));
  if (failures.length) for (const f of failures) console.log(`failure: ${f.engine} n=${f.n} run ${f.run}: ${f.error}`);
  if (anomalies.length) for (const a of anomalies) console.log(`anomaly: ${a}`);
  console.log(JSON.stringify({
    bench: 'accounts', runs, counts, bootDelayMs: sim.timings.bootDelayMs, syncStepMs: sim.timings.syncStepMs,
    idleMs: Number(values['idle-ms']), loadAverage: { start: loadStart, end: loadEnd }, medians, ratios, targets, failures, anomalies,
    trials: trials.map(({ anomalies: _a, ...t }) => t),
  }));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    cleanUp();
    // whatsapp-web.js and puppeteer may keep handles open after destroy(); the run is over.
    setTimeout(() => process.exit(), 200).unref();
  });
