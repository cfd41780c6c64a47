// API benchmark: the app's local API (POST a message, hear its acks on the event stream) against stock
// whatsapp-web.js 1.34.7 calling client.sendMessage and hearing message_ack in its own process, and
// against the same app's messaging called inside the host (`direct`: the API's own cost), all against
// the simulator, for N accounts: send -> ack 2 (delivered) and ack 3 (read: the simulated contact
// reads as soon as a message is delivered) at p50 and p99, messages per second per account in a bounded
// burst, and the host's RSS (API off; on and idle; on with one stream client under the burst). Each host
// runs in a process of its own; the simulator and the API client run here. Interleaved runs, medians.
// Run: npx tsx bench/api/run.ts [--counts 1,3] [--runs 3] [--latency-count 50] [--burst 200] [--concurrency 16]
//        [--delivery-ms 20] [--idle-ms 3000] [--timeout-ms 180000] [--message-timeout-ms 10000] [--burst-timeout-ms 120000] [--client http|fetch]
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SimServer } from '../../e2e/sim/SimServer';
import { killMentioning } from '../accounts/procTree';
import { freshPhones, loadAverage, sleep } from '../accounts/trial';
import { ApiClient, type ClientKind } from './apiClient';
import { HostProcess, killHosts } from './hostProcess';
import type { Path, RoundResult, Variant } from './protocol';
import { checkTarget, latencyKey, median, mediansOf, PATHS, runStats, table, targetLines, type MemoryStats, type RunStats } from './report';
import { AckTracker, burstRound, latencyRound } from './rounds';
import { cleanUpOnSignal, progress } from '../lifecycle';

const { values } = parseArgs({
  options: {
    counts: { type: 'string', default: '1,3' },
    runs: { type: 'string', default: '3' },
    'latency-count': { type: 'string', default: '50' },
    burst: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
    'delivery-ms': { type: 'string', default: '20' },
    'idle-ms': { type: 'string', default: '3000' },
    'timeout-ms': { type: 'string', default: '180000' },
    'message-timeout-ms': { type: 'string', default: '10000' },
    'burst-timeout-ms': { type: 'string', default: '120000' },
    // http: node:http with keep-alive (the API's cost, little of the script's); fetch: docs/api.md's example.
    client: { type: 'string', default: 'http' },
  },
});
const counts = values.counts.split(',').map(Number).filter((n) => n > 0);
const runs = Number(values.runs);
const latencyCount = Number(values['latency-count']);
const burstCount = Number(values.burst);
const concurrency = Number(values.concurrency);
const idleMs = Number(values['idle-ms']);
const timeoutMs = Number(values['timeout-ms']);
const messageTimeoutMs = Number(values['message-timeout-ms']);
const burstTimeoutMs = Number(values['burst-timeout-ms']);
if (values.client !== 'http' && values.client !== 'fetch') throw new Error(`--client is http or fetch, not ${values.client}`);
const clientKind: ClientKind = values.client;
/** The contact every account writes to (each account has a phone of its own, so each has its own chat). */
const CONTACT = '15559990001';
/** Sequential GETs that measure an API round trip without WhatsApp work. */
const PING_COUNT = 100;
const root = mkdtempSync(join(tmpdir(), 'wa-bench-api-'));

/** Hosts, then every browser (each names root in its --user-data-dir), then the folder: also on error or signal. */
function cleanUp(): void {
  const hosts = killHosts();
  const browsers = killMentioning(root);
  if (hosts || browsers.length) progress(`clean-up killed ${hosts} host(s) and ${browsers.length} browser process(es)`);
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
cleanUpOnSignal(cleanUp);
const anomalies: string[] = [];
process.on('unhandledRejection', (reason) => anomalies.push(`runner: unhandled rejection: ${String(reason).split('\n')[0]}`));

/** A free loopback port for the API (the app's settings take a fixed port). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** After a full GC, the median of a few RSS samples over a second: neither garbage nor a spike is the idle size. */
async function idleRss(host: HostProcess): Promise<number> {
  await host.call({ op: 'gc' }, 10_000);
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) {
    xs.push(host.rssMiB());
    await sleep(250);
  }
  return Math.round(median(xs) * 10) / 10;
}

interface Pair {
  ours: HostProcess;
  stock: HostProcess;
  api: ApiClient;
  oursAcks: AckTracker;
  phones: Record<Variant, string[]>;
}

/** Every latency round's samples, by path and N: the percentiles are over all runs' messages. */
const latencyByPath = new Map<string, RoundResult[]>();

/** The simulated contact reads each message as soon as it is delivered (latency rounds only). */
let autoRead = false;

/** Reads every chat (no message left below ack 3 to be read later) and lets the acks settle. */
async function drain(sim: SimServer, phones: string[]): Promise<void> {
  for (const phone of phones) sim.contactReads(CONTACT, phone);
  await sleep(500);
}

