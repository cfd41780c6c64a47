import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { BackupStatus, SessionState } from '../../preload/contract';
import { AccountsRepo } from '../db/AccountsRepo';
import { AppDatabase } from '../db/AppDatabase';
import { BackupRepo } from '../db/BackupRepo';
import { silentLogger } from '../log';
import type { BackupEngine, BackupOutcome } from './BackupEngine';
import { BackupService, DEFAULT_BACKUP_SETTINGS, type BackupSettings } from './BackupService';
import type { DataKeyring } from './crypto/keys';
import { FakeAccounts } from './testing/fakeAccounts';
import { MemoryStore, memoryRegistry } from './testing/memoryStores';

const STORE = 'st-shared1';
const READY: SessionState = { kind: 'ready', phoneNumber: '491701234567', pushName: 'Me' };
const SETTINGS: BackupSettings = { ...DEFAULT_BACKUP_SETTINGS, firstDelayMs: 40, retryBaseMs: 20, quitBudgetMs: 1_000, leaseTtlMs: 9_000 };

let dir: string;
let db: AppDatabase;
let store: MemoryStore;
const services: BackupService[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-backup-svc-'));
  db = AppDatabase.open(dir);
  store = new MemoryStore('Folder /share');
  new BackupRepo(db.db).saveStore({ id: STORE, name: 'Share', settings: { kind: 'folder', path: '/share' } }, 1);
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function uploaded(size = 4096): BackupOutcome {
  return { status: 'uploaded', version: { id: `v-${size}`, createdAt: Date.now(), size, meta: {} }, manifest: {} as never, durationMs: 12 };
}

/** One computer: its own accounts and install id, the shared store and database. */
function computer(name = 'a') {
  const accountsRepo = new AccountsRepo(db.db);
  const accounts = new FakeAccounts(join(dir, name, 'sessions'), (id, label) => {
    if (!accountsRepo.get(id)) accountsRepo.insert({ id, label, createdAt: 1 });
  });
  const engine = { backUp: vi.fn(async (_o: Parameters<BackupEngine['backUp']>[0]) => uploaded()), restore: vi.fn() };
  let passphrase = false;
  const keyring = { hasRecoveryPassphrase: async () => passphrase, setRecoveryPassphrase: async () => void (passphrase = true) };
  const service = new BackupService({
    repo: new BackupRepo(db.db),
    accounts,
    stores: memoryRegistry({ [STORE]: store }),
    engine: engine as unknown as BackupEngine,
    keyring: keyring as unknown as DataKeyring,
    installIdFile: join(dir, name, 'install-id'),
    settings: SETTINGS,
    log: silentLogger,
  });
  services.push(service);
  const changes: BackupStatus['activity'][] = [];
  service.on('status', (id) => changes.push(service.status(id).activity));
  return { accounts, engine, service, changes };
}

it('follows account states only once started: a Ready account with backup on is backed up after the first delay, from its profile', async () => {
  const { accounts, engine, service, changes } = computer();
  accounts.add('acc-1', 'Work');
  await service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  expect(service.status('acc-1')).toMatchObject({ enabled: true, storeId: STORE, activity: 'waiting', last: null, nextAt: null });
  accounts.setState('acc-1', READY);
  expect(service.status('acc-1').nextAt).toBeNull(); // not started yet: not following
  const list = vi.spyOn(accounts, 'list');

  service.start();
  accounts.setState('acc-1', READY);
  expect(service.status('acc-1').nextAt).toBeGreaterThan(Date.now());
  await vi.waitFor(() => expect(service.status('acc-1').last).not.toBeNull());
  expect(engine.backUp).toHaveBeenCalledOnce();
  expect(engine.backUp.mock.calls[0]![0]).toMatchObject({ accountId: 'acc-1', profileDir: accounts.profileDir('acc-1'), label: 'Work', phoneNumber: READY.phoneNumber, encrypt: true, keep: 3, force: false });
  const after = service.status('acc-1');
  expect(after).toMatchObject({ activity: 'waiting', failing: null, last: { size: 4096, durationMs: 12 } });
  // The next one at the account's interval (15 min by default).
  expect(after.nextAt! - Date.now()).toBeGreaterThan(14 * 60_000);
  expect(changes).toContain('running');
  expect(changes.at(-1)).toBe('waiting');
  expect(list).not.toHaveBeenCalled(); // accounts are looked up by id
});

it('configure says what is wrong, and turning backup off stops the schedule and frees the lease for another computer', async () => {
  const a = computer('a');
  const b = computer('b');
  a.service.start();
  await expect(a.service.configure({ accountId: 'acc-nobody', enabled: true, storeId: STORE })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  a.accounts.add('acc-1');
  await expect(a.service.configure({ accountId: 'acc-1', enabled: true })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'storeId' });
  await expect(a.service.configure({ accountId: 'acc-1', enabled: true, storeId: 'st-gone00' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  a.accounts.setState('acc-1', READY);
  await a.service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE, intervalMin: 30, encrypt: false });
  expect(a.service.status('acc-1')).toMatchObject({ enabled: true, intervalMin: 30, encrypt: false, activity: 'waiting', nextAt: expect.any(Number) });
  // Running here already: the lease is taken at once, so the other computer is refused.
  expect(await b.service.startGate('acc-1', { force: false })).toMatchObject({ code: 'LEASE_HELD', message: expect.stringMatching(/open on another computer .*Take over/) });
  await a.service.configure({ accountId: 'acc-1', enabled: false });
  expect(a.service.status('acc-1')).toMatchObject({ enabled: false, activity: 'off', nextAt: null, storeId: STORE });
  expect(await b.service.startGate('acc-1', { force: false })).toBeNull();
  expect(a.changes.length).toBeGreaterThanOrEqual(2);
});

it('a temporary account is never backed up: the toggle and Back up now are refused with why, and nothing reaches the store', async () => {
  const { accounts, engine, service } = computer();
  service.start();
  accounts.add('acc-tmp', 'Visitor', { temporary: true });
  await expect(service.configure({ accountId: 'acc-tmp', enabled: true, storeId: STORE })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/temporary account.*never saved or backed up/) });
  await expect(service.runNow('acc-tmp')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/temporary account/) });
  accounts.setState('acc-tmp', READY);
  expect(service.status('acc-tmp')).toMatchObject({ enabled: false, activity: 'off', nextAt: null });
  // Turning it off is no harm and stays allowed.
  await service.configure({ accountId: 'acc-tmp', enabled: false });
  await service.stop();
  expect(engine.backUp).not.toHaveBeenCalled();
});

