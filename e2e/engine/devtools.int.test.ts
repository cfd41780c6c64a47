// An account's browser opens no DevTools port: puppeteer talks to it over a pipe. A port on 127.0.0.1
// would let any local user drive the account's WhatsApp page (it needs no credentials).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { SimServer } from '../sim/SimServer';
import { EngineHarness, FAST_SIM, fastEngine } from './harness';

let sim: SimServer | undefined;
let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.dispose();
  await sim?.stop();
});

/** The pid and every process below it. */
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

/** Socket inodes in LISTEN state on TCP (v4 and v6). */
function listeningInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A') inodes.add(cols[9]!);
    }
  }
  return inodes;
}

function listeningSocketsOf(pids: number[]): string[] {
  const listening = listeningInodes();
  const found: string[] = [];
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && listening.has(m[1]!)) found.push(`pid ${pid} fd ${fd}`);
      } catch {
        // closed meanwhile
      }
    }
  }
  return found;
}

it('a linked account’s browser listens on no TCP port and is driven over a pipe', async () => {
  sim = new SimServer(FAST_SIM);
  await sim.start();
  const s = sim;
  h = new EngineHarness(s, () => fastEngine(s));
  await h.open();
  const acc = h.accounts.add('Work');
  await h.link(acc.id);
  const pid = h.accounts.sessionOf(acc.id).browserPid!;
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  expect(args).toContain('--remote-debugging-pipe');
  expect(args.filter((a) => a.startsWith('--remote-debugging-port'))).toEqual([]);
  expect(listeningSocketsOf(tree(pid))).toEqual([]);
}, 60_000);
