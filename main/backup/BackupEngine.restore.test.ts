import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupEngine, sessionName } from './BackupEngine.js';
import { DataKeyring, FileKeyProtector } from './crypto/keys.js';
import { FolderStore } from './stores/FolderStore.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-restore-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FILES = ['Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log', 'Default/Local Storage/leveldb/000005.ldb'];

async function profile(path: string): Promise<string> {
  for (const f of FILES) {
    await mkdir(dirname(join(path, f)), { recursive: true });
    await writeFile(join(path, f), randomBytes(50_000));
  }
  return path;
}

describe('BackupEngine.restore verifies what it streamed', () => {
  it.each([
    ['the zip bytes (plain backup)', false, 'body'],
    ['the archive checksum in the manifest', true, 'archiveSha256'],
    ['the content hash in the manifest', true, 'contentSha256'],
    ['the file count in the manifest', false, 'files'],
  ] as const)('a change to %s is BACKUP_CORRUPT, the current profile stays, nothing is left behind', async (_what, encrypt, tamper) => {
    const workDir = await mkdtemp(join(dir, 'work-'));
    const storeRoot = await mkdtemp(join(dir, 'store-'));
    const store = new FolderStore({ root: storeRoot });
    const home = await mkdtemp(join(dir, 'home-'));
    const engine = new BackupEngine({ keyring: new DataKeyring({ file: join(home, 'keyring.json'), protector: new FileKeyProtector(join(home, 'master.key')) }), workDir, app: { name: 'WA Accounts', version: '0.1.0' }, libraryVersion: '1.34.7' });
    const src = await profile(join(home, 'auth', 'session-acc1'));
    const { version } = await engine.backUp({ accountId: 'acc1', profileDir: src, store, encrypt });

    const base = join(storeRoot, sessionName('acc1'), version.id);
    if (tamper === 'body') {
      const bytes = await readFile(`${base}.bin`);
      bytes[100] = bytes[100]! ^ 1; // inside the first entry's compressed data
      await writeFile(`${base}.bin`, bytes);
    } else {
      const side = JSON.parse(await readFile(`${base}.json`, 'utf8')) as { meta: { manifest: string } };
      const manifest = JSON.parse(side.meta.manifest) as Record<string, unknown>;
      manifest[tamper] = tamper === 'files' ? FILES.length + 1 : 'f'.repeat(64);
      side.meta.manifest = JSON.stringify(manifest);
      await writeFile(`${base}.json`, JSON.stringify(side));
    }

    const current = await profile(join(home, 'other', 'session-acc1'));
    const before = await readFile(join(current, FILES[0]!));
    await expect(engine.restore({ accountId: 'acc1', dataPath: dirname(current), store, allowPlain: !encrypt })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    expect((await readFile(join(current, FILES[0]!))).equals(before)).toBe(true);
    expect(await readdir(dirname(current))).toEqual(['session-acc1']);
    expect(await readdir(workDir)).toEqual([]);
  });

  it('an untouched backup restores byte for byte in one pass from the store', async () => {
    const workDir = await mkdtemp(join(dir, 'work-'));
    const store = new FolderStore({ root: await mkdtemp(join(dir, 'store-')) });
    const home = await mkdtemp(join(dir, 'home-'));
    const engine = new BackupEngine({ keyring: new DataKeyring({ file: join(home, 'keyring.json'), protector: new FileKeyProtector(join(home, 'master.key')) }), workDir, app: { name: 'WA Accounts', version: '0.1.0' }, libraryVersion: '1.34.7' });
    const src = await profile(join(home, 'auth', 'session-acc1'));
    for (const encrypt of [true, false]) {
      await engine.backUp({ accountId: 'acc1', profileDir: src, store, encrypt, force: true });
      const dataPath = await mkdtemp(join(dir, 'restored-'));
      const r = await engine.restore({ accountId: 'acc1', dataPath, store, allowPlain: !encrypt });
      expect(r.files.map((f) => f.path)).toEqual([...FILES].sort());
      for (const f of FILES) expect((await readFile(join(r.profileDir, f))).equals(await readFile(join(src, f)))).toBe(true);
      expect(await readdir(workDir)).toEqual([]);
    }
  });
});
