// Every area has events, so every open window stays current without a reload: two subscribers of the
// app's EventHub stand for two windows (each transport subscribes once per window or socket).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Account, EventName } from '../preload/contract';
import { createApp, type App } from './index';
import { silentLogger } from './log';

let dir: string;
let app: App;
let windows: { name: EventName; payload: unknown }[][];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wa-events-'));
  app = await createApp({ dataDir: join(dir, 'data'), host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false, autoStart: false });
  windows = [[], []];
  for (const seen of windows) app.events.subscribe((name, payload) => seen.push({ name, payload }));
  await app.start();
});
afterEach(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

const payloads = (i: number, name: EventName) => windows[i]!.filter((e) => e.name === name).map((e) => e.payload);

it('a store added, edited or removed in one window reaches every window, without its secret', async () => {
  const secret = 'sk-very-distinctive-9d2e';
  const saved = await ok<{ id: string }>(app.registry.dispatch('stores.save', { name: 'Share', settings: { kind: 'folder', path: join(dir, 'share') }, secret }));
  await vi.waitFor(() => expect(payloads(1, 'stores.changed')).toEqual([[expect.objectContaining({ id: saved.id, name: 'Share', hasSecret: true })]]));
  await ok(app.registry.dispatch('stores.save', { id: saved.id, name: 'USB drive', settings: { kind: 'folder', path: join(dir, 'share') } }));
  await ok(app.registry.dispatch('stores.remove', { id: saved.id }));
  for (const i of [0, 1]) {
    await vi.waitFor(() => expect(payloads(i, 'stores.changed')).toHaveLength(3));
    expect(payloads(i, 'stores.changed').map((l) => (l as { name: string }[]).map((s) => s.name))).toEqual([['Share'], ['USB drive'], []]);
  }
  expect(JSON.stringify(windows)).not.toContain(secret);
});

it('the recovery passphrase set in one window shows in every window', async () => {
  await ok(app.registry.dispatch('backup.setPassphrase', { passphrase: 'correct horse battery' }));
  expect(payloads(0, 'backup.changed')).toEqual([{ hasRecoveryPassphrase: true }]);
  expect(payloads(1, 'backup.changed')).toEqual([{ hasRecoveryPassphrase: true }]);
  expect(JSON.stringify(windows)).not.toContain('correct horse');
});

it("an account's backup settings reach every window in accounts.changed, before the command answers", async () => {
  const store = await ok<{ id: string }>(app.registry.dispatch('stores.save', { name: 'Share', settings: { kind: 'folder', path: join(dir, 'share') } }));
  const added = await ok<Account>(app.registry.dispatch('accounts.add', { label: 'Work' }));
  expect(added.backup).toMatchObject({ enabled: false, activity: 'off' });
  let heardBeforeAnswer = false;
  const answer = app.registry.dispatch('backup.configure', { accountId: added.id, enabled: true, storeId: store.id, intervalMin: 30 }).then((r) => {
    heardBeforeAnswer = payloads(1, 'accounts.changed').some((l) => (l as Account[]).some((a) => a.backup.enabled));
    return r;
  });
  const configured = await ok<Account>(answer);
  expect(heardBeforeAnswer).toBe(true);
  expect(configured.backup).toMatchObject({ enabled: true, storeId: store.id, intervalMin: 30 });
  for (const i of [0, 1]) expect((payloads(i, 'accounts.changed').at(-1) as Account[])[0]!.backup).toMatchObject({ enabled: true, storeId: store.id, intervalMin: 30 });
  expect((await ok<Account[]>(app.registry.dispatch('accounts.list', undefined)))[0]!.backup).toMatchObject({ enabled: true, storeId: store.id });
  expect(app.account(added.id).backup.intervalMin).toBe(30);
});
