// Reads Linux /proc: one account's Chromium process tree and its memory (the method of docs/decisions/005-one-chromium-per-account.md).
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeMemory {
  processes: number;
  /** Private memory (Private_Clean + Private_Dirty + Private_Hugetlb), KiB: what one more account costs. */
  ussKiB: number;
  /** Proportional set size, KiB: private memory plus this tree's share of pages mapped by others. */
  pssKiB: number;
}

function allPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

function readOr(path: string, fallback = ''): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback; // the process exited between listing and reading
  }
}

/** The parent pid from /proc/<pid>/stat; the command name may hold spaces and parentheses, so parse after the last ')'. */
function parentOf(pid: number): number | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  const tail = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(tail[1]);
  return Number.isFinite(ppid) ? ppid : undefined;
}

export function commandLine(pid: number): string {
  return readOr(`/proc/${pid}/cmdline`).split('\0').join(' ').trim();
}

/**
 * The browser pid and every process below it (zygotes, renderers, GPU, utilities), plus any process
 * whose command line names this profile (a helper reparented to init would otherwise be missed).
 */
export function processTree(rootPid: number, userDataDir?: string): number[] {
  const children = new Map<number, number[]>();
  const pids = allPids();
  for (const pid of pids) {
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const tree = new Set<number>();
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (tree.has(pid)) continue;
    tree.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  if (userDataDir) {
    const flag = `--user-data-dir=${userDataDir}`;
    for (const pid of pids) if (!tree.has(pid) && commandLine(pid).includes(flag)) tree.add(pid);
  }
  return [...tree].filter((pid) => readOr(`/proc/${pid}/stat`) !== '');
}

/** Sums USS and PSS over the given processes from /proc/<pid>/smaps_rollup. */
export function treeMemory(pids: number[]): TreeMemory {
  let ussKiB = 0;
  let pssKiB = 0;
  let processes = 0;
  for (const pid of pids) {
    const rollup = readOr(`/proc/${pid}/smaps_rollup`);
    if (!rollup) continue;
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    processes += 1;
    pssKiB += field('Pss');
    ussKiB += field('Private_Clean') + field('Private_Dirty') + field('Private_Hugetlb');
  }
  return { processes, ussKiB, pssKiB };
}

/** Processes whose command line contains `marker` (the benchmark's own temp folder), excluding this one. */
export function pidsMentioning(marker: string): number[] {
  return allPids().filter((pid) => pid !== process.pid && commandLine(pid).includes(marker));
}

/** SIGKILLs, by pid, the processes that name the benchmark's temp folder: only browsers this run started. */
export function killMentioning(marker: string): number[] {
  const pids = pidsMentioning(marker);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids;
}

/** Browser helpers (zygotes, utilities) exit a moment after the browser: give them `ms` before calling them leftovers. */
export async function leftoversAfter(marker: string, ms = 3_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const pids = pidsMentioning(marker);
    if (!pids.length || Date.now() >= deadline) return pids;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
