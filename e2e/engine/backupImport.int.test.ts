// Sessions made by STOCK whatsapp-web.js 1.34.7 + RemoteAuth (against the simulator) come into the app
// from every layout RemoteAuth and its published stores keep them in, and reach Ready with no QR: a
// plain folder of `<session>.zip` (e2e/sim/FolderStore, a stock-style store), an S3 prefix laid out as
// wwebjs-aws-s3 does (s3rver), a single zip chosen from disk. And the app's exports go out: the plain
// one restores with stock RemoteAuth, the encrypted one with the app on a fresh data folder.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { RemoteAuth } from 'whatsapp-web.js';
import { EXPORT_PATH, type SessionState } from '../../preload/contract';
import { silentLogger } from '../../main/log';
import { WebHost } from '../../main/web/WebHost';
import { S3RVER_KEY, S3RVER_SECRET, startS3rver } from '../../main/backup/testing/s3rverServer';
import { ClientHarness, linkNewDevice } from '../sim/clientHarness';
import { FolderStore } from '../sim/FolderStore';
import { SimServer } from '../sim/SimServer';
import { call, Cleanups, codeOf, EngineHarness, FAST_SIM, fastEngine } from './harness';

/** RemoteAuth's first save waits a hard-coded 60 s; shortened so the test does not wait a minute. */
class QuickRemoteAuth extends RemoteAuth {
  async delay(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 300)));
  }
}

const CLIENT_ID = 'Sales_Desk';
const cleanups = new Cleanups();
const once = new Cleanups();
let sim: SimServer;
let stock: ClientHarness;
/** The folder stock RemoteAuth saved into: `RemoteAuth-Sales_Desk.zip`, made by stock code only. */
let stockFolder: string;
let stockZip: Buffer;

beforeAll(async () => {
  sim = new SimServer(FAST_SIM);
  await sim.start();
  once.add(() => sim.stop());
  stock = new ClientHarness(sim);
  once.add(() => stock.cleanup());
  stockFolder = once.folder('wa-stock-store-');
  const dataPath = once.folder('wa-stock-data-');
  const made = await linkNewDevice(stock, sim, dataPath, {
    authStrategy: new QuickRemoteAuth({ clientId: CLIENT_ID, dataPath, store: new FolderStore(stockFolder, dataPath), backupSyncIntervalMs: 60_000 }),
  });
  await made.log.waitFor('remote_session_saved', 30_000);
  await stock.destroy(made.client);
  stockZip = await readFile(join(stockFolder, `RemoteAuth-${CLIENT_ID}.zip`));
}, 120_000);
afterAll(() => once.run());
afterEach(() => cleanups.run());

async function app(): Promise<EngineHarness> {
  const h = new EngineHarness(sim, () => fastEngine(sim));
  await h.open();
  cleanups.add(() => h.dispose());
  return h;
}

/** Ready with no QR on the way: the imported session was used as it is. */
async function readyWithoutQr(h: EngineHarness, id: string): Promise<void> {
  const seen: SessionState['kind'][] = [];
  h.accounts.sessionOf(id).on('state', (s: SessionState) => seen.push(s.kind));
  expect(await h.waitFor(id, ['ready', 'qr', 'failed', 'logged-out'])).toMatchObject({ kind: 'ready', phoneNumber: sim.defaultPhone.number });
  expect(seen).not.toContain('qr');
}

it("a folder of stock RemoteAuth zips: listed under valid ids with their original names, skipped files named with why, imported only as an unencrypted backup, Ready with no QR", async () => {
  const root = cleanups.folder('wa-import-folder-');
  await copyFile(join(stockFolder, `RemoteAuth-${CLIENT_ID}.zip`), join(root, `RemoteAuth-${CLIENT_ID}.zip`));
  // RemoteAuth's default session name (no clientId), and things that are not sessions.
  await writeFile(join(root, 'RemoteAuth.zip'), stockZip);
  await writeFile(join(root, 'holiday.zip'), 'PK');
  await writeFile(join(root, 'RemoteAuth-empty.zip'), '');
  const h = await app();
  const store = await call(h, 'stores.save', { name: 'RemoteAuth folder', settings: { kind: 'folder', path: root } });
  const { backups, skipped } = await call(h, 'backup.scanRemote', { storeId: store.id });
  expect(backups.map((b) => [b.accountId, b.originalName, b.session, b.origin, b.versions[0]?.encrypted])).toEqual([
    ['sales_desk', 'Sales_Desk', 'RemoteAuth-Sales_Desk', 'remoteauth', false],
    ['remoteauth', 'RemoteAuth (no clientId)', 'RemoteAuth', 'remoteauth', false],
  ]);
  expect(skipped.map((s) => s.name)).toEqual(['RemoteAuth-empty.zip', 'holiday.zip']);
  const pick = { storeId: store.id, accountId: 'sales_desk', session: 'RemoteAuth-Sales_Desk', origin: 'remoteauth' as const, label: 'Sales desk' };
  expect(await codeOf(call(h, 'backup.restore', pick))).toBe('BACKUP_NOT_ENCRYPTED');
  expect(h.accounts.list()).toEqual([]);
  await call(h, 'backup.restore', { ...pick, allowPlain: true });
  await readyWithoutQr(h, 'sales_desk');
  expect(h.account('sales_desk').label).toBe('Sales desk');
}, 120_000);

