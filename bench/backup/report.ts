// The backup benchmark's table, ratios and targets.
import type { StepResult, Variant } from './step';

export type StoreKind = 's3' | 'folder';

export interface Row {
  historyMB: number;
  /** Bytes of Default/IndexedDB + Default/Local Storage in the linked profile (what both variants archive). */
  sessionBytes: number;
  store: StoreKind;
  variant: Variant;
  backup: StepResult;
  /** Ours only: a second backup of the unchanged profile (the periodic case; nothing should be uploaded). */
  again?: StepResult;
  restore: StepResult;
  /** Everything the backup left in the store (ours: the encrypted body and its JSON sidecar; stock: the zip). */
  storedBytes: number;
  /** Differences between the restored profile and the original (empty = identical files, sizes and SHA-256). */
  diffs: string[];
}

export interface Ratios {
  historyMB: number;
  store: StoreKind;
  backupTime: number;
  upload: number;
  restoreTime: number;
  peakRss: number;
}

export interface Targets {
  upload: { target: string; met: boolean; worst: number };
  flatMemory: { target: string; met: boolean; thresholdMiB: number; growthMiB: Record<string, number>; stockGrowthMiB: Record<string, number> };
}

const MB = 1e6;
const r = (n: number, d = 2) => Number(n.toFixed(d));
const peakOf = (row: Row) => Math.max(row.backup.peakRssMiB, row.restore.peakRssMiB);

export function ratiosOf(rows: Row[]): Ratios[] {
  const out: Ratios[] = [];
  for (const ours of rows.filter((x) => x.variant === 'ours')) {
    const stock = rows.find((x) => x.variant === 'stock' && x.store === ours.store && x.historyMB === ours.historyMB);
    if (!stock) continue;
    out.push({
      historyMB: ours.historyMB, store: ours.store,
      backupTime: r(ours.backup.ms / stock.backup.ms), upload: r(ours.storedBytes / stock.storedBytes, 4),
      restoreTime: r(ours.restore.ms / stock.restore.ms), peakRss: r(peakOf(ours) / peakOf(stock)),
    });
  }
  return out;
}

export function checkTargets(rows: Row[], ratios: Ratios[], sizes: number[]): Targets {
  const worst = ratios.length ? Math.max(...ratios.map((x) => x.upload)) : NaN;
  const lo = Math.min(...sizes);
  const hi = Math.max(...sizes);
  // "Much smaller than the session growth": a quarter of it (22.5 MiB for 10 -> 100 MB).
  const thresholdMiB = r((hi - lo) / 4, 1);
  const growth = (variant: Variant) => {
    const g: Record<string, number> = {};
    for (const store of ['s3', 'folder'] as const) {
      const a = rows.find((x) => x.variant === variant && x.store === store && x.historyMB === lo);
      const b = rows.find((x) => x.variant === variant && x.store === store && x.historyMB === hi);
      if (!a || !b) continue;
      g[`${store} backup`] = r(b.backup.peakRssMiB - a.backup.peakRssMiB, 1);
      g[`${store} restore`] = r(b.restore.peakRssMiB - a.restore.peakRssMiB, 1);
    }
    return g;
  };
  const ours = growth('ours');
  const oursValues = Object.values(ours);
  return {
    upload: { target: 'ours/stock stored bytes <= 1.0 for every size and store', met: ratios.length > 0 && worst <= 1.0, worst },
    flatMemory: {
      target: `ours: peak RSS at ${hi} MB minus at ${lo} MB <= ${thresholdMiB} MiB (a quarter of the ${hi - lo} MB growth) for every store and step`,
      met: oursValues.length > 0 && oursValues.every((g) => g <= thresholdMiB),
      thresholdMiB, growthMiB: ours, stockGrowthMiB: growth('stock'),
    },
  };
}

/** Text columns (the first `left`) left-aligned, numbers right-aligned. */
function pad(cells: string[], widths: number[], left = 3): string {
  return cells.map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

export function table(rows: Row[], ratios: Ratios[]): string[] {
  const head = ['size MB', 'store', 'variant', 'session MB', 'backup s', 'upload bytes', 'unchanged s', 'restore s', 'peak RSS MB b/r', 'base RSS MB', 'peak heap MB b/r', 'equal'];
  const body = rows.map((x) => [
    String(x.historyMB), x.store, x.variant, (x.sessionBytes / MB).toFixed(1), (x.backup.ms / 1000).toFixed(2), String(x.storedBytes),
    x.again ? (x.again.ms / 1000).toFixed(2) : '-', (x.restore.ms / 1000).toFixed(2),
    `${x.backup.peakRssMiB.toFixed(0)}/${x.restore.peakRssMiB.toFixed(0)}`, x.backup.baselineRssMiB.toFixed(0),
    `${x.backup.peakHeapUsedMiB.toFixed(0)}/${x.restore.peakHeapUsedMiB.toFixed(0)}`, x.diffs.length ? `NO (${x.diffs.length})` : 'yes',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const lines = [pad(head, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map((b) => pad(b, widths))];
  lines.push('', 'ours/stock ratios (below 1 = ours smaller or faster):');
  const rHead = ['size MB', 'store', 'backup time', 'upload bytes', 'restore time', 'peak RSS'];
  const rBody = ratios.map((x) => [String(x.historyMB), x.store, x.backupTime.toFixed(2), x.upload.toFixed(4), x.restoreTime.toFixed(2), x.peakRss.toFixed(2)]);
  const rw = rHead.map((h, i) => Math.max(h.length, ...rBody.map((b) => (b[i] ?? '').length)));
  lines.push(pad(rHead, rw, 2), rw.map((w) => '-'.repeat(w)).join('  '), ...rBody.map((b) => pad(b, rw, 2)));
  return lines;
}

export function targetLines(t: Targets): string[] {
  const fmt = (g: Record<string, number>) => Object.entries(g).map(([k, v]) => `${k} ${v >= 0 ? '+' : ''}${v}`).join(', ');
  return [
    `target upload: ${t.upload.target}: ${t.upload.met ? 'MET' : 'NOT MET'} (worst ratio ${t.upload.worst.toFixed(4)})`,
    `target flat memory: ${t.flatMemory.target}: ${t.flatMemory.met ? 'MET' : 'NOT MET'} (ours MiB: ${fmt(t.flatMemory.growthMiB)}; stock for reference: ${fmt(t.flatMemory.stockGrowthMiB)})`,
  ];
}
