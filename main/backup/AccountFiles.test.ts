import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AccountFiles } from './AccountFiles';
import { DataKeyring, FileKeyProtector } from './crypto/keys';
import { FileTransfers } from './FileTransfers';
import { FakeAccounts } from './testing/fakeAccounts';

const FILES = ['Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log', 'Default/Local Storage/leveldb/000005.ldb'];
const SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wa-files-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** One computer: its own data folder, key and accounts. */
async function computer(name: string) {
  const home = join(dir, name);
  const workDir = join(home, 'tmp');
  await mkdir(workDir, { recursive: true });
  const accounts = new FakeAccounts(join(home, 'sessions'));
  const transfers = new FileTransfers({ workDir, app: { name: 'WA Accounts', version: '0.1.0' }, libraryVersion: '1.34.7', scrypt: SCRYPT });
  const keyring = new DataKeyring({ file: join(home, 'keys', 'backup-key.json'), protector: new FileKeyProtector(join(home, 'keys', 'local.key')), scrypt: SCRYPT });
  const files = new AccountFiles({ accounts, transfers, keyring, sessionsDir: join(home, 'sessions'), workDir });
  return { accounts, transfers, files, home };
}

async function uploadFile(transfers: FileTransfers, bytes: Buffer): Promise<string> {
  let id: string | undefined;
  for (let at = 0; at < bytes.length || id === undefined; at += 512 * 1024) id = (await transfers.upload(id, bytes.subarray(at, at + 512 * 1024).toString('base64'))).uploadId;
  return id;
}

async function linkedAccount(c: Awaited<ReturnType<typeof computer>>, id: string) {
  c.accounts.add(id, 'Sales desk', { linked: true });
  for (const f of FILES) {
    const path = join(c.accounts.profileDir(id), f);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, randomBytes(700_000));
  }
}

async function drain(c: Awaited<ReturnType<typeof computer>>, exportId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let done = false; !done; ) {
    const piece = await c.transfers.readExport(exportId, parts.reduce((n, p) => n + p.length, 0));
    parts.push(Buffer.from(piece.data, 'base64'));
    done = piece.done;
  }
  return Buffer.concat(parts);
}

