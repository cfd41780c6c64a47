import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../apiClient';
import { WebHostProcess } from '../hostProcess';
import { SimServer } from '../sim/SimServer';
import { FAST_SIM, fastEngine } from './harness';

let sim: SimServer | undefined;
let host: WebHostProcess | undefined;
let dataDir: string | undefined;

beforeAll(() => {
  if (!existsSync(join(__dirname, '../../dist/main/web.cjs'))) throw new Error('dist/main/web.cjs is missing: run `npm run build` first (npm test does).');
});

afterEach(async () => {
  await host?.stop();
  await sim?.stop();
  for (const pid of dataDir ? browsersOf(dataDir) : []) process.kill(pid, 'SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Browser processes (not their helpers) started on a profile under this data folder. */
function browsersOf(dir: string): number[] {
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

it('after the host is SIGKILLed with accounts running, the next start ends the orphan browsers and restores every account', async () => {
  sim = new SimServer(FAST_SIM);
  await sim.start();
  dataDir = mkdtempSync(join(tmpdir(), 'wa-crash-'));
  host = new WebHostProcess(dataDir, { WA_ACCOUNTS_DEV_ENGINE: JSON.stringify(fastEngine(sim)) });
  await host.start();
  let api = await ApiClient.connect(host.origin, host.token);
  const phones = ['15550000021', '15550000022'].map((n) => sim!.addPhone({ number: n, pushname: n }));
  for (const [i, label] of ['One', 'Two'].entries()) {
    const acc = await api.call('accounts.add', { label });
    const [withQr] = await api.waitForAccounts((l) => l.some((a) => a.id === acc.id && a.session.kind === 'qr'));
    const shown = withQr && api.accounts.find((a) => a.id === acc.id)!.session;
    sim.scan(shown && shown.kind === 'qr' ? shown.qr : '', phones[i]!.number);
    await api.waitForAccounts((l) => l.some((a) => a.id === acc.id && a.session.kind === 'ready'));
  }
  const orphans = browsersOf(dataDir);
  expect(orphans).toHaveLength(2);

  api.close();
  await host.stop('SIGKILL');
  // whatsapp-web.js's browsers outlive a killed host (docs/whatsapp-web.js.md, "Orphan browsers after a crash"): that is what the next start must handle.
  expect(browsersOf(dataDir).sort()).toEqual(orphans.sort());

  await host.start();
  api = await ApiClient.connect(host.origin, host.token);
  const ready = await api.waitForAccounts((l) => l.length === 2 && l.every((a) => a.session.kind === 'ready'), 60_000);
  expect(ready.map((a) => a.session.kind === 'ready' && a.session.phoneNumber).sort()).toEqual(phones.map((p) => p.number).sort());
  const now = browsersOf(dataDir);
  expect(now).toHaveLength(2);
  for (const pid of orphans) expect(now).not.toContain(pid);
  api.close();
}, 120_000);
