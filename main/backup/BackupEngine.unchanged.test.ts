import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupEngine, sessionName } from './BackupEngine.js';
import { DataKeyring, FileKeyProtector } from './crypto/keys.js';
import { FolderStore } from './stores/FolderStore.js';

// Counts the zips the engine starts: the real archiver, with every construction recorded.
const zips = vi.hoisted(() => ({ started: 0 }));
vi.mock('archiver', async (importOriginal) => {
  const real = await importOriginal<typeof import('archiver')>();
  class CountedZipArchive extends real.ZipArchive {
    constructor(...args: ConstructorParameters<typeof real.ZipArchive>) {
      super(...args);
      zips.started++;
    }
  }
  return { ...real, ZipArchive: CountedZipArchive };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-unchanged-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  zips.started = 0;
});

const LOG = 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log';
const FILES = [LOG, 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/CURRENT', 'Default/Local Storage/leveldb/000005.ldb'];

async function profile(path: string): Promise<string> {
  for (const f of FILES) {
    await mkdir(dirname(join(path, f)), { recursive: true });
    await writeFile(join(path, f), randomBytes(200_000));
  }
  return path;
}

/** Every .zip anywhere under `root` (the engine's work folder). */
async function zipsUnder(root: string): Promise<string[]> {
  const names = (await readdir(root, { recursive: true })) as string[];
  return names.filter((n) => n.endsWith('.zip'));
}

describe('BackupEngine: an unchanged session', () => {
  it('is recognised from the snapshot hash without building a zip or uploading; a change or force uploads again', async () => {
    const workDir = join(dir, 'work');
    await mkdir(workDir);
    const store = new FolderStore({ root: await mkdtemp(join(dir, 'store-')) });
    const home = join(dir, 'home');
    const engine = new BackupEngine({
      keyring: new DataKeyring({ file: join(home, 'keyring.json'), protector: new FileKeyProtector(join(home, 'master.key')) }),
      workDir,
      app: { name: 'WA Accounts', version: '0.1.0' },
      libraryVersion: '1.34.7',
    });
    const src = await profile(join(dir, 'auth', 'session-acc1'));
    // What a user sees of a backup run: which versions the store holds.
    const versions = async () => (await store.listVersions(sessionName('acc1'))).map((v) => v.id);

    const first = await engine.backUp({ accountId: 'acc1', profileDir: src, store });
    expect(first.status).toBe('uploaded');
    expect(zips.started).toBe(1);

    // Chromium rewrites files with the same bytes all the time: a newer mtime alone is no change.
    const later = new Date(Date.now() + 60_000);
    await utimes(join(src, LOG), later, later);
    const putVersion = vi.spyOn(store, 'putVersion');
    const again = await engine.backUp({ accountId: 'acc1', profileDir: src, store });
    expect(again).toMatchObject({ status: 'unchanged', version: { id: first.version.id } });
    expect(zips.started).toBe(1); // no zip was even started for the unchanged session
    expect(putVersion).not.toHaveBeenCalled();
    expect(await versions()).toEqual([first.version.id]);
    expect(await zipsUnder(workDir)).toEqual([]);
    expect(await readdir(workDir)).toEqual([]);

    const forced = await engine.backUp({ accountId: 'acc1', profileDir: src, store, force: true });
    expect(forced.status).toBe('uploaded');
    expect(zips.started).toBe(2);

    await writeFile(join(src, LOG), randomBytes(200_000));
    const changed = await engine.backUp({ accountId: 'acc1', profileDir: src, store });
    expect(changed.status).toBe('uploaded');
    expect(zips.started).toBe(3);
    expect(await versions()).toEqual([changed.version.id, forced.version.id, first.version.id]);

    // A plain backup of the same content is not "unchanged" next to an encrypted one.
    const plain = await engine.backUp({ accountId: 'acc1', profileDir: src, store, encrypt: false });
    expect(plain.status).toBe('uploaded');
    expect(await readdir(workDir)).toEqual([]);
  });
});
