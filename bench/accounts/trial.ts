// What one trial (one engine, N accounts) measures, and the helpers both engines' trials share.
import { readFileSync } from 'node:fs';
import type { SimServer } from '../../e2e/sim/SimServer';
import type { Phone } from '../../e2e/sim/Phone';
import { processTree, treeMemory, type TreeMemory } from './procTree';

export type Engine = 'ours' | 'stock';

export interface TrialResult {
  engine: Engine;
  n: number;
  run: number;
  /** From the start (add / initialize, all at once) until every account has shown its first QR. */
  firstQrAllMs: number;
  /** Each account's own time to its first QR. */
  firstQrEachMs: number[];
  /** From scanning every QR at once until every account is ready. */
  scanToReadyAllMs: number;
  /** From a fresh start on the same data folder until every account is ready again (no QR). */
  restartToReadyAllMs: number;
  /** Per account, after restore and an idle pause: its Chromium tree. */
  memory: TreeMemory[];
  /** Means over the accounts of this trial. */
  processesPerAccount: number;
  ussMiBPerAccount: number;
  pssMiBPerAccount: number;
  loadAvgAtStart: number;
  /** Anything that should not happen in a clean run: retries, failures, QRs on restore, log errors, leftovers. */
  anomalies: string[];
}

export interface TrialContext {
  sim: SimServer;
  /** This trial's own temp folder (under the benchmark's root; removed by the trial). */
  dir: string;
  n: number;
  run: number;
  idleMs: number;
  /** Pause between the last first-QR and the scans (a person is slower than this). */
  scanDelayMs: number;
  timeoutMs: number;
  /** Unhandled rejections seen process-wide since the trial started (the runner counts them). */
  rejections: () => string[];
  progress: (line: string) => void;
}

let phoneSerial = 0;

/** A phone per account per trial: a phone accepts only 4 linked devices, and trials must not share state. */
export function freshPhones(sim: SimServer, n: number): Phone[] {
  return Array.from({ length: n }, () => {
    phoneSerial += 1;
    return sim.addPhone({ number: `1555100${String(phoneSerial).padStart(4, '0')}`, pushname: `Bench ${phoneSerial}` });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  return [a, b, c];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** Memory of each account's tree, given its browser pid and profile folder. */
export function measureAccounts(browsers: { pid: number | undefined; userDataDir: string }[]): TreeMemory[] {
  return browsers.map(({ pid, userDataDir }) => {
    if (pid === undefined) throw new Error(`no browser pid for ${userDataDir}`);
    return treeMemory(processTree(pid, userDataDir));
  });
}

export function summarize(
  base: Omit<TrialResult, 'processesPerAccount' | 'ussMiBPerAccount' | 'pssMiBPerAccount'>,
): TrialResult {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
  return {
    ...base,
    processesPerAccount: mean(base.memory.map((m) => m.processes)),
    ussMiBPerAccount: mib(mean(base.memory.map((m) => m.ussKiB))),
    pssMiBPerAccount: mib(mean(base.memory.map((m) => m.pssKiB))),
  };
}

/** Resolves with each promise's finish time relative to `t0`; the phase ends when the last one does. */
export async function finishTimes(t0: number, waits: Promise<unknown>[]): Promise<{ allMs: number; eachMs: number[] }> {
  const eachMs = await Promise.all(waits.map(async (w) => {
    await w;
    return Date.now() - t0;
  }));
  return { allMs: Math.max(...eachMs), eachMs };
}
