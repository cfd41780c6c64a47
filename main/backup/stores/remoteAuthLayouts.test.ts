import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FolderStore } from './FolderStore';
import { scanGridBuckets, type GridFile } from './remoteAuthLayouts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it("a folder of RemoteAuth zips is listed (the default session and capitals too); what is passed over says why", async () => {
  const root = mkdtempSync(join(tmpdir(), 'wa-layouts-'));
  dirs.push(root);
  writeFileSync(join(root, 'RemoteAuth-Sales_Desk.zip'), 'PK\x03\x04zip');
  writeFileSync(join(root, 'RemoteAuth.zip'), 'PK\x03\x04zip!');
  writeFileSync(join(root, 'RemoteAuth-empty.zip'), '');
  writeFileSync(join(root, 'holiday photos.zip'), 'PK');
  writeFileSync(join(root, 'notes.txt'), 'not a backup, not mentioned');
  mkdirSync(join(root, 'RemoteAuth-unfinished'));
  writeFileSync(join(root, 'RemoteAuth-unfinished', '.tmp-000000000000001-aaaaaaaa'), 'half');
  const store = new FolderStore({ root });
  const scan = await store.scanImports();
  expect(scan.sessions.map((s) => [s.session, s.where, s.versions.length, s.versions[0]!.size])).toEqual([
    ['RemoteAuth-Sales_Desk', 'RemoteAuth-Sales_Desk.zip', 1, 7],
    ['RemoteAuth', 'RemoteAuth.zip', 1, 8],
  ]);
  expect(scan.skipped).toEqual([
    { name: 'RemoteAuth-empty.zip', reason: 'the file is empty' },
    { name: 'RemoteAuth-unfinished/', reason: 'holds no complete backup (an upload that never finished?)' },
    { name: 'holiday photos.zip', reason: expect.stringContaining('not named the way RemoteAuth names a session') },
  ]);
  const id = scan.sessions[1]!.versions[0]!.id;
  expect(id).toMatch(/^[0-9]{15}-[0-9a-f]{8}$/);
  const chunks: Buffer[] = [];
  for await (const c of await store.openImport('RemoteAuth', id)) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('PK\x03\x04zip!');
  // Replaced by RemoteAuth since it was listed: the listing is stale, and says so.
  await expect(store.openImport('RemoteAuth', '000000000000001-00000000')).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
});

it("wwebjs-mongo's GridFS layout (a fake database): the buckets the app's own listing does not cover, each zip a version, newest first", async () => {
  const file = (id: string, at: number, filename: string, length = 10): GridFile => ({ id, filename, length, uploadDate: new Date(at), ours: false });
  const buckets: Record<string, GridFile[]> = {
    'whatsapp-RemoteAuth': [file('65a000000000000000000001', 1000, 'RemoteAuth.zip'), file('65a000000000000000000002', 2000, 'RemoteAuth.zip', 12)],
    'multidevice-RemoteAuth-Old': [file('65a000000000000000000003', 500, 'RemoteAuth-Old.zip')],
    'whatsapp-RemoteAuth-Sales': [file('65a000000000000000000004', 700, 'RemoteAuth-Sales.zip')],
    'whatsapp-RemoteAuth-nothing': [file('65a000000000000000000005', 700, 'other.bin')],
  };
  const collections = ['whatsapp-RemoteAuth.files', 'whatsapp-RemoteAuth.chunks', 'multidevice-RemoteAuth-Old.files', 'whatsapp-RemoteAuth-Sales.files', 'whatsapp-RemoteAuth-nothing.files', 'whatsapp-my photos.files', 'wa_backup_leases'];
  // As MongoStore says: whatsapp-RemoteAuth-<clientId> buckets are its own listing's.
  const appSession = (bucket: string, session: string) => bucket === `whatsapp-${session}` && session.startsWith('RemoteAuth-') && session !== 'RemoteAuth-nothing';
  const scan = await scanGridBuckets(collections, async (b) => buckets[b] ?? [], appSession);
  expect(scan.sessions.map((s) => [s.session, s.where, s.versions.map((v) => [v.id, v.size])])).toEqual([
    ['RemoteAuth-Old', 'bucket multidevice-RemoteAuth-Old', [['000000000000500-00000003', 10]]],
    ['RemoteAuth', 'bucket whatsapp-RemoteAuth', [['000000000002000-00000002', 12], ['000000000001000-00000001', 10]]],
  ]);
  expect(scan.skipped).toEqual([
    { name: 'bucket whatsapp-RemoteAuth-nothing', reason: 'holds no RemoteAuth-nothing.zip' },
    { name: 'bucket whatsapp-my photos', reason: expect.stringContaining('not named after a RemoteAuth session') },
  ]);
});
