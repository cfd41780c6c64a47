import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../apiClient';
import { WebHostProcess } from '../hostProcess';
import { SimServer } from '../sim/SimServer';
import { FAST_SIM, fastEngine } from './harness';
import { browsersUnder as browsersOf, eventually } from './processes';

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

it('after the host is SIGKILLed with accounts running, its browsers exit with it and the next start restores every account', async () => {
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
  const before = browsersOf(dataDir);
  expect(before).toHaveLength(2);

  api.close();
  await host.stop('SIGKILL');
  // The browsers are driven over a pipe (main/browser/launchOptions.ts): when the host dies, its end of
  // the pipe closes and each browser exits, so no orphan keeps the profile or the page alive.
  expect(await eventually(() => browsersOf(dataDir!).length === 0, 15_000)).toBe(true);

  await host.start();
  api = await ApiClient.connect(host.origin, host.token);
  const ready = await api.waitForAccounts((l) => l.length === 2 && l.every((a) => a.session.kind === 'ready'), 60_000);
  expect(ready.map((a) => a.session.kind === 'ready' && a.session.phoneNumber).sort()).toEqual(phones.map((p) => p.number).sort());
  const now = browsersOf(dataDir);
  expect(now).toHaveLength(2);
  for (const pid of before) expect(now).not.toContain(pid);
  api.close();
}, 120_000);