it('an encrypted export opens on a fresh computer with its passphrase alone, as a new account with the same session', async () => {
  const a = await computer('a');
  await linkedAccount(a, 'sales');
  const out = await a.files.exportAccount({ accountId: 'sales', passphrase: 'correct horse battery staple' });
  expect(out).toMatchObject({ fileName: 'RemoteAuth-sales.wabackup', encrypted: true });
  const bytes = await drain(a, out.exportId);
  expect(bytes.subarray(0, 8).toString()).toBe('WABACKUP');
  // Read once: the file is gone from tmp/.
  await expect(a.transfers.readExport(out.exportId, 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });

  const b = await computer('b');
  // A question for the user keeps the file for the answer: no second upload.
  const uploadId = await uploadFile(b.transfers, bytes);
  await expect(b.files.importFile({ uploadId })).rejects.toMatchObject({ code: 'KEY_MISMATCH', message: expect.stringContaining('passphrase') });
  await expect(b.files.importFile({ uploadId, passphrase: 'wrong horse battery staple' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  const imported = await b.files.importFile({ uploadId, passphrase: 'correct horse battery staple' });
  await expect(b.files.importFile({ uploadId, passphrase: 'correct horse battery staple' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(imported.id).toBe('sales');
  for (const f of FILES) expect(await readFile(join(b.accounts.profileDir('sales'), f))).toEqual(await readFile(join(a.accounts.profileDir('sales'), f)));
  // A second import never replaces the account that is here now.
  const again = await b.files.importFile({ uploadId: await uploadFile(b.transfers, bytes), passphrase: 'correct horse battery staple' });
  expect(again.id).toBe('sales-2');
}, 60_000);

it('a plain export is a RemoteAuth zip, imported only when the user chose to import an unencrypted file', async () => {
  const a = await computer('a');
  await linkedAccount(a, 'sales');
  const out = await a.files.exportAccount({ accountId: 'sales', plain: true });
  expect(out).toMatchObject({ fileName: 'RemoteAuth-sales.zip', encrypted: false });
  const bytes = await drain(a, out.exportId);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  const b = await computer('b');
  b.accounts.add('sales', 'Someone else');
  const uploadId = await uploadFile(b.transfers, bytes);
  await expect(b.files.importFile({ uploadId, fileName: 'RemoteAuth-Sales.zip' })).rejects.toMatchObject({ code: 'BACKUP_NOT_ENCRYPTED' });
  const imported = await b.files.importFile({ uploadId, fileName: 'RemoteAuth-Sales.zip', allowPlain: true });
  expect(imported).toMatchObject({ id: 'sales-2', label: 'Imported Sales' });
});

it('a LegacySessionAuth session file is recognised and explained: link the phone again; nothing is added', async () => {
  const b = await computer('b');
  const legacy = { WABrowserId: '"Xq1d3Jm4nB0w=="', WASecretBundle: '{"key":"a2V5","encKey":"ZW5j","macKey":"bWFj"}', WAToken1: '"dG9rZW4x"', WAToken2: '"1@dG9rZW4y"' };
  const error = await b.files.importFile({ uploadId: await uploadFile(b.transfers, Buffer.from(JSON.stringify(legacy, null, 2))), fileName: 'session.json' }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'LEGACY_SESSION', message: expect.stringMatching(/Multi-device accounts cannot use it.*link the phone again/s) });
  expect(b.accounts.adopted).toEqual([]);
  await expect(b.files.importFile({ uploadId: await uploadFile(b.transfers, Buffer.from('{"hello": 1}')) })).rejects.toMatchObject({ code: 'NOT_A_BACKUP' });
  await expect(b.files.importFile({ uploadId: await uploadFile(b.transfers, Buffer.from('just some text')) })).rejects.toMatchObject({ code: 'NOT_A_BACKUP' });
  // Each upload is removed once used, whatever the outcome.
  const { readdir } = await import('node:fs/promises');
  expect(await readdir(join(b.home, 'tmp', 'uploads'))).toEqual([]);
});

it('an upload is capped in its pieces, and an unknown upload says so', async () => {
  const b = await computer('b');
  await expect(b.transfers.upload(undefined, randomBytes(512 * 1024 + 1).toString('base64'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  await expect(b.files.importFile({ uploadId: 'up-000000000000000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('two imports of the same file at once become two accounts, never one profile written twice', async () => {
  const a = await computer('a');
  await linkedAccount(a, 'sales');
  const bytes = await drain(a, (await a.files.exportAccount({ accountId: 'sales', plain: true })).exportId);
  const b = await computer('b');
  const [x, y] = await Promise.all([
    b.files.importFile({ uploadId: await uploadFile(b.transfers, bytes), fileName: 'RemoteAuth-sales.zip', allowPlain: true }),
    b.files.importFile({ uploadId: await uploadFile(b.transfers, bytes), fileName: 'RemoteAuth-sales.zip', allowPlain: true }),
  ]);
  expect([x.id, y.id].sort()).toEqual(['sales', 'sales-2']);
});

it('an upload or an export nobody came back for is deleted after 30 minutes, at the next transfer', async () => {
  let now = 1_000_000;
  const home = join(dir, 'c');
  const workDir = join(home, 'tmp');
  await mkdir(workDir, { recursive: true });
  const transfers = new FileTransfers({ workDir, now: () => now, app: { name: 'WA Accounts', version: '0.1.0' }, libraryVersion: '1.34.7' });
  const left = await transfers.upload(undefined, Buffer.from('PK\x03\x04').toString('base64'));
  now += 29 * 60_000;
  const fresh = await transfers.upload(undefined, Buffer.from('PK').toString('base64'));
  expect(transfers.uploaded(left.uploadId)).toBeTruthy();
  now += 2 * 60_000;
  await transfers.upload(fresh.uploadId, Buffer.from('\x03\x04').toString('base64'));
  expect(() => transfers.uploaded(left.uploadId)).toThrow(/gone/);
  const { readdir } = await import('node:fs/promises');
  expect(await readdir(join(workDir, 'uploads'))).toEqual([fresh.uploadId]);
});
