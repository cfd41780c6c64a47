// Runs one step (step.ts) in a child process and collects its result; digests profiles to compare them.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { PROFILE_DIRS } from '../../main/backup/archive/snapshot';
import type { Job, StepMessage, StepResult, StoreSpec } from './step';

/** Children still running; the runner kills these by pid on error or signal. */
export const liveChildren = new Set<ChildProcess>();

export function runStep(job: Job, timeoutMs: number): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'step.ts'), [JSON.stringify(job)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    liveChildren.add(child);
    let answer: StepMessage | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${job.variant} ${job.action} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (m) => {
      answer = m as StepMessage;
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(`${job.variant} ${job.action} failed: ${answer && !answer.ok ? answer.error : `exit ${code ?? signal}`}`));
    });
  });
}

export function killChildren(): number {
  let n = 0;
  for (const child of liveChildren) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
        n++;
      } catch {
        // already gone
      }
    }
  }
  liveChildren.clear();
  return n;
}

export interface FileDigest {
  size: number;
  sha256: string;
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function walk(root: string, dir: string, out: Map<string, FileDigest>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const full = join(dir, name);
    const s = await lstat(full);
    if (s.isDirectory()) await walk(root, full, out);
    else if (s.isFile()) out.set(relative(root, full).split(sep).join('/'), { size: s.size, sha256: await sha256(full) });
  }
}

/** Every file under `dirs` of a profile (default: the folders both archives cover), by relative path. */
export async function digestProfile(profileDir: string, dirs: readonly string[] = PROFILE_DIRS): Promise<Map<string, FileDigest>> {
  const out = new Map<string, FileDigest>();
  for (const d of dirs) await walk(profileDir, join(profileDir, d), out);
  return out;
}

export const totalBytes = (files: Map<string, FileDigest>) => [...files.values()].reduce((n, f) => n + f.size, 0);

/** Differences between the original and a restore: missing, extra and changed files (empty = equal). */
export function compareDigests(original: Map<string, FileDigest>, restored: Map<string, FileDigest>): string[] {
  const diffs: string[] = [];
  for (const [path, f] of original) {
    const r = restored.get(path);
    if (!r) diffs.push(`missing ${path}`);
    else if (r.size !== f.size || r.sha256 !== f.sha256) diffs.push(`changed ${path} (${f.size} -> ${r.size} bytes)`);
  }
  for (const path of restored.keys()) if (!original.has(path)) diffs.push(`extra ${path}`);
  return diffs;
}

/** Bytes a backup left in the store: every object under the variant's own prefix, or every file under its folder. */
export async function storedBytes(spec: StoreSpec): Promise<number> {
  if (spec.kind === 'folder') return totalBytes(await digestProfile(spec.root, ['']));
  const client = new S3Client({
    endpoint: spec.endpoint, region: 'us-east-1', forcePathStyle: true,
    credentials: { accessKeyId: spec.accessKeyId, secretAccessKey: spec.secretAccessKey },
  });
  try {
    let total = 0;
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: spec.bucket, Prefix: spec.prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) total += o.Size ?? 0;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return total;
  } finally {
    client.destroy();
  }
}
