// Per-run statistics, medians over runs, the ours - stock differences, the target and the tables.
import type { AckTimes, Path, RoundResult, Variant } from './protocol';

/** "A few milliseconds" at p50: what the API (HTTP in, event stream out) may add to send -> ack. */
export const ADDED_P50_TARGET_MS = 3;

export interface RunStats {
  path: Path;
  n: number;
  run: number;
  /** Send -> POST answered / sendMessage resolved, delivered (ack 2), read (ack 3): p50 and p99 over every message of the round, ms. */
  acceptedP50: number;
  acceptedP99: number;
  deliveredP50: number;
  deliveredP99: number;
  readP50: number;
  readP99: number;
  latencySamples: number;
  /** Burst: messages per second per account (median over the accounts), to every message delivered. */
  burstPerAccountPerSec: number;
  /** The host process's own CPU time (not its browsers') over the burst, per message sent: what each path costs the host, whatever the machine's load. */
  hostCpuMsPerMessage: number;
  /** Host RSS peak while the burst ran, MiB. */
  burstPeakRssMiB: number;
  errors: string[];
}

export interface MemoryStats {
  variant: Variant;
  n: number;
  /** Ours: API off, accounts Ready, idle. Stock: clients ready, idle. */
  idleMiB: number;
  /** Ours only: API on with a key, no client, idle. */
  apiOnIdleMiB?: number;
  /** Ours only: highest RSS over the `direct` bursts (API on, no client). */
  directLoadPeakMiB?: number;
  /** Highest RSS over the bursts (ours: through the API, with one event stream client). */
  loadPeakMiB: number;
  /** After every run, idle again, after a full GC: what the load left behind. */
  afterLoadMiB: number;
  /** Ours only: GET /v1/accounts/{id} round trip (no WhatsApp work), the floor of any API call right now. */
  pingMs?: { p50: number; p99: number };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** p50 and p99 of send -> accepted, -> ack 2, -> ack 3 over every message of the given rounds, ms. */
export function latencyPercentiles(rounds: RoundResult[]): Pick<RunStats, 'acceptedP50' | 'acceptedP99' | 'deliveredP50' | 'deliveredP99' | 'readP50' | 'readP99' | 'latencySamples'> {
  const all = rounds.flatMap((r) => r.samples);
  const lat = (pick: (s: AckTimes) => number | undefined) => {
    const xs = all.flatMap((s) => (pick(s) === undefined ? [] : [pick(s)! - s.sentAt]));
    return [round(percentile(xs, 50), 2), round(percentile(xs, 99), 2)] as const;
  };
  const [acceptedP50, acceptedP99] = lat((s) => s.acceptedAt);
  const [deliveredP50, deliveredP99] = lat((s) => s.deliveredAt);
  const [readP50, readP99] = lat((s) => s.readAt);
  return { acceptedP50, acceptedP99, deliveredP50, deliveredP99, readP50, readP99, latencySamples: all.length };
}

export function runStats(o: { path: Path; n: number; run: number; latency: RoundResult[]; burst: RoundResult[]; burstPeakRssMiB: number; burstCpuMs: number; burstCount: number }): RunStats {
  const rates = o.burst.map((r) => (r.elapsedMs ? o.burstCount / (r.elapsedMs / 1000) : NaN));
  const sent = o.burst.reduce((k, r) => k + r.samples.length, 0);
  return {
    path: o.path, n: o.n, run: o.run, ...latencyPercentiles(o.latency), burstPerAccountPerSec: round(median(rates)),
    hostCpuMsPerMessage: sent ? round(o.burstCpuMs / sent, 2) : NaN, burstPeakRssMiB: round(o.burstPeakRssMiB),
    errors: [...o.latency, ...o.burst].flatMap((r) => r.errors.map((e) => `account ${r.account + 1}: ${e}`)),
  };
}

export const METRICS = ['acceptedP50', 'acceptedP99', 'deliveredP50', 'deliveredP99', 'readP50', 'readP99', 'burstPerAccountPerSec', 'hostCpuMsPerMessage'] as const;
type Metric = (typeof METRICS)[number];
const LABELS: Record<Metric, string> = {
  acceptedP50: 'send -> accepted p50 (ms)',
  acceptedP99: 'send -> accepted p99 (ms)',
  deliveredP50: 'send -> ack 2 p50 (ms)',
  deliveredP99: 'send -> ack 2 p99 (ms)',
  readP50: 'send -> ack 3 p50 (ms)',
  readP99: 'send -> ack 3 p99 (ms)',
  burstPerAccountPerSec: 'burst msgs/s/account (median)',
  hostCpuMsPerMessage: 'host CPU ms/message (median)',
};

export const PATHS: Path[] = ['api', 'direct', 'stock'];
export type Medians = Record<Path, Record<number, Partial<Record<Metric, number>> & { runs: number }>>;

/**
 * Per path and N: latency percentiles over every message of every run (a p99 needs more messages than
 * one run sends), the burst rate as the median over runs.
 */
export function mediansOf(stats: RunStats[], latency: Map<string, RoundResult[]>, counts: number[]): Medians {
  const out: Medians = { api: {}, direct: {}, stock: {} };
  for (const path of PATHS) {
    for (const n of counts) {
      const mine = stats.filter((s) => s.path === path && s.n === n);
      const m: Medians[Path][number] = { runs: mine.length };
      if (mine.length) {
        const { latencySamples: _n, ...pooled } = latencyPercentiles(latency.get(latencyKey(path, n)) ?? []);
        Object.assign(m, pooled, {
          burstPerAccountPerSec: round(median(mine.map((s) => s.burstPerAccountPerSec)), 2),
          hostCpuMsPerMessage: round(median(mine.map((s) => s.hostCpuMsPerMessage)), 2),
        });
      }
      out[path][n] = m;
    }
  }
  return out;
}

export const latencyKey = (path: Path, n: number) => `${path}/${n}`;

export interface Target {
  maxMs: number;
  /** Judged on api - stock (the comparison the issue asks for). */
  met: boolean;
  /** api - stock, send -> ack 2 and send -> ack 3 at p50, per N. */
  vsStockP50Ms: Record<number, { delivered?: number; read?: number }>;
  /** api - direct: the same app without HTTP and the stream, so the API's own cost. */
  vsDirectP50Ms: Record<number, { delivered?: number; read?: number }>;
  vsDirectMet: boolean;
}

function diffs(medians: Medians, counts: number[], base: Path): Record<number, { delivered?: number; read?: number }> {
  const out: Record<number, { delivered?: number; read?: number }> = {};
  for (const n of counts) {
    const diff = (k: Metric) => {
      const a = medians.api[n]?.[k];
      const b = medians[base][n]?.[k];
      return a === undefined || b === undefined || !Number.isFinite(a - b) ? undefined : round(a - b, 2);
    };
    out[n] = { delivered: diff('deliveredP50'), read: diff('readP50') };
  }
  return out;
}

export function checkTarget(medians: Medians, counts: number[]): Target {
  const within = (d: Record<number, { delivered?: number; read?: number }>) =>
    counts.length > 0 && counts.flatMap((n) => [d[n]?.delivered, d[n]?.read]).every((x) => x !== undefined && x <= ADDED_P50_TARGET_MS);
  const vsStockP50Ms = diffs(medians, counts, 'stock');
  const vsDirectP50Ms = diffs(medians, counts, 'direct');
  return { maxMs: ADDED_P50_TARGET_MS, met: within(vsStockP50Ms), vsStockP50Ms, vsDirectP50Ms, vsDirectMet: within(vsDirectP50Ms) };
}

const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '-' : String(round(x, 2)));

