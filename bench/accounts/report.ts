// Medians per engine and N, the ours/stock ratios, the two targets, and the table that shows them.
import { median, type Engine, type TrialResult } from './trial';

export const METRICS = ['firstQrAllMs', 'scanToReadyAllMs', 'restartToReadyAllMs', 'processesPerAccount', 'ussMiBPerAccount', 'pssMiBPerAccount'] as const;
export type Metric = (typeof METRICS)[number];

const LABELS: Record<Metric, string> = {
  firstQrAllMs: 'start -> first QR, all (ms)',
  scanToReadyAllMs: 'scan -> ready, all (ms)',
  restartToReadyAllMs: 'restart -> ready, all (ms)',
  processesPerAccount: 'processes per account',
  ussMiBPerAccount: 'USS per account (MiB)',
  pssMiBPerAccount: 'PSS per account (MiB)',
};

/** Memory per account at least 30% below stock; restoring 5 accounts no slower than stock. */
export const TARGETS = { memoryRatioMax: 0.7, restore5RatioMax: 1.0 } as const;

export type Medians = Partial<Record<Metric, number>> & { runs: number };
export type Summary = Record<Engine, Record<number, Medians>>;
export type Ratios = Record<number, Partial<Record<Metric, number>>>;

export interface Targets {
  memory: { met: boolean; maxRatio: number; perN: Record<number, { uss?: number; pss?: number; met: boolean }> };
  restore5: { met: boolean; maxRatio: number; ratio?: number };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarizeAll(trials: TrialResult[], counts: number[]): { medians: Summary; ratios: Ratios } {
  const medians: Summary = { ours: {}, stock: {} };
  const ratios: Ratios = {};
  for (const n of counts) {
    for (const engine of ['ours', 'stock'] as const) {
      const mine = trials.filter((t) => t.engine === engine && t.n === n);
      const m: Medians = { runs: mine.length };
      if (mine.length) for (const k of METRICS) m[k] = round(median(mine.map((t) => t[k])), 1);
      medians[engine][n] = m;
    }
    ratios[n] = {};
    for (const k of METRICS) {
      const o = medians.ours[n]?.[k];
      const s = medians.stock[n]?.[k];
      if (o !== undefined && s !== undefined && s > 0) ratios[n]![k] = round(o / s, 2);
    }
  }
  return { medians, ratios };
}

export function checkTargets(ratios: Ratios, counts: number[]): Targets {
  const perN: Targets['memory']['perN'] = {};
  for (const n of counts) {
    const uss = ratios[n]?.ussMiBPerAccount;
    const pss = ratios[n]?.pssMiBPerAccount;
    perN[n] = { uss, pss, met: uss !== undefined && pss !== undefined && uss <= TARGETS.memoryRatioMax && pss <= TARGETS.memoryRatioMax };
  }
  const ratio5 = ratios[5]?.restartToReadyAllMs;
  return {
    memory: { met: counts.length > 0 && counts.every((n) => perN[n]!.met), maxRatio: TARGETS.memoryRatioMax, perN },
    restore5: { met: ratio5 !== undefined && ratio5 <= TARGETS.restore5RatioMax, maxRatio: TARGETS.restore5RatioMax, ratio: ratio5 },
  };
}

export function table(medians: Summary, ratios: Ratios, counts: number[]): string[] {
  const fmt = (x: number | undefined) => (x === undefined ? '-' : String(x));
  const lines = [`${'N'.padEnd(3)}${'metric (median)'.padEnd(30)}${'ours'.padStart(9)}${'stock'.padStart(9)}${'ours/stock'.padStart(12)}`];
  for (const n of counts) {
    const o = medians.ours[n];
    const s = medians.stock[n];
    lines.push(`${String(n).padEnd(3)}${`runs ok`.padEnd(30)}${fmt(o?.runs).padStart(9)}${fmt(s?.runs).padStart(9)}`);
    for (const k of METRICS) {
      lines.push(`${String(n).padEnd(3)}${LABELS[k].padEnd(30)}${fmt(o?.[k]).padStart(9)}${fmt(s?.[k]).padStart(9)}${fmt(ratios[n]?.[k]).padStart(12)}`);
    }
  }
  return lines;
}

export function targetLines(targets: Targets, counts: number[]): string[] {
  const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
  const mem = counts.map((n) => `N=${n} USS ${targets.memory.perN[n]?.uss ?? '-'} PSS ${targets.memory.perN[n]?.pss ?? '-'}`).join('; ');
  return [
    `target: memory per account (USS and PSS, every N) <= ${targets.memory.maxRatio} x stock: ${verdict(targets.memory.met)} (${mem})`,
    `target: restart -> all ready with 5 accounts <= ${targets.restore5.maxRatio} x stock: ${verdict(targets.restore5.met)} (ratio ${targets.restore5.ratio ?? 'not measured'})`,
  ];
}