/** One path's latency round, then its burst (RSS sampled from the host meanwhile). */
async function measurePath(sim: SimServer, p: Pair, path: Path, to: string[]): Promise<{ latency: RoundResult[]; burst: RoundResult[]; peakMiB: number; cpuMs: number }> {
  const host = path === 'stock' ? p.stock : p.ours;
  const phones = p.phones[path === 'stock' ? 'stock' : 'ours'];
  const latencyLimit = messageTimeoutMs * latencyCount + 10_000;
  const burstLimit = burstTimeoutMs + 10_000;
  // The API path has its one stream client for its rounds only, so `direct` runs with none.
  if (path === 'api') await p.api.openStream(p.oursAcks);
  try {
    autoRead = true;
    p.oursAcks.clear();
    const latency = path === 'api'
      ? await latencyRound(p.api.send, p.oursAcks, to, latencyCount, messageTimeoutMs)
      : await host.call<RoundResult[]>({ op: 'latency', count: latencyCount, to, perMessageTimeoutMs: messageTimeoutMs }, latencyLimit);
    autoRead = false;
    await drain(sim, phones);
    p.oursAcks.clear();
    const burst = await host.peakWhile(() => (path === 'api'
      ? burstRound(p.api.send, p.oursAcks, to, burstCount, concurrency, burstTimeoutMs)
      : host.call<RoundResult[]>({ op: 'burst', count: burstCount, concurrency, to, timeoutMs: burstTimeoutMs }, burstLimit)));
    await drain(sim, phones);
    return { latency, burst: burst.value, peakMiB: burst.peakMiB, cpuMs: burst.cpuMs };
  } finally {
    autoRead = false;
    if (path === 'api') p.api.closeStream();
  }
}

async function measureRun(sim: SimServer, p: Pair, n: number, run: number, peaks: Record<Path, number>): Promise<RunStats[]> {
  const to = Array.from({ length: n }, () => CONTACT);
  // Who goes first rotates, so no path always runs on a warmer (or busier) machine.
  const order = PATHS.map((_, i) => PATHS[(i + run + n) % PATHS.length]!);
  const out: RunStats[] = [];
  for (const path of order) {
    const r = await measurePath(sim, p, path, to);
    peaks[path] = Math.max(peaks[path], r.peakMiB);
    latencyByPath.set(latencyKey(path, n), [...(latencyByPath.get(latencyKey(path, n)) ?? []), ...r.latency]);
    const stats = runStats({ path, n, run, latency: r.latency, burst: r.burst, burstPeakRssMiB: r.peakMiB, burstCpuMs: r.cpuMs, burstCount });
    progress(`${path} n=${n} run ${run}: ack 2 p50 ${stats.deliveredP50} ms, ack 3 p50 ${stats.readP50} ms, burst ${stats.burstPerAccountPerSec} msgs/s/account, ` +
      `host CPU ${stats.hostCpuMsPerMessage} ms/message, peak RSS ${stats.burstPeakRssMiB} MiB, errors ${stats.errors.length}`);
    out.push(stats);
  }
  return out;
}

async function measureCount(sim: SimServer, n: number): Promise<{ stats: RunStats[]; memory: MemoryStats[] }> {
  const phones = { ours: freshPhones(sim, n), stock: freshPhones(sim, n) };
  const job = (variant: Variant) => ({ variant, n, dir: join(root, `${variant}-n${n}`), chromiumArgs: sim.chromiumArgs(), timeoutMs });
  // One host links at a time: linking is not what is measured, and two at once would slow each other.
  const ours = new HostProcess(job('ours'), sim, phones.ours);
  let stock: HostProcess | undefined;
  let api: ApiClient | undefined;
  try {
    const ids = await ours.whenReady();
    progress(`ours n=${n}: ${n} account(s) ready (API off)`);
    stock = new HostProcess(job('stock'), sim, phones.stock);
    await stock.whenReady();
    progress(`stock n=${n}: ${n} client(s) ready`);
    await sleep(idleMs);
    const oursOff = await idleRss(ours);
    const stockIdle = await idleRss(stock);
    const access = await ours.call<{ base: string; secret: string }>({ op: 'apiOn', port: await freePort() }, 30_000);
    await sleep(idleMs);
    const oursOn = await idleRss(ours);
    progress(`n=${n} RSS: ours API off ${oursOff} MiB, on ${oursOn} MiB; stock ${stockIdle} MiB`);
    api = new ApiClient(access, ids, clientKind);
    const oursAcks = new AckTracker();
    const pair: Pair = { ours, stock, api, oursAcks, phones: { ours: phones.ours.map((ph) => ph.number), stock: phones.stock.map((ph) => ph.number) } };
    // Warm-up, not counted: the first messages of a chat pay for its creation and for cold code paths.
    autoRead = true;
    await api.openStream(oursAcks);
    await latencyRound(api.send, oursAcks, ids.map(() => CONTACT), 3, messageTimeoutMs);
    api.closeStream();
    await stock.call({ op: 'latency', count: 3, to: ids.map(() => CONTACT), perMessageTimeoutMs: messageTimeoutMs }, messageTimeoutMs * 3 + 10_000);
    autoRead = false;
    // The floor of any API call on this machine now: a GET that does no WhatsApp work.
    const pingMs = await api.pingPercentiles(ids[0]!, PING_COUNT);
    progress(`n=${n}: GET /v1/accounts/{id} p50 ${pingMs.p50} ms, p99 ${pingMs.p99} ms`);
    const peaks: Record<Path, number> = { api: 0, direct: 0, stock: 0 };
    const stats: RunStats[] = [];
    for (let run = 1; run <= runs; run++) stats.push(...(await measureRun(sim, pair, n, run, peaks)));
    // What the load left behind once its garbage is collected (the peaks above include garbage).
    const oursAfter = await idleRss(ours);
    const stockAfter = await idleRss(stock);
    if (api.streamError) anomalies.push(`n=${n}: ${api.streamError}`);
    progress(`n=${n}: the stream carried ${api.frames} frames`);
    return {
      stats,
      memory: [
        { variant: 'ours', n, idleMiB: oursOff, apiOnIdleMiB: oursOn, directLoadPeakMiB: peaks.direct, loadPeakMiB: peaks.api, afterLoadMiB: oursAfter, pingMs },
        { variant: 'stock', n, idleMiB: stockIdle, loadPeakMiB: peaks.stock, afterLoadMiB: stockAfter },
      ],
    };
  } finally {
    api?.close();
    await Promise.all([ours.stop(30_000), stock?.stop(30_000)]);
    anomalies.push(...ours.anomalies.map((a) => `n=${n}: ${a}`), ...(stock?.anomalies ?? []).map((a) => `n=${n}: ${a}`));
  }
}

