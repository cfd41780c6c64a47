import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp, type App } from '../index';
import { createLogger } from '../log';

let dir: string;
let app: App;
const lines: string[] = [];
const SECRET = 'sk-very-distinctive-4f1c9e';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wa-stores-'));
  app = await createApp({ dataDir: dir, host: 'web', log: createLogger((l) => lines.push(l)), findBrowser: () => null, guardProcess: false });
});
afterEach(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const s3 = { kind: 's3' as const, endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'b', forcePathStyle: true, accessKeyId: 'AKIA-visible' };

it('keeps a store secret out of every answer, every log line, and out of plain text on disk (file mode 0600)', async () => {
  const saved = await app.registry.dispatch('stores.save', { name: 'S3', settings: s3, secret: SECRET });
  expect(saved).toMatchObject({ ok: true, value: { name: 'S3', hasSecret: true, settings: { accessKeyId: 'AKIA-visible' } } });
  const listed = await app.registry.dispatch('stores.list', undefined);
  expect(JSON.stringify([saved, listed])).not.toContain(SECRET);
  const file = join(dir, 'keys', 'secrets.json');
  expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, 'keys', 'local.key')).mode & 0o777).toBe(0o600);
  // The wrong-port test makes the store talk; nothing it says may carry the secret.
  const tested = await app.registry.dispatch('stores.test', { id: saved.ok ? (saved.value as { id: string }).id : '' });
  expect(tested).toMatchObject({ ok: false, error: { code: 'STORE_UNREACHABLE' } });
  expect(JSON.stringify(tested) + lines.join('\n')).not.toContain(SECRET);
});

it('an edit without a secret keeps the stored one; a store in use cannot be removed', async () => {
  const saved = await app.registry.dispatch('stores.save', { name: 'S3', settings: s3, secret: SECRET });
  const id = saved.ok ? (saved.value as { id: string }).id : '';
  const edited = await app.registry.dispatch('stores.save', { id, name: 'Renamed', settings: { ...s3, bucket: 'c' } });
  expect(edited).toMatchObject({ ok: true, value: { name: 'Renamed', hasSecret: true, settings: { bucket: 'c' } } });
  const acc = app.accounts.add('Work');
  expect(await app.registry.dispatch('backup.configure', { accountId: acc.id, enabled: true, storeId: id })).toMatchObject({ ok: true, value: { backup: { enabled: true, storeId: id } } });
  expect(await app.registry.dispatch('stores.remove', { id })).toMatchObject({ ok: false, error: { code: 'STORE_IN_USE' } });
  await app.registry.dispatch('backup.configure', { accountId: acc.id, enabled: false, storeId: null });
  expect(await app.registry.dispatch('stores.remove', { id })).toEqual({ ok: true, value: { id } });
  expect(await app.registry.dispatch('stores.list', undefined)).toEqual({ ok: true, value: [] });
});

it('refuses bad store settings with the field that is wrong', async () => {
  const bad = [
    { name: 'x', settings: { kind: 'folder', path: 'relative' } },
    { name: 'x', settings: { kind: 's3', region: 'r', bucket: '', accessKeyId: 'k' } },
    { name: 'x', settings: { kind: 'postgres', host: 'db', port: 70000, database: 'd', user: 'u' } },
    { name: 'x', settings: { kind: 'ftp', path: '/x' } },
    { name: '', settings: { kind: 'folder', path: '/x' } },
  ];
  for (const input of bad) {
    const r = await app.registry.dispatch('stores.save', input);
    expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }
  expect(await app.registry.dispatch('backup.configure', { accountId: 'acc-nope', enabled: true, storeId: 'st-000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