it("an S3 prefix laid out as wwebjs-aws-s3 keeps it (<remoteDataPath>/<session>.zip) is listed and imported to Ready with no QR", async () => {
  const s3 = await startS3rver('wa-backups');
  cleanups.add(() => s3.stop());
  // What wwebjs-aws-s3 1.0.2's save() does: one object per session under its remoteDataPath.
  const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_SECRET }, requestChecksumCalculation: 'WHEN_REQUIRED' });
  await client.send(new PutObjectCommand({ Bucket: 'wa-backups', Key: `whatsapp-sessions/RemoteAuth-${CLIENT_ID}.zip`, Body: stockZip }));
  client.destroy();
  const h = await app();
  const settings = { kind: 's3' as const, endpoint: s3.endpoint, region: 'us-east-1', bucket: 'wa-backups', prefix: 'whatsapp-sessions', forcePathStyle: true, accessKeyId: S3RVER_KEY };
  const store = await call(h, 'stores.save', { name: 'wwebjs-aws-s3', settings, secret: S3RVER_SECRET });
  const { backups } = await call(h, 'backup.scanRemote', { storeId: store.id });
  expect(backups).toEqual([expect.objectContaining({ accountId: 'sales_desk', originalName: 'Sales_Desk', origin: 'remoteauth', versions: [expect.objectContaining({ size: stockZip.length, encrypted: false })] })]);
  await call(h, 'backup.restore', { storeId: store.id, accountId: 'sales_desk', session: 'RemoteAuth-Sales_Desk', origin: 'remoteauth', allowPlain: true });
  await readyWithoutQr(h, 'sales_desk');
}, 120_000);

async function upload(h: EngineHarness, bytes: Buffer): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < bytes.length; at += 512 * 1024) {
    const data = bytes.subarray(at, at + 512 * 1024).toString('base64');
    uploadId = (await call(h, 'backup.upload', uploadId ? { uploadId, data } : { data })).uploadId;
  }
  return uploadId!;
}

async function download(h: EngineHarness, exportId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let done = false; !done; ) {
    const piece = await call(h, 'backup.exportRead', { exportId, offset: parts.reduce((n, p) => n + p.length, 0) });
    parts.push(Buffer.from(piece.data, 'base64'));
    done = piece.done;
  }
  return Buffer.concat(parts);
}

it('a single stock RemoteAuth zip chosen from disk is imported (after the unencrypted question) to Ready with no QR', async () => {
  const h = await app();
  const uploadId = await upload(h, stockZip);
  expect(await codeOf(call(h, 'backup.importFile', { uploadId, fileName: `RemoteAuth-${CLIENT_ID}.zip` }))).toBe('BACKUP_NOT_ENCRYPTED');
  const imported = await call(h, 'backup.importFile', { uploadId, fileName: `RemoteAuth-${CLIENT_ID}.zip`, allowPlain: true });
  expect(imported.id).toBe('sales_desk');
  await readyWithoutQr(h, 'sales_desk');
}, 120_000);

it('exports: the plain one restores with stock RemoteAuth, the encrypted one with the app on a fresh data folder, both with no QR', async () => {
  const a = await app();
  const acc = a.accounts.add('Work');
  await a.link(acc.id);
  const plain = await call(a, 'backup.export', { accountId: acc.id, plain: true });
  expect(plain.fileName).toBe(`RemoteAuth-${acc.id}.zip`);
  const plainBytes = await download(a, plain.exportId);
  const sealed = await call(a, 'backup.export', { accountId: acc.id, passphrase: 'correct horse battery staple' });
  const sealedBytes = await download(a, sealed.exportId);
  await a.close();

  // A whatsapp-web.js user elsewhere puts the file where their stock-style store keeps zips.
  const folder = cleanups.folder('wa-stock-in-');
  await writeFile(join(folder, plain.fileName), plainBytes);
  const dataPath = join(cleanups.folder('wa-stock-'), 'not-yet-created');
  const { client, log } = stock.create(dataPath, { authStrategy: new QuickRemoteAuth({ clientId: acc.id, dataPath, store: new FolderStore(folder, dataPath), backupSyncIntervalMs: 60_000 }) });
  await client.initialize();
  await log.waitFor('ready', 30_000);
  expect(log.count('qr')).toBe(0);
  expect(client.info.wid.user).toBe(sim.defaultPhone.number);
  await stock.destroy(client);

  const b = await app();
  const uploadId = await upload(b, sealedBytes);
  expect(await codeOf(call(b, 'backup.importFile', { uploadId }))).toBe('KEY_MISMATCH');
  const imported = await call(b, 'backup.importFile', { uploadId, passphrase: 'correct horse battery staple' });
  expect(imported.id).toBe(acc.id);
  await readyWithoutQr(b, acc.id);
}, 180_000);

it('in the web host an export is fetched once over HTTP with the token (never on the socket), then it is gone', async () => {
  const h = await app();
  const acc = h.accounts.add('Work');
  await h.link(acc.id);
  const rendererDir = cleanups.folder('wa-renderer-');
  const host = new WebHost({ registry: h.app!.registry, events: h.app!.events, rendererDir, log: silentLogger, exports: h.app!.transfers });
  await host.start();
  cleanups.add(() => host.stop());
  const made = await call(h, 'backup.export', { accountId: acc.id, plain: true });
  const url = `${host.origin}${EXPORT_PATH}/${made.exportId}`;
  expect((await fetch(url)).status).toBe(401);
  expect((await fetch(url, { headers: { Authorization: 'Bearer not-the-token' } })).status).toBe(401);
  const res = await fetch(url, { headers: { Authorization: `Bearer ${host.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="RemoteAuth-${acc.id}.zip"`);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.length).toBe(made.size);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  expect((await fetch(url, { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(404);
  expect(await codeOf(call(h, 'backup.exportRead', { exportId: made.exportId, offset: 0 }))).toBe('NOT_FOUND');
}, 120_000);
