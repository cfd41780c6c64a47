import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { AccountsRepo } from '../db/AccountsRepo';
import { AppDatabase } from '../db/AppDatabase';
import { BackupRepo } from '../db/BackupRepo';
import type { BackupEngine } from './BackupEngine';
import { BackupError } from './errors';
import { RestoreService } from './RestoreService';
import type { VersionInfo } from './stores/BackupStore';
import { FakeAccounts } from './testing/fakeAccounts';
import { MemoryStore, memoryRegistry } from './testing/memoryStores';

const STORE = 'st-shared1';
let dir: string;
let db: AppDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-restore-svc-'));
  db = AppDatabase.open(dir);
  new BackupRepo(db.db).saveStore({ id: STORE, name: 'Share', settings: { kind: 'folder', path: '/share' } }, 1);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const manifest = (phoneNumber: string) => JSON.stringify({ format: 'wa-accounts-backup', version: 1, archiveSha256: 'ab', phoneNumber });
const version = (id: string, createdAt: number, meta: Record<string, string> = {}): VersionInfo => ({ id, createdAt, size: createdAt * 10, meta });

function setup() {
  const accountsRepo = new AccountsRepo(db.db);
  const repo = new BackupRepo(db.db);
  const order: string[] = [];
  const accounts = new FakeAccounts(join(dir, 'sessions'), (id, label) => {
    if (!accountsRepo.get(id)) accountsRepo.insert({ id, label, createdAt: 1 });
  });
  const store = new MemoryStore('Folder /share');
  store.versions.set('RemoteAuth-acc-1', [version('v2', 200, { label: 'Work', format: 'wa-encrypted-v1', manifest: manifest('…567') }), version('v1', 100, { label: 'Work' })]);
  store.versions.set('RemoteAuth-acc-2', [version('v9', 900)]);
  store.versions.set('RemoteAuth-Not An Id!', [version('x', 1)]);
  store.versions.set('other-thing', [version('y', 1)]);
  const engine = {
    restore: vi.fn(async (o: { accountId: string; versionId?: string; session?: string }) => {
      order.push(`restore ${o.accountId}`);
      const v = store.versions.get(o.session ?? `RemoteAuth-${o.accountId}`) ?? [version('z', 7)];
      return { profileDir: accounts.profileDir(o.accountId), replaced: false, files: [], version: v.find((x) => x.id === o.versionId) ?? v[0]! };
    }),
  };
  const halt = accounts.halt.bind(accounts);
  accounts.halt = async (id) => {
    order.push(`halt ${id}`);
    await halt(id);
  };
  const restores = new RestoreService({ repo, accounts, stores: memoryRegistry({ [STORE]: store }), engine: engine as unknown as BackupEngine, sessionsDir: join(dir, 'sessions') });
  return { accounts, repo, store, engine, order, restores };
}

it("lists what a store holds: each account's label, the last digits of its number, its versions, and whether it is here", async () => {
  const { accounts, restores } = setup();
  accounts.add('acc-2', 'Home');
  const app = { origin: 'app', originalName: null };
  expect(await restores.listRemote(STORE)).toEqual([
    { accountId: 'acc-1', label: 'Work', phoneTail: '…567', existsHere: false, session: 'RemoteAuth-acc-1', ...app, versions: [{ id: 'v2', createdAt: 200, size: 2000, encrypted: true }, { id: 'v1', createdAt: 100, size: 1000, encrypted: false }] },
    { accountId: 'acc-2', label: null, phoneTail: null, existsHere: true, session: 'RemoteAuth-acc-2', ...app, versions: [{ id: 'v9', createdAt: 900, size: 9000, encrypted: false }] },
    // A clientId that is not a valid account id is listed under a new one, with its name as the store has it.
    { accountId: 'not-an-id', label: null, phoneTail: null, existsHere: false, session: 'RemoteAuth-Not An Id!', origin: 'app', originalName: 'Not An Id!', versions: [{ id: 'x', createdAt: 1, size: 10, encrypted: false }] },
    // 'other-thing' has no RemoteAuth- prefix and stays as it is: still a valid id.
    { accountId: 'other-thing', label: null, phoneTail: null, existsHere: false, session: 'other-thing', ...app, versions: [{ id: 'y', createdAt: 1, size: 10, encrypted: false }] },
  ]);
});