it('the start gate: no lease without backup; with backup one computer per account, a take-over wins and the first is told', async () => {
  const a = computer('a');
  const b = computer('b');
  a.service.start();
  b.service.start();
  a.accounts.add('acc-1');
  b.accounts.add('acc-1');
  expect(await a.service.startGate('acc-1', { force: false })).toBeNull();
  expect(store.leases.size).toBe(0);
  await a.service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  expect(await a.service.startGate('acc-1', { force: false })).toBeNull();
  a.accounts.setState('acc-1', READY);
  expect(await b.service.startGate('acc-1', { force: false })).toMatchObject({ code: 'LEASE_HELD' });
  expect(await b.service.startGate('acc-1', { force: true })).toBeNull();
  b.accounts.setState('acc-1', READY);
  // WhatsApp tells the first computer CONFLICT (opened elsewhere): with the lease gone, that reads as a take-over.
  a.accounts.setState('acc-1', { kind: 'failed', code: 'CONFLICT', message: 'WhatsApp Web was opened for this account somewhere else.' });
  await vi.waitFor(() => expect(a.accounts.blocked).toEqual([{ id: 'acc-1', code: 'LEASE_LOST', message: expect.stringMatching(/Another computer took this account over/) }]));
  expect(b.accounts.blocked).toEqual([]);
});

