import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { startS3rver, S3RVER_KEY, S3RVER_SECRET } from '../../main/backup/testing/s3rverServer';
import { ApiClient } from '../apiClient';
import { WebHostProcess } from '../hostProcess';
import { SimServer } from '../sim/SimServer';
import { call, Cleanups, EngineHarness, FAST_SIM, fastEngine } from './harness';
import { ThrottledProxy } from './throttledProxy';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());




it('the first backup comes by itself once the account has been Ready a while, and quitting takes a last one', async () => {
  const sim = new SimServer(FAST_SIM);
  await sim.start();
  cleanups.add(() => sim.stop());
  const h = new EngineHarness(sim, () => fastEngine(sim), { firstDelayMs: 1_500, quitBudgetMs: 10_000 });
  await h.open();
  cleanups.add(() => h.dispose());
  const root = cleanups.folder('wa-sched-');
  const store = await call(h, 'stores.save', { name: 'Folder', settings: { kind: 'folder', path: root } });
  const acc = h.accounts.add('Work');
  await h.link(acc.id);
  const enabled = await call(h, 'backup.configure', { accountId: acc.id, enabled: true, storeId: store.id, intervalMin: 60 });
  expect(enabled.backup).toMatchObject({ enabled: true, activity: 'waiting', last: null });
  expect(enabled.backup.nextAt).toBeGreaterThan(Date.now() + 500);
  const deadline = Date.now() + 20_000;
  while (!h.account(acc.id).backup.last && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const first = h.account(acc.id).backup.last;
  expect(first?.size).toBeGreaterThan(0);
  // Next one is an interval away, not in a loop.
  expect(h.account(acc.id).backup.nextAt).toBeGreaterThan(Date.now() + 50 * 60_000);

  // A changed session, then quit: the last backup catches it.
  writeFileSync(join(h.dataDir, 'sessions', `session-${acc.id}`, 'Default', 'IndexedDB', 'new-messages.log'), 'x'.repeat(4096));
  const before = (await call(h, 'backup.listRemote', { storeId: store.id }))[0]!.versions.length;
  await h.close();
  const versions = readdirSync(join(root, `RemoteAuth-${acc.id}`)).filter((f) => f.endsWith('.bin'));
  expect(versions.length).toBe(before + 1);
}, 90_000);

beforeAll(() => {
  if (!existsSync(join(__dirname, '../../dist/main/web.cjs'))) throw new Error('dist/main/web.cjs is missing: run `npm run build` first (npm test does).');
});

it('the host SIGKILLed in the middle of an upload: no half backup is listed and the previous one restores', async () => {
  const sim = new SimServer({ ...FAST_SIM, historyMB: 24 });
  await sim.start();
  cleanups.add(() => sim.stop());
  const s3 = await startS3rver('wa-backups');
  cleanups.add(() => s3.stop());
  // The store is reached through a slow link (4 MB/s), so "in the middle of the upload" is a known point.
  const link = new ThrottledProxy(s3.port, 4 * 1024 * 1024);
  await link.start();
  cleanups.add(() => link.stop());
  const dataDir = cleanups.folder('wa-kill-');
  const host = new WebHostProcess(dataDir, { WA_ACCOUNTS_DEV_ENGINE: JSON.stringify(fastEngine(sim, { timeouts: { pageMs: 60_000, authToReadyMs: 120_000, syncMs: 120_000, teardownMs: 5_000 } })) });
  await host.start();
  cleanups.add(() => host.stop());
  let api = await ApiClient.connect(host.origin, host.token);
  const settings = { kind: 's3' as const, endpoint: link.url, region: 'us-east-1', bucket: 'wa-backups', forcePathStyle: true, accessKeyId: S3RVER_KEY };
  const store = await api.call('stores.save', { name: 'S3', settings, secret: S3RVER_SECRET });
  const acc = await api.call('accounts.add', { label: 'Big' });
  const [withQr] = await api.waitForAccounts((l) => l[0]?.session.kind === 'qr');
  sim.scan(withQr!.session.kind === 'qr' ? withQr!.session.qr : '');
  await api.waitForAccounts((l) => l[0]?.session.kind === 'ready', 120_000);
  await api.call('backup.configure', { accountId: acc.id, enabled: true, storeId: store.id });
  const first = await api.call('backup.runNow', { accountId: acc.id });
  expect(first.backup.last!.size).toBeGreaterThan(8 * 1024 * 1024);

  // Change the session so the next backup really uploads, start it, and kill the host while it runs.
  writeFileSync(join(dataDir, 'sessions', `session-${acc.id}`, 'Default', 'IndexedDB', 'more.log'), Buffer.alloc(256 * 1024, 1));
  const midway = link.untilForwarded(2 * 1024 * 1024);
  void api.raw('backup.runNow', { accountId: acc.id });
  await midway;
  await host.stop('SIGKILL');
  api.close();

  await host.start();
  api = await ApiClient.connect(host.origin, host.token);
  const listed = await api.call('backup.listRemote', { storeId: store.id });
  expect(listed[0]!.versions.map((v) => v.size)).toEqual([first.backup.last!.size]);
  // The account restarts from its own profile; and a restore of the listed backup works too.
  await api.waitForAccounts((l) => l[0]?.session.kind === 'ready', 60_000);
  await api.call('backup.restore', { storeId: store.id, accountId: acc.id, replace: true });
  await api.waitForAccounts((l) => l[0]?.session.kind === 'ready', 60_000);
  api.close();
}, 240_000);