async function main(): Promise<void> {
  const sim = new SimServer({ bootDelayMs: 200, syncStepMs: 50, firstRefMs: 120_000, laterRefMs: 60_000, deliveryMs: Number(values['delivery-ms']), log: () => undefined });
  await sim.start();
  sim.on('ack', ({ number, ack }) => {
    // After the relay's own broadcast of ack 2, as a person would open the chat once it arrived.
    if (autoRead && ack === 2) setImmediate(() => sim.contactReads(CONTACT, number));
  });
  const loadStart = loadAverage();
  progress(`load average at start: ${loadStart.join(' ')}; temp root ${root}`);
  const stats: RunStats[] = [];
  const memory: MemoryStats[] = [];
  const failures: string[] = [];
  try {
    for (const n of counts) {
      try {
        const r = await measureCount(sim, n);
        stats.push(...r.stats);
        memory.push(...r.memory);
      } catch (err) {
        failures.push(`n=${n}: ${err instanceof Error ? err.message : String(err)}`);
        progress(`n=${n} FAILED: ${failures.at(-1)}`);
      }
    }
    for (const e of sim.pageErrors()) anomalies.push(`page error (${e.kind}): ${e.message.split('\n')[0]}`);
  } finally {
    await sim.stop();
  }

  const loadEnd = loadAverage();
  const medians = mediansOf(stats, latencyByPath, counts);
  const target = checkTarget(medians, counts);
  const errors = stats.flatMap((s) => s.errors.map((e) => `${s.path} n=${s.n} run ${s.run}: ${e}`));
  console.log(`api benchmark: simulator deliveryMs=${sim.timings.deliveryMs} (ack 1 -> 2), the contact reads at ack 2; ${runs} interleaved runs per path and N; ` +
    `latency: ${latencyCount} messages per account per run, one at a time, percentiles over all runs; burst: ${burstCount} per account, ${concurrency} in flight`);
  console.log(`API: the app (createApp) with its local API on loopback, POST /v1/accounts/{id}/messages, acks from GET /v1/events (one stream client), script client ${clientKind}; ` +
    'direct: the same app\'s messaging (what the API calls) in the host, no HTTP, no client; stock: whatsapp-web.js 1.34.7 Client + LocalAuth, client.sendMessage, message_ack in its process');
  console.log(`load average (1, 5, 15 min): start ${loadStart.join(' ')}, end ${loadEnd.join(' ')} on ${availableParallelism()} cores`);
  for (const line of table(medians, memory, counts)) console.log(line);
  for (const line of targetLines(target, counts)) console.log(line);
  for (const f of failures) console.log(`failure: ${f}`);
  for (const e of errors) console.log(`error: ${e}`);
  for (const a of anomalies) console.log(`anomaly: ${a}`);
  console.log(JSON.stringify({
    bench: 'api', client: clientKind, runs, counts, latencyCount, burst: burstCount, concurrency, deliveryMs: sim.timings.deliveryMs,
    loadAverage: { start: loadStart, end: loadEnd }, medians, memory, target, failures, errors, anomalies, runsDetail: stats.map(({ errors: _e, ...s }) => s),
  }));
  if (failures.length) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    cleanUp();
    setTimeout(() => process.exit(), 200).unref();
  });
