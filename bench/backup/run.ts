// Backup benchmark: our engine (BackupEngine, encrypted) vs stock RemoteAuth 1.34.7's archive of the same
// profile folders, to S3 (s3rver on loopback) and to a folder, for sessions filled with the simulator's
// historyMB. Each size is linked once with stock LocalAuth (browser closed before measuring); every
// backup and restore then runs in a child process of its own (step.ts), so its peak RSS is its own.
// Per size and store the two variants alternate who goes first. One run; the machine's load is printed.
// Run: npx tsx bench/backup/run.ts [--sizes 10,100] [--stores s3,folder] [--step-timeout-ms 900000]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startS3rver, S3RVER_KEY, S3RVER_SECRET, type RunningS3rver } from '../../main/backup/testing/s3rverServer';
import { killMentioning } from '../accounts/procTree';
import { loadAverage } from '../accounts/trial';
import { linkWithHistory } from './link';
import { compareDigests, digestProfile, killChildren, runStep, storedBytes, totalBytes } from './measure';
import { checkTargets, ratiosOf, table, targetLines, type Row, type StoreKind } from './report';
import type { Job, StoreSpec, Variant } from './step';
import { cleanUpOnSignal, progress } from '../lifecycle';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100' },
    stores: { type: 'string', default: 's3,folder' },
    'step-timeout-ms': { type: 'string', default: '900000' },
    'link-timeout-ms': { type: 'string', default: '900000' },
  },
});
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
const stores = values.stores.split(',').filter((s): s is StoreKind => s === 's3' || s === 'folder');
const stepTimeoutMs = Number(values['step-timeout-ms']);
const ACCOUNT = 'bench';
const root = mkdtempSync(join(tmpdir(), 'wa-bench-backup-'));

