import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readlink, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export type ProfileLock =
  | { status: 'free' }
  /** A dead browser's lock was left behind (crash): removed. */
  | { status: 'stale-removed'; pid: number }
  /** Our own browser(s) from a crashed run still held the profile: ended. */
  | { status: 'orphan-ended'; pids: number[] }
  /** Something else holds it: we leave it alone and tell the user. */
  | { status: 'held'; pid: number; holder: string };

export interface RunningProcess {
  pid: number;
  /** The whole command line, arguments joined by spaces. */
  command: string;
}

export interface ProcessProbe {
  list(): RunningProcess[];
  alive(pid: number): boolean;
  kill(pid: number): void;
}

function listLinux(): RunningProcess[] {
  const out: RunningProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') });
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return out;
}

function listWithPs(): RunningProcess[] {
  return execFileSync('ps', ['-axww', '-o', 'pid=,command='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), command: m[2]! }));
}

function listWindows(): RunningProcess[] {
  const json = execFileSync('powershell.exe', ['-NoProfile', '-Command',
    "Get-CimInstance Win32_Process -Filter \"Name like '%chrome%' or Name like '%msedge%' or Name like '%brave%'\" | Select-Object ProcessId,CommandLine | ConvertTo-Json"],
  { encoding: 'utf8', windowsHide: true });
  const rows = JSON.parse(json || '[]') as { ProcessId: number; CommandLine: string | null }[] | { ProcessId: number; CommandLine: string | null };
  return (Array.isArray(rows) ? rows : [rows]).map((r) => ({ pid: r.ProcessId, command: r.CommandLine ?? '' }));
}

export const systemProcesses: ProcessProbe = {
  list() {
    try {
      if (process.platform === 'linux') return listLinux();
      if (process.platform === 'win32') return listWindows();
      return listWithPs();
    } catch {
      return [];
    }
  },
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  kill(pid) {
    process.kill(pid, 'SIGKILL');
  },
};

const LOCK_FILES = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'];
const BROWSER = /chrom|chrome|msedge|brave/i;

/** The main browser processes (not their renderers and helpers) started on exactly this profile. */
export function browsersOnProfile(profileDir: string, probe: ProcessProbe = systemProcesses): number[] {
  const flag = `--user-data-dir=${profileDir}`;
  return probe
    .list()
    .filter(({ command }) => {
      const at = command.indexOf(flag);
      const after = command[at + flag.length];
      return at >= 0 && (after === undefined || after === ' ' || after === '"') && BROWSER.test(command.split(' --')[0] ?? '') && !command.includes(' --type=');
    })
    .map((p) => p.pid);
}

/**
 * After a crash of the app its browsers outlive it and keep the accounts' profiles (docs/whatsapp-web.js.md,
 * "Orphan browsers after a crash"; the headless shell does not even take Chromium's SingletonLock, so a second browser would
 * open the same profile). End only browsers started on this very profile; for any other holder of the
 * lock, report who it is and leave it alone.
 */
export async function releaseStaleProfile(profileDir: string, probe: ProcessProbe = systemProcesses, waitMs = 5_000): Promise<ProfileLock> {
  const orphans = browsersOnProfile(profileDir, probe);
  if (orphans.length > 0) {
    for (const pid of orphans) probe.kill(pid);
    const deadline = Date.now() + waitMs;
    while (orphans.some((pid) => probe.alive(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const stuck = orphans.find((pid) => probe.alive(pid));
    if (stuck !== undefined) return { status: 'held', pid: stuck, holder: `a browser (pid ${stuck}) that did not stop when asked` };
    await removeLocks(profileDir);
    return { status: 'orphan-ended', pids: orphans };
  }
  let target: string;
  try {
    target = await readlink(join(profileDir, 'SingletonLock'));
  } catch {
    return { status: 'free' };
  }
  const m = /^(.*)-(\d+)$/.exec(target);
  const pid = m ? Number(m[2]) : NaN;
  if (m && m[1] !== hostname()) return { status: 'held', pid, holder: `a browser on another computer (${m[1]})` };
  if (Number.isInteger(pid) && probe.alive(pid)) {
    const command = probe.list().find((p) => p.pid === pid)?.command ?? '';
    const name = command.split(' ')[0]?.split(/[\\/]/).pop();
    return { status: 'held', pid, holder: name ? `program ${name} (pid ${pid})` : `process ${pid}` };
  }
  await removeLocks(profileDir);
  return { status: 'stale-removed', pid };
}

async function removeLocks(profileDir: string): Promise<void> {
  await Promise.all(LOCK_FILES.map((f) => rm(join(profileDir, f), { force: true })));
}
