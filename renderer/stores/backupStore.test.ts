import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useAccountsStore } from './accountsStore';
import { useBackupStore } from './backupStore';
import { installFakeApi, type FakeApi } from './testing/fakeApi';
import { account, storeView } from './testing/samples';

let api: FakeApi;
beforeEach(() => {
  api = installFakeApi();
  useBackupStore.setState(useBackupStore.getInitialState(), true);
  useAccountsStore.setState(useAccountsStore.getInitialState(), true);
});
afterEach(() => vi.unstubAllGlobals());

const state = () => useBackupStore.getState();

it('loads the stores and whether a recovery passphrase is set; a failing list says why', async () => {
  api.ok('stores.list', [storeView('st-aaaaaa')]).ok('backup.keyStatus', { hasRecoveryPassphrase: true });
  await state().load();
  expect(state()).toMatchObject({ status: 'loaded', stores: [{ id: 'st-aaaaaa' }], hasRecoveryPassphrase: true });
  api.answer('stores.list', () => ({ ok: false, error: { code: 'INTERNAL', message: 'The database is locked.' } }));
  await state().load();
  expect(state()).toMatchObject({ status: 'failed', loadError: { code: 'INTERNAL' } });
});

it('a stores.changed that arrives during a slow load is newer, and the load does not overwrite it', async () => {
  const slow = api.hold('stores.list');
  api.ok('backup.keyStatus', { hasRecoveryPassphrase: false });
  const loading = state().load();
  state().replaceStores([storeView('st-newer1')]);
  slow.release({ ok: true, value: [storeView('st-older1')] });
  await loading;
  expect(state()).toMatchObject({ status: 'loaded', stores: [{ id: 'st-newer1' }] });
});

it('saving adds a store or replaces the one edited; removing drops it; an error changes nothing', async () => {
  api.ok('stores.save', storeView('st-aaaaaa', 'Share'));
  await state().saveStore({ name: 'Share', settings: { kind: 'folder', path: '/mnt/Share' } });
  api.ok('stores.save', storeView('st-bbbbbb', 'USB'));
  await state().saveStore({ name: 'USB', settings: { kind: 'folder', path: '/mnt/USB' } });
  api.ok('stores.save', storeView('st-aaaaaa', 'NAS'));
  await state().saveStore({ id: 'st-aaaaaa', name: 'NAS', settings: { kind: 'folder', path: '/mnt/NAS' } });
  expect(state().stores.map((s) => s.name)).toEqual(['NAS', 'USB']);
  api.answer('stores.remove', () => ({ ok: false, error: { code: 'STORE_IN_USE', message: 'This store is chosen for backups of 1 account(s).' } }));
  expect(await state().removeStore('st-bbbbbb')).toMatchObject({ ok: false, error: { code: 'STORE_IN_USE' } });
  expect(state().stores.map((s) => s.name)).toEqual(['NAS', 'USB']);
  api.ok('stores.remove', { id: 'st-bbbbbb' });
  await state().removeStore('st-bbbbbb');
  expect(state().stores.map((s) => s.name)).toEqual(['NAS']);
});

it("a save's answer gives way to a stores.changed that came meanwhile (another window's edit is in it)", async () => {
  const slow = api.hold('stores.save');
  const saving = state().saveStore({ name: 'Share', settings: { kind: 'folder', path: '/mnt/Share' } });
  state().replaceStores([storeView('st-aaaaaa', 'Share'), storeView('st-other1', 'Other window')]);
  slow.release({ ok: true, value: storeView('st-aaaaaa', 'Share') });
  await saving;
  expect(state().stores.map((s) => s.id)).toEqual(['st-aaaaaa', 'st-other1']);
});

it('backup.changed and setting the passphrase both show whether one is set', async () => {
  state().receiveKeyStatus({ hasRecoveryPassphrase: true });
  expect(state().hasRecoveryPassphrase).toBe(true);
  useBackupStore.setState({ hasRecoveryPassphrase: false });
  api.ok('backup.setPassphrase', { hasRecoveryPassphrase: true });
  expect(await state().setPassphrase('correct horse battery')).toEqual({ ok: true, value: { hasRecoveryPassphrase: true } });
  expect(state().hasRecoveryPassphrase).toBe(true);
  expect(api.calls.at(-1)).toEqual({ name: 'backup.setPassphrase', input: { passphrase: 'correct horse battery' } });
});