it("lists RemoteAuth's zips beside the app's backups: the default session and capitals get new ids, none replaces an account here, skipped files say why", async () => {
  const { accounts, store, restores } = setup();
  accounts.add('sales', 'Sales here');
  const zip = (id: string) => [{ id, createdAt: 5, size: 50, meta: { format: 'zip' } }];
  store.imports = {
    sessions: [
      { session: 'RemoteAuth', where: 'RemoteAuth.zip', versions: zip('000000000000005-aaaaaaaa') },
      { session: 'RemoteAuth-Sales', where: 'RemoteAuth-Sales.zip', versions: zip('000000000000005-bbbbbbbb') },
      { session: 'RemoteAuth-acc-1', where: 'RemoteAuth-acc-1.zip', versions: zip('000000000000005-cccccccc') },
    ],
    skipped: [{ name: 'photos.zip', reason: 'not named the way RemoteAuth names a session' }],
  };
  const { backups, skipped } = await restores.scanRemote(STORE);
  const imported = backups.filter((b) => b.origin === 'remoteauth').map((b) => [b.accountId, b.originalName, b.session, b.existsHere, b.versions[0]!.encrypted]);
  expect(imported).toEqual([
    ['remoteauth', 'RemoteAuth (no clientId)', 'RemoteAuth', false, false],
    // "sales" is an account here already: the import must not look like it.
    ['sales-2', 'Sales', 'RemoteAuth-Sales', false, false],
    // acc-1 is taken by the app's own backup in the same store.
    ['acc-1-2', 'acc-1', 'RemoteAuth-acc-1', false, false],
  ]);
  expect(skipped).toEqual([{ name: 'photos.zip', reason: 'not named the way RemoteAuth names a session' }]);
});

it('restores an imported session under its new id, reading the session by its name in the store', async () => {
  const { engine, restores, accounts } = setup();
  const restored = await restores.restore({ storeId: STORE, accountId: 'sales-2', session: 'RemoteAuth-Sales', origin: 'remoteauth', allowPlain: true, label: 'Sales' });
  expect(engine.restore.mock.calls[0]![0]).toMatchObject({ accountId: 'sales-2', session: 'RemoteAuth-Sales', origin: 'remoteauth', allowPlain: true });
  expect(restored).toMatchObject({ id: 'sales-2', label: 'Sales' });
  expect(accounts.adopted).toEqual([{ id: 'sales-2', label: 'Sales' }]);
});

it("a store that fails while listing answers with the store's code; an unknown store is NOT_FOUND", async () => {
  const { store, restores } = setup();
  store.failWith = 'STORE_UNREACHABLE';
  await expect(restores.listRemote(STORE)).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
  await expect(restores.listRemote('st-gone00')).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('restores a new account: adopted with the label of the backup, backing up to that store, the backup it came from as its last', async () => {
  const { accounts, repo, engine, restores } = setup();
  const restored = await restores.restore({ storeId: STORE, accountId: 'acc-1', versionId: 'v1', passphrase: 'correct horse battery' });
  expect(restored).toMatchObject({ id: 'acc-1', label: 'Work', linked: true });
  expect(engine.restore.mock.calls[0]![0]).toMatchObject({ accountId: 'acc-1', dataPath: join(dir, 'sessions'), versionId: 'v1', passphrase: 'correct horse battery' });
  expect(accounts.adopted).toEqual([{ id: 'acc-1', label: 'Work' }]);
  expect(repo.config('acc-1')).toMatchObject({ enabled: true, storeId: STORE, last: { at: 100, size: 1000, durationMs: 0 }, failing: null });
  // No label anywhere: a name the user can change.
  expect((await restores.restore({ storeId: STORE, accountId: 'acc-2' })).label).toBe('Restored account');
});

it('over an account that is here: asks first; confirmed, stops it before its profile is replaced and keeps its name', async () => {
  const { accounts, order, restores, engine } = setup();
  accounts.add('acc-1', 'Office');
  await expect(restores.restore({ storeId: STORE, accountId: 'acc-1' })).rejects.toMatchObject({ code: 'CONFIRM_REQUIRED', message: expect.stringContaining('"Office" is already on this computer') });
  expect(engine.restore).not.toHaveBeenCalled();
  const restored = await restores.restore({ storeId: STORE, accountId: 'acc-1', replace: true });
  expect(order).toEqual(['halt acc-1', 'restore acc-1']);
  expect(restored.label).toBe('Office');
  expect((await restores.restore({ storeId: STORE, accountId: 'acc-1', replace: true, label: 'Renamed' })).label).toBe('Renamed');
});

it("a failed restore answers with the engine's code and adopts nothing", async () => {
  const { accounts, engine, restores } = setup();
  engine.restore.mockRejectedValueOnce(new BackupError('WRONG_PASSPHRASE', 'That passphrase does not open this backup.'));
  await expect(restores.restore({ storeId: STORE, accountId: 'acc-1', passphrase: 'wrong horse battery' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  expect(accounts.adopted).toEqual([]);
});

it("a RemoteAuth session restored without a label is named after its clientId as the store has it", async () => {
  const { restores } = setup();
  expect((await restores.restore({ storeId: STORE, accountId: 'front-desk', session: 'RemoteAuth-Front-Desk', origin: 'remoteauth', allowPlain: true })).label).toBe('Front-Desk');
  expect((await restores.restore({ storeId: STORE, accountId: 'remoteauth', session: 'RemoteAuth', origin: 'remoteauth', allowPlain: true })).label).toBe('RemoteAuth session');
});
