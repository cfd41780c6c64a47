// A saved store secret goes only where it was saved for: editing or testing a saved store with another
// host, port, endpoint or user needs the secret again. Proved against a listening fake server that must
// see no connection at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp, type App } from '../index';
import { silentLogger } from '../log';
import { checkStoreSettings } from './storeSettingsCheck';

let dir: string;
let app: App;
let fake: Server;
let fakePort = 0;
let connections = 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wa-secrets-'));
  app = await createApp({ dataDir: dir, host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false, autoStart: false });
  connections = 0;
  fake = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
  fakePort = (fake.address() as { port: number }).port;
});
afterEach(async () => {
  await new Promise((r) => fake.close(r));
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const pg = { kind: 'postgres' as const, host: 'localhost', port: 9, database: 'wa', user: 'backup' };

async function savedStore(): Promise<string> {
  const r = await app.registry.dispatch('stores.save', { name: 'Office', settings: pg, secret: 'the-saved-password' });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: string }).id;
}

it('testing a saved store against another host without its secret is refused before anything connects there', async () => {
  const id = await savedStore();
  const moved = { ...pg, host: '127.0.0.1', port: fakePort };
  expect(await app.registry.dispatch('stores.test', { id, settings: moved })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'secret' } });
  expect(await app.registry.dispatch('stores.test', { id, settings: { ...pg, user: 'postgres' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'secret' } });
  expect(connections).toBe(0);
  // With the secret typed again the test goes ahead (and reaches that server).
  const retyped = await app.registry.dispatch('stores.test', { id, settings: moved, secret: 'typed-again' });
  expect(retyped.ok).toBe(false);
  expect(connections).toBeGreaterThan(0);
});

it('saving a saved store with another host needs the secret again; another database on the same server does not', async () => {
  const id = await savedStore();
  expect(await app.registry.dispatch('stores.save', { id, name: 'Office', settings: { ...pg, host: '127.0.0.1', port: fakePort } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'secret' } });
  const stored = await app.registry.dispatch('stores.list', undefined);
  expect(stored.ok && (stored.value as { settings: { host: string } }[])[0]!.settings.host).toBe('localhost');
  expect(await app.registry.dispatch('stores.save', { id, name: 'Office', settings: { ...pg, database: 'wa2' } })).toMatchObject({ ok: true, value: { hasSecret: true } });
  expect(await app.registry.dispatch('stores.save', { id, name: 'Office', settings: { ...pg, host: 'db2' }, secret: 'new' })).toMatchObject({ ok: true });
});

it('a folder path of another platform is refused with the field, not saved to fail later', async () => {
  for (const path of ['C:\\Backups', 'D:/x', '\\\\server\\share']) {
    expect(await app.registry.dispatch('stores.save', { name: 'F', settings: { kind: 'folder', path } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'settings.path' } });
    expect(await app.registry.dispatch('stores.test', { settings: { kind: 'folder', path } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'settings.path' } });
  }
  expect(() => checkStoreSettings({ kind: 'folder', path: 'D:\\Backups' }, 'win32')).not.toThrow();
  expect(() => checkStoreSettings({ kind: 'folder', path: '\\\\server\\share\\b' }, 'win32')).not.toThrow();
  expect(() => checkStoreSettings({ kind: 'folder', path: '/mnt/b' }, 'win32')).toThrow(/full folder path/);
  expect(() => checkStoreSettings({ kind: 'folder', path: '/mnt/b' }, 'linux')).not.toThrow();
});
