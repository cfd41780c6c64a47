// What tests ask of the machine's processes: which browsers run on a profile, and waiting for a condition.
import { readdirSync, readFileSync } from 'node:fs';

/** Browser processes (not their renderers and helpers) started on a profile under `dir`. */
export function browsersUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a.startsWith(`--user-data-dir=${dir}`)) && !args.some((a) => a.startsWith('--type='))) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** Polls until `check` holds or `ms` pass; answers whether it held. */
export async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) if (check()) return true;
  return check();
}