it('a CONFLICT with no take-over behind it stays what WhatsApp said', async () => {
  const { accounts, service } = computer();
  service.start();
  accounts.add('acc-1');
  await service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  await service.startGate('acc-1', { force: false });
  accounts.setState('acc-1', { kind: 'failed', code: 'CONFLICT', message: 'opened elsewhere' });
  await new Promise((r) => setTimeout(r, 50));
  expect(accounts.blocked).toEqual([]);
});

it('a store that cannot be reached does not keep an account from starting, and shows as failing backups', async () => {
  const { accounts, service } = computer();
  accounts.add('acc-1');
  await service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  store.failWith = 'STORE_UNREACHABLE';
  expect(await service.startGate('acc-1', { force: false })).toBeNull();
  expect(service.status('acc-1')).toMatchObject({ activity: 'failing', failing: { code: 'STORE_UNREACHABLE' } });
});

it('Back up now answers when done; a failing engine rejects with its code, the account keeps running, and the card says since when', async () => {
  const { accounts, engine, service } = computer();
  service.start();
  accounts.add('acc-1');
  await expect(service.runNow('acc-1')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'storeId' });
  await service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  accounts.setState('acc-1', READY);
  await service.runNow('acc-1');
  expect(service.status('acc-1').last?.size).toBe(4096);
  const { BackupError } = await import('./errors');
  engine.backUp.mockRejectedValueOnce(new BackupError('STORE_FULL', 'The store is full.'));
  await expect(service.runNow('acc-1')).rejects.toMatchObject({ code: 'STORE_FULL', message: 'The store is full.' });
  expect(service.status('acc-1')).toMatchObject({ activity: 'failing', last: { size: 4096 }, failing: { code: 'STORE_FULL', since: expect.any(Number) } });
  expect(accounts.get('acc-1').session.kind).toBe('ready');
  expect(accounts.blocked).toEqual([]);
  // A success clears it.
  await service.runNow('acc-1');
  expect(service.status('acc-1')).toMatchObject({ activity: 'waiting', failing: null });
});

it('an account never linked has nothing to back up, and says so', async () => {
  const { accounts, engine, service } = computer();
  accounts.add('acc-1', 'Work', { linked: false });
  await service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  await expect(service.runNow('acc-1')).rejects.toMatchObject({ code: 'NOT_LINKED' });
  expect(engine.backUp).not.toHaveBeenCalled();
});

it('an account that stops loses its schedule and its lease', async () => {
  const a = computer('a');
  const b = computer('b');
  a.service.start();
  a.accounts.add('acc-1');
  a.accounts.setState('acc-1', READY);
  await a.service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  expect(a.service.status('acc-1').nextAt).not.toBeNull();
  a.accounts.setState('acc-1', { kind: 'stopped' });
  expect(a.service.status('acc-1').nextAt).toBeNull();
  await vi.waitFor(() => expect(store.leases.size).toBe(0));
  expect(await b.service.startGate('acc-1', { force: false })).toBeNull();
});

it('setting the passphrase tells every window, and backs up again every linked account with encrypted backups', async () => {
  const { accounts, engine, service } = computer();
  const keys: boolean[] = [];
  service.on('key', (k) => keys.push(k.hasRecoveryPassphrase));
  for (const [id, linked] of [['acc-enc', true], ['acc-plain', true], ['acc-unlinked', false], ['acc-off', true]] as const) accounts.add(id, id, { linked });
  await service.configure({ accountId: 'acc-enc', enabled: true, storeId: STORE });
  await service.configure({ accountId: 'acc-plain', enabled: true, storeId: STORE, encrypt: false });
  await service.configure({ accountId: 'acc-unlinked', enabled: true, storeId: STORE });
  expect(await service.keyStatus()).toEqual({ hasRecoveryPassphrase: false });
  expect(await service.setPassphrase('correct horse battery')).toEqual({ hasRecoveryPassphrase: true });
  expect(keys).toEqual([true]);
  expect(engine.backUp.mock.calls.map(([o]) => [o.accountId, o.force])).toEqual([['acc-enc', true]]);
});