it("an account's backup commands go to main and answer the caller; the account itself is left to accounts.changed", async () => {
  useAccountsStore.getState().replaceAll([account('acc-1')]);
  const accountsBefore = useAccountsStore.getState();
  const backupBefore = state();
  const answered = account('acc-1', 'Work', { backup: { ...account('x').backup, enabled: true, storeId: 'st-aaaaaa', activity: 'waiting' } });
  api.ok('backup.configure', answered).ok('backup.runNow', answered).ok('backup.restore', account('acc-2', 'Restored'));
  expect(await state().configure({ accountId: 'acc-1', enabled: true, storeId: 'st-aaaaaa' })).toEqual({ ok: true, value: answered });
  expect(await state().runNow('acc-1')).toEqual({ ok: true, value: answered });
  expect(await state().restore({ storeId: 'st-aaaaaa', accountId: 'acc-2', passphrase: 'correct horse battery' })).toMatchObject({ ok: true, value: { id: 'acc-2' } });
  expect(api.calls).toEqual([
    { name: 'backup.configure', input: { accountId: 'acc-1', enabled: true, storeId: 'st-aaaaaa' } },
    { name: 'backup.runNow', input: { accountId: 'acc-1' } },
    { name: 'backup.restore', input: { storeId: 'st-aaaaaa', accountId: 'acc-2', passphrase: 'correct horse battery' } },
  ]);
  expect(useAccountsStore.getState()).toBe(accountsBefore);
  expect(state()).toBe(backupBefore);
});

it('testing a store and listing what it holds answer the dialog that asked, and keep nothing', async () => {
  api.ok('stores.test', { latencyMs: 12 }).ok('backup.listRemote', []);
  const before = state();
  expect(await state().testStore({ id: 'st-aaaaaa' })).toEqual({ ok: true, value: { latencyMs: 12 } });
  expect(await state().listRemote('st-aaaaaa')).toEqual({ ok: true, value: [] });
  expect(state()).toBe(before);
});

it('a file for import goes to main in pieces of at most 512 KiB, each after the one before; a refused piece stops the upload', async () => {
  const bytes = new Uint8Array(1024 * 1024 + 10).map((_, i) => i % 251);
  let size = 0;
  api.answer('backup.upload', (input) => {
    size += atob((input as { data: string }).data).length;
    return { ok: true, value: { uploadId: 'up-0123456789abcdef01234567', size } };
  });
  const progress: number[] = [];
  const sent = await state().upload(new Blob([bytes]), (n) => progress.push(n));
  expect(sent).toEqual({ ok: true, value: { uploadId: 'up-0123456789abcdef01234567', size: bytes.length } });
  const pieces = api.calls.filter((c) => c.name === 'backup.upload').map((c) => c.input as { uploadId?: string; data: string });
  expect(pieces.map((p) => [p.uploadId, atob(p.data).length])).toEqual([
    [undefined, 512 * 1024],
    ['up-0123456789abcdef01234567', 512 * 1024],
    ['up-0123456789abcdef01234567', 10],
  ]);
  // Compared as one string: an element-by-element deep equality of a megabyte is what makes a test slow.
  let sentText = '';
  for (let i = 0; i < bytes.length; i += 0x8000) sentText += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  expect(pieces.map((p) => atob(p.data)).join('') === sentText).toBe(true);
  expect(progress).toEqual([512 * 1024, 1024 * 1024, bytes.length]);
  api.answer('backup.upload', () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'The file is larger than 1 GiB.' } }));
  expect(await state().upload(new Blob([bytes]))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
}, 20_000);

it('an export without an HTTP route (the desktop app) is read in pieces until main says done', async () => {
  api.ok('backup.export', { exportId: 'ex-0123456789abcdef01234567', fileName: 'RemoteAuth-acc-1.zip', size: 5, encrypted: false });
  const pieces = [btoa('PK'), btoa('\x03\x04!')];
  api.answer('backup.exportRead', (input) => {
    const { offset } = input as { offset: number };
    return { ok: true, value: offset === 0 ? { data: pieces[0]!, done: false } : { data: pieces[1]!, done: true } };
  });
  const out = await state().exportAccount({ accountId: 'acc-1', plain: true });
  if (!out.ok) throw new Error('export failed');
  expect(out.value.file.fileName).toBe('RemoteAuth-acc-1.zip');
  expect(new Uint8Array(await out.value.blob.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 3, 4, 0x21]));
  expect(api.calls.filter((c) => c.name === 'backup.exportRead').map((c) => c.input)).toEqual([
    { exportId: 'ex-0123456789abcdef01234567', offset: 0 },
    { exportId: 'ex-0123456789abcdef01234567', offset: 2 },
  ]);
});