export function table(medians: Medians, memory: MemoryStats[], counts: number[]): string[] {
  const col = (x: string | number | undefined, w: number) => (typeof x === 'string' ? x : fmt(x)).padStart(w);
  const lines = [`${'N'.padEnd(3)}${'metric (all runs)'.padEnd(30)}${col('API', 9)}${col('direct', 9)}${col('stock', 9)}${col('API-direct', 12)}${col('API-stock', 11)}`];
  for (const n of counts) {
    const [a, d, s] = PATHS.map((p) => medians[p][n]);
    lines.push(`${String(n).padEnd(3)}${'runs ok'.padEnd(30)}${col(a?.runs, 9)}${col(d?.runs, 9)}${col(s?.runs, 9)}`);
    for (const k of METRICS) {
      const minus = (x?: number, y?: number) => (x === undefined || y === undefined ? undefined : x - y);
      lines.push(`${String(n).padEnd(3)}${LABELS[k].padEnd(30)}${col(a?.[k], 9)}${col(d?.[k], 9)}${col(s?.[k], 9)}${col(minus(a?.[k], d?.[k]), 12)}${col(minus(a?.[k], s?.[k]), 11)}`);
    }
  }
  const heads: [string, number][] = [['API off', 9], ['on, idle', 10], ['direct load', 13], ['API+stream load', 17], ['after, GC', 11], ['stock idle', 12], ['stock load', 12], ['after, GC', 11]];
  lines.push('', `${'N'.padEnd(3)}${'host RSS (MiB)'.padEnd(18)}${heads.map(([h, w]) => col(h, w)).join('')}`);
  for (const n of counts) {
    const o = memory.find((m) => m.variant === 'ours' && m.n === n);
    const s = memory.find((m) => m.variant === 'stock' && m.n === n);
    const over = (x: number | undefined, base: number | undefined) => (x === undefined || base === undefined ? undefined : x - base);
    const value = [o?.idleMiB, o?.apiOnIdleMiB, o?.directLoadPeakMiB, o?.loadPeakMiB, o?.afterLoadMiB, s?.idleMiB, s?.loadPeakMiB, s?.afterLoadMiB];
    const added = [0, over(o?.apiOnIdleMiB, o?.idleMiB), over(o?.directLoadPeakMiB, o?.idleMiB), over(o?.loadPeakMiB, o?.idleMiB), over(o?.afterLoadMiB, o?.idleMiB),
      0, over(s?.loadPeakMiB, s?.idleMiB), over(s?.afterLoadMiB, s?.idleMiB)];
    lines.push(`${String(n).padEnd(3)}${'value'.padEnd(18)}${value.map((v, i) => col(v, heads[i]![1])).join('')}`);
    lines.push(`${String(n).padEnd(3)}${'over its idle'.padEnd(18)}${added.map((v, i) => col(v, heads[i]![1])).join('')}`);
  }
  lines.push('', ...counts.map((n) => {
    const ping = memory.find((m) => m.variant === 'ours' && m.n === n)?.pingMs;
    return `N=${n}: GET /v1/accounts/{id} round trip (no WhatsApp work, API idle): p50 ${fmt(ping?.p50)} ms, p99 ${fmt(ping?.p99)} ms`;
  }));
  return lines;
}

export function targetLines(t: Target, counts: number[]): string[] {
  const per = (d: Target['vsStockP50Ms']) => counts.map((n) => `N=${n}: ack 2 ${fmt(d[n]?.delivered)} ms, ack 3 ${fmt(d[n]?.read)} ms`).join('; ');
  return [
    `target: the API adds <= ${t.maxMs} ms at p50 over stock sendMessage (send -> ack 2 and -> ack 3, API - stock): ${t.met ? 'MET' : 'NOT MET'} (${per(t.vsStockP50Ms)})`,
    `        and over the same app without HTTP and the stream (API - direct): ${t.vsDirectMet ? 'within' : 'NOT within'} ${t.maxMs} ms (${per(t.vsDirectP50Ms)})`,
  ];
}