it('a passphrase set while a backup runs gets a backup of its own after that one: the running one was made without it', async () => {
  const { accounts, engine, service } = computer();
  accounts.add('acc-1', 'Work');
  await service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  let finish!: () => void;
  const order: string[] = [];
  engine.backUp.mockImplementationOnce(async (o) => {
    order.push(`start force=${o.force}`);
    await new Promise<void>((r) => (finish = r));
    order.push('end');
    return uploaded();
  });
  const running = service.runNow('acc-1');
  await vi.waitFor(() => expect(order).toEqual(['start force=false']));
  const setting = service.setPassphrase('correct horse battery');
  // A second Back up now still joins the one under way.
  const again = service.runNow('acc-1');
  await new Promise((r) => setTimeout(r, 20));
  expect(engine.backUp).toHaveBeenCalledOnce();
  finish();
  await Promise.all([running, again, setting]);
  expect(engine.backUp.mock.calls.map(([o]) => o.force)).toEqual([false, true]);
  expect(order).toEqual(['start force=false', 'end']);
});

it('on quit: a last backup of every linked account with backup on, the leases go, and states are no longer followed', async () => {
  const a = computer('a');
  const b = computer('b');
  a.service.start();
  a.accounts.add('acc-1');
  a.accounts.add('acc-2');
  a.accounts.setState('acc-1', READY);
  await a.service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  expect(store.leases.size).toBe(1);
  await a.service.stop();
  expect(a.engine.backUp.mock.calls.map(([o]) => o.accountId)).toEqual(['acc-1']);
  expect(store.leases.size).toBe(0);
  a.accounts.setState('acc-1', READY);
  expect(a.service.status('acc-1').nextAt).toBeNull();
  expect(await b.service.startGate('acc-1', { force: false })).toBeNull();
});

it('on quit the leases go first: another computer may take the account while the last backup is still uploading', async () => {
  const a = computer('a');
  const b = computer('b');
  a.service.start();
  b.service.start();
  a.accounts.add('acc-1');
  b.accounts.add('acc-1');
  a.accounts.setState('acc-1', READY);
  await a.service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE });
  expect(await b.service.startGate('acc-1', { force: false })).toMatchObject({ code: 'LEASE_HELD' });
  // The last backup hangs (a slow store): the host's own deadline may end the process before it finishes.
  let finish: () => void = () => {};
  a.engine.backUp.mockImplementation(() => new Promise((resolve) => (finish = () => resolve(uploaded()))));
  const stopping = a.service.stop();
  await vi.waitFor(() => expect(a.engine.backUp).toHaveBeenCalled());
  expect(store.leases.size).toBe(0);
  expect(await b.service.startGate('acc-1', { force: false })).toBeNull();
  finish();
  await stopping;
});

it("a stored backup is announced (backup.saved: account, store, version, size, time) and kept in the account's history; an unchanged one is not", async () => {
  const { accounts, engine, service } = computer();
  service.start();
  accounts.add('acc-1');
  await service.configure({ accountId: 'acc-1', enabled: true, storeId: STORE, encrypt: true });
  accounts.setState('acc-1', READY);
  const saved: unknown[] = [];
  service.on('saved', (e) => saved.push(e));
  const outcome = uploaded(3 * 2 ** 20);
  engine.backUp.mockResolvedValueOnce(outcome);
  await service.runNow('acc-1');
  expect(saved).toEqual([{ accountId: 'acc-1', storeId: STORE, versionId: outcome.version.id, size: 3 * 2 ** 20, at: outcome.version.createdAt, encrypted: true }]);
  expect(accounts.notes).toEqual([{ id: 'acc-1', state: 'backup-saved', reason: 'backup saved (3.0 MB, encrypted)' }]);
  engine.backUp.mockResolvedValueOnce({ status: 'unchanged', version: outcome.version, durationMs: 1 });
  await service.runNow('acc-1');
  expect(saved).toHaveLength(1);
  expect(accounts.notes).toHaveLength(1);
});
