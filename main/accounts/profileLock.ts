import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readlink, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export type ProfileLock =
  | { status: 'free' }
  /** A dead browser's lock was left behind (crash): removed. */
  | { status: 'stale-removed'; pid: number }
  /** Our own browser from a crashed run still held the profile: ended. */
  | { status: 'orphan-ended'; pid: number }
  /** Something else holds it: we leave it alone and tell the user. */
  | { status: 'held'; pid: number; holder: string };

export interface ProcessProbe {
  alive(pid: number): boolean;
  /** The process's command line as one argument per element, or null if unknown. */
  commandLine(pid: number): string[] | null;
  kill(pid: number): void;
}

export const systemProcesses: ProcessProbe = {
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  commandLine(pid) {
    try {
      if (process.platform === 'linux') return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (process.platform === 'darwin') return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim().split(/\s+(?=--)/);
    } catch {
      // gone, or not ours to read
    }
    return null;
  },
  kill(pid) {
    process.kill(pid, 'SIGKILL');
  },
};

const LOCK_FILES = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'];

/**
 * Chromium marks a profile in use with a SingletonLock symlink to `<host>-<pid>`. After a crash of the
 * app the browser can outlive it and keep the account's profile (wwebjs-1.34.7.md §7 item 10): end it
 * only when it is a browser started on this profile (its --user-data-dir is this folder); otherwise
 * report who holds it. (Windows keeps no pid in its lock and frees it with the process.)
 */
export async function releaseStaleProfile(profileDir: string, probe: ProcessProbe = systemProcesses, waitMs = 5_000): Promise<ProfileLock> {
  let target: string;
  try {
    target = await readlink(join(profileDir, 'SingletonLock'));
  } catch {
    return { status: 'free' };
  }
  const m = /^(.*)-(\d+)$/.exec(target);
  const pid = m ? Number(m[2]) : NaN;
  const sameHost = m?.[1] === hostname();
  if (!Number.isInteger(pid) || !sameHost || !probe.alive(pid)) {
    if (!sameHost && m) return { status: 'held', pid, holder: `a browser on another computer (${m[1]})` };
    await removeLocks(profileDir);
    return { status: 'stale-removed', pid };
  }
  const cmd = probe.commandLine(pid);
  const ours = cmd !== null && cmd.some((a) => a === `--user-data-dir=${profileDir}`) && /chrom|chrome|msedge|brave/i.test(cmd[0] ?? '');
  if (!ours) return { status: 'held', pid, holder: cmd?.[0] ? `program ${cmd[0].split(/[\\/]/).pop()} (pid ${pid})` : `process ${pid}` };
  probe.kill(pid);
  const deadline = Date.now() + waitMs;
  while (probe.alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (probe.alive(pid)) return { status: 'held', pid, holder: `a browser (pid ${pid}) that did not stop when asked` };
  await removeLocks(profileDir);
  return { status: 'orphan-ended', pid };
}

async function removeLocks(profileDir: string): Promise<void> {
  await Promise.all(LOCK_FILES.map((f) => rm(join(profileDir, f), { force: true })));
}
