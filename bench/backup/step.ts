// One measured step (a backup or a restore, ours or stock) in a process of its own, so that its peak
// RSS is that step's alone: not the simulator's, s3rver's or an earlier step's. Started by measure.ts
// with the job as JSON in argv; answers over IPC. Both variants load the same modules before the clock
// starts, so their baselines are equal and the peaks compare.
import { performance } from 'node:perf_hooks';
import { BackupEngine } from '../../main/backup/BackupEngine';
import { DataKeyring, FileKeyProtector } from '../../main/backup/crypto/keys';
import type { BackupStore } from '../../main/backup/stores/BackupStore';
import { FolderStore } from '../../main/backup/stores/FolderStore';
import { S3Store } from '../../main/backup/stores/S3Store';
import { stockBackUp, stockRestore, stockStore } from './stock';

export type StoreSpec =
  | { kind: 's3'; endpoint: string; bucket: string; prefix: string; accessKeyId: string; secretAccessKey: string }
  | { kind: 'folder'; root: string };

export type Variant = 'ours' | 'stock';
/** `backup-again`: ours only, a second backup of the same unchanged profile (the periodic case). */
export type Action = 'backup' | 'backup-again' | 'restore' | 'noop';

export interface Job {
  variant: Variant;
  action: Action;
  accountId: string;
  store: StoreSpec;
  /** Backup source: the LocalAuth profile `<dataPath>/session-<id>`. */
  profileDir: string;
  /** Restore target: an empty LocalAuth dataPath. */
  dataPath: string;
  /** Temp space for archives (ours: the engine's workDir; stock: RemoteAuth's dataPath, zip and temp copy). */
  workDir: string;
  keyringFile: string;
  keyFile: string;
}

export interface StepResult {
  ms: number;
  /** RSS right before the step (modules loaded). */
  baselineRssMiB: number;
  /** Highest RSS during the step: getrusage's max RSS if it rose during the step, else the sampled peak. */
  peakRssMiB: number;
  peakHeapUsedMiB: number;
  /** Buffers live outside the V8 heap (e.g. an 8 MiB upload part). */
  peakArrayBuffersMiB: number;
  samples: number;
  uploadedBytes?: number;
  archiveBytes?: number;
  status?: string;
  restoredDir?: string;
  /** Stock restore: when RemoteAuth's own promise resolved, before unzipper had written every file. */
  resolvedMs?: number;
}

export type StepMessage = { ok: true; result: StepResult } | { ok: false; error: string };

const MiB = 1024 * 1024;
const round1 = (n: number) => Math.round(n * 10) / 10;

function ourStore(spec: StoreSpec): BackupStore {
  return spec.kind === 's3'
    ? new S3Store({ endpoint: spec.endpoint, region: 'us-east-1', bucket: spec.bucket, prefix: spec.prefix, forcePathStyle: true, accessKeyId: spec.accessKeyId, secretAccessKey: spec.secretAccessKey })
    : new FolderStore({ root: spec.root });
}

type Outcome = Pick<StepResult, 'uploadedBytes' | 'archiveBytes' | 'status' | 'restoredDir' | 'resolvedMs'>;

async function ours(job: Job): Promise<Outcome> {
  const keyring = new DataKeyring({ file: job.keyringFile, protector: new FileKeyProtector(job.keyFile) });
  const engine = new BackupEngine({ keyring, workDir: job.workDir, app: { name: 'wa-accounts-bench', version: '0.1.0' }, libraryVersion: '1.34.7' });
  const store = ourStore(job.store);
  try {
    if (job.action === 'restore') {
      const r = await engine.restore({ accountId: job.accountId, dataPath: job.dataPath, store });
      return { restoredDir: r.profileDir, status: 'restored' };
    }
    const out = await engine.backUp({ accountId: job.accountId, profileDir: job.profileDir, store });
    return out.status === 'uploaded'
      ? { status: out.status, uploadedBytes: out.version.size, archiveBytes: out.manifest.archiveBytes }
      : { status: out.status, uploadedBytes: 0 };
  } finally {
    await store.close();
  }
}

async function stock(job: Job): Promise<Outcome> {
  const store = stockStore(job.store, job.action === 'restore' ? job.dataPath : job.workDir);
  try {
    if (job.action === 'restore') {
      const r = await stockRestore({ accountId: job.accountId, dataPath: job.dataPath, store });
      return { restoredDir: r.profileDir, status: 'restored', resolvedMs: Math.round(r.resolvedMs) };
    }
    if (job.action === 'backup-again') throw new Error('stock RemoteAuth has no unchanged-session check; backup-again is ours only');
    const r = await stockBackUp({ accountId: job.accountId, profileDir: job.profileDir, workDir: job.workDir, store });
    return { status: 'uploaded', uploadedBytes: r.uploadedBytes, archiveBytes: r.uploadedBytes };
  } finally {
    store.close();
  }
}

/** Samples process.memoryUsage() every `everyMs` until stopped; returns the peaks. */
function startSampler(everyMs = 20): () => { rss: number; heapUsed: number; arrayBuffers: number; samples: number } {
  const peak = { rss: 0, heapUsed: 0, arrayBuffers: 0, samples: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
    peak.samples++;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as Job;
  const baseline = process.memoryUsage().rss;
  const maxRssBeforeKiB = process.resourceUsage().maxRSS;
  const stop = startSampler();
  const t0 = performance.now();
  // `noop`: a warm-up child, so tsx's transform cache is filled before anything is measured.
  const outcome = job.action === 'noop' ? {} : await (job.variant === 'ours' ? ours(job) : stock(job));
  const ms = performance.now() - t0;
  const peak = stop();
  const maxRssAfterKiB = process.resourceUsage().maxRSS;
  const peakRss = maxRssAfterKiB > maxRssBeforeKiB ? maxRssAfterKiB * 1024 : peak.rss;
  const result: StepResult = {
    ms: Math.round(ms),
    baselineRssMiB: round1(baseline / MiB),
    peakRssMiB: round1(Math.max(peakRss, peak.rss) / MiB),
    peakHeapUsedMiB: round1(peak.heapUsed / MiB),
    peakArrayBuffersMiB: round1(peak.arrayBuffers / MiB),
    samples: peak.samples,
    ...outcome,
  };
  send({ ok: true, result });
}

function send(message: StepMessage): void {
  if (!process.send) {
    console.log(JSON.stringify(message));
    process.exit(message.ok ? 0 : 1);
  }
  // Exit once the message is out: the SDK's sockets and timers must not keep the step alive.
  process.send(message, () => process.exit(message.ok ? 0 : 1));
}

if (require.main === module) {
  main().catch((err: unknown) => send({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }));
}