let s3: RunningS3rver | undefined;
/** Children, browsers (their --user-data-dir is under root), s3rver and every temp folder: also on error or signal. */
function cleanUpSync(): void {
  const children = killChildren();
  const browsers = killMentioning(root);
  if (children || browsers.length) progress(`clean-up killed ${children} step process(es) and ${browsers.length} browser process(es)`);
  if (s3) rmSync(s3.directory, { recursive: true, force: true, maxRetries: 3 });
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
cleanUpOnSignal(cleanUpSync);
// whatsapp-web.js leaves promises nobody awaits (docs/whatsapp-web.js.md, "Unhandled rejections from work nobody
// awaits"): note them, never crash on one.
const anomalies: string[] = [];
process.on('unhandledRejection', (reason) => anomalies.push(`unhandled rejection: ${String(reason).split('\n')[0]}`));

function storeSpec(store: StoreKind, variant: Variant, historyMB: number, dir: string): StoreSpec {
  if (store === 'folder') return { kind: 'folder', root: join(dir, 'store') };
  if (!s3) throw new Error('s3rver is not running');
  return { kind: 's3', endpoint: s3.endpoint, bucket: s3.bucket, prefix: `${variant}-${historyMB}mb/`, accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_SECRET };
}

async function measureVariant(o: { historyMB: number; sessionBytes: number; store: StoreKind; variant: Variant; profileDir: string; original: Awaited<ReturnType<typeof digestProfile>>; keys: Pick<Job, 'keyringFile' | 'keyFile'> }): Promise<Row> {
  const dir = join(root, `${o.historyMB}mb-${o.store}-${o.variant}`);
  const spec = storeSpec(o.store, o.variant, o.historyMB, dir);
  const job: Job = { variant: o.variant, action: 'backup', accountId: ACCOUNT, store: spec, profileDir: o.profileDir, dataPath: join(dir, 'restored'), workDir: join(dir, 'work'), ...o.keys };
  for (const d of [job.dataPath, job.workDir, ...(spec.kind === 'folder' ? [spec.root] : [])]) await mkdir(d, { recursive: true });
  try {
    const label = `${o.historyMB} MB ${o.store} ${o.variant}`;
    const backup = await runStep(job, stepTimeoutMs);
    const stored = await storedBytes(spec);
    progress(`${label}: backup ${backup.ms} ms, ${stored} bytes stored, peak RSS ${backup.peakRssMiB} MiB`);
    const again = o.variant === 'ours' ? await runStep({ ...job, action: 'backup-again' }, stepTimeoutMs) : undefined;
    if (again && again.status !== 'unchanged') anomalies.push(`${label}: a second backup of the unchanged profile was ${again.status}`);
    if (readdirSync(job.workDir).length) anomalies.push(`${label}: the backup left files in its work folder: ${readdirSync(job.workDir).join(', ')}`);
    const restore = await runStep({ ...job, action: 'restore' }, stepTimeoutMs);
    if (!restore.restoredDir) throw new Error(`${label}: the restore reported no folder`);
    const diffs = compareDigests(o.original, await digestProfile(restore.restoredDir, ['']));
    progress(`${label}: restore ${restore.ms} ms${restore.resolvedMs !== undefined ? ` (RemoteAuth resolved at ${restore.resolvedMs} ms)` : ''}, peak RSS ${restore.peakRssMiB} MiB, ${diffs.length ? `${diffs.length} DIFFERENCES` : 'identical'}`);
    const leftovers = readdirSync(job.dataPath).filter((n) => n !== `session-${ACCOUNT}`);
    if (leftovers.length) anomalies.push(`${label}: the restore left ${leftovers.join(', ')} beside the profile`);
    return { historyMB: o.historyMB, sessionBytes: o.sessionBytes, store: o.store, variant: o.variant, backup, ...(again ? { again } : {}), restore, storedBytes: stored, diffs };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function main(): Promise<void> {
  const loadStart = loadAverage();
  progress(`load average at start: ${loadStart.join(' ')}; temp root ${root}`);
  const keys = { keyringFile: join(root, 'keys', 'keyring.json'), keyFile: join(root, 'keys', 'master.key') };
  const rows: Row[] = [];
  const failures: string[] = [];
  s3 = await startS3rver('backups');
  try {
    // Fills tsx's transform cache so the first measured child does not pay for it.
    await runStep({ variant: 'ours', action: 'noop', accountId: ACCOUNT, store: { kind: 'folder', root }, profileDir: root, dataPath: root, workDir: root, ...keys }, stepTimeoutMs);
    for (const [si, historyMB] of sizes.entries()) {
      const dataPath = join(root, `${historyMB}mb-linked`);
      const linked = await linkWithHistory({ dataPath, accountId: ACCOUNT, historyMB, timeoutMs: Number(values['link-timeout-ms']), progress });
      const original = await digestProfile(linked.profileDir);
      const sessionBytes = totalBytes(original);
      const wholeProfile = totalBytes(await digestProfile(linked.profileDir, ['']));
      progress(`${historyMB} MB: session folders ${sessionBytes} bytes in ${original.size} files (whole profile ${wholeProfile} bytes)`);
      for (const [ki, store] of stores.entries()) {
        const order: Variant[] = (si + ki) % 2 === 0 ? ['ours', 'stock'] : ['stock', 'ours'];
        for (const variant of order) {
          try {
            rows.push(await measureVariant({ historyMB, sessionBytes, store, variant, profileDir: linked.profileDir, original, keys }));
          } catch (err) {
            const message = `${historyMB} MB ${store} ${variant}: ${err instanceof Error ? err.message : String(err)}`;
            failures.push(message);
            progress(`FAILED ${message}`);
          }
        }
      }
      await rm(dataPath, { recursive: true, force: true, maxRetries: 3 });
    }
  } finally {
    await s3.stop();
  }

  const loadEnd = loadAverage();
  const ratios = ratiosOf(rows);
  const targets = checkTargets(rows, ratios, sizes);
  console.log('backup benchmark: ours = BackupEngine.backUp (snapshot, zip level 6, AES-256-GCM, atomic versioned put) and .restore;');
  console.log('stock = RemoteAuth 1.34.7 storeRemoteSession (fs.cp + archiver 7 zip) + one PutObject / file copy, extractRemoteSession (unzipper 0.12)');
  console.log('each step in its own child process; peak RSS = getrusage max RSS of that child (module baseline included, shown as base RSS);');
  console.log('peak heap = highest heapUsed sampled every 20 ms; stock restore s = until unzipper had written every file; upload bytes = all bytes left in the store');
  console.log(`load average (1, 5, 15 min): start ${loadStart.join(' ')}, end ${loadEnd.join(' ')} on ${availableParallelism()} cores`);
  for (const line of table(rows, ratios)) console.log(line);
  for (const line of targetLines(targets)) console.log(line);
  for (const f of failures) console.log(`failure: ${f}`);
  for (const a of anomalies) console.log(`anomaly: ${a}`);
  for (const row of rows) for (const d of row.diffs.slice(0, 10)) console.log(`difference: ${row.historyMB} MB ${row.store} ${row.variant}: ${d}`);
  console.log(JSON.stringify({
    bench: 'backup', sizes, stores, loadAverage: { start: loadStart, end: loadEnd }, cores: availableParallelism(),
    rows, ratios, targets, failures, anomalies,
  }));
  if (failures.length || rows.some((r) => r.diffs.length)) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    cleanUpSync();
    // puppeteer and the SDK may keep handles open; the run is over.
    setTimeout(() => process.exit(), 200).unref();
  });
