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
    restore: vi.fn(async (o: { accountId: string; versionId?: string }) => {
      order.push(`restore ${o.accountId}`);
      const v = store.versions.get(`RemoteAuth-${o.accountId}`)!;
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
  expect(await restores.listRemote(STORE)).toEqual([
    { accountId: 'acc-1', label: 'Work', phoneTail: '…567', existsHere: false, versions: [{ id: 'v2', createdAt: 200, size: 2000, encrypted: true }, { id: 'v1', createdAt: 100, size: 1000, encrypted: false }] },
    { accountId: 'acc-2', label: null, phoneTail: null, existsHere: true, versions: [{ id: 'v9', createdAt: 900, size: 9000, encrypted: false }] },
    // 'other-thing' has no RemoteAuth- prefix and stays as it is: still a valid id.
    { accountId: 'other-thing', label: null, phoneTail: null, existsHere: false, versions: [{ id: 'y', createdAt: 1, size: 10, encrypted: false }] },
  ]);
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
