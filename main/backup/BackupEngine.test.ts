import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from './archive/zipArchive.js';
import { BackupEngine, sessionName } from './BackupEngine.js';
import { DataKeyring, FileKeyProtector } from './crypto/keys.js';
import { FolderStore } from './stores/FolderStore.js';

let dir: string;
let storeRoot: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-'));
  storeRoot = join(dir, 'store');
  await mkdir(storeRoot);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FILES = ['Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log', 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/CURRENT', 'Default/Local Storage/leveldb/000005.ldb'];
const MARKER = 'PLAINTEXT-SESSION-MARKER-';

async function profile(path: string): Promise<string> {
  for (const f of [...FILES, 'Default/Cache/Cache_Data/big']) {
    await mkdir(dirname(join(path, f)), { recursive: true });
    await writeFile(join(path, f), Buffer.concat([Buffer.from(MARKER.repeat(50)), randomBytes(3000)]));
  }
  return path;
}

/** One install: its own key files and engine. */
function computer(name: string): BackupEngine {
  return new BackupEngine({ keyring: keyringOf(name), workDir: dir, app: { name: 'WA Accounts', version: '0.1.0' }, libraryVersion: '1.34.7' });
}
function keyringOf(name: string): DataKeyring {
  const home = join(dir, name);
  return new DataKeyring({ file: join(home, 'keyring.json'), protector: new FileKeyProtector(join(home, 'master.key')), scrypt: { N: 2 ** 12, r: 8, p: 1 } });
}

async function sameFiles(a: string, b: string): Promise<void> {
  for (const f of FILES) expect((await readFile(join(a, f))).equals(await readFile(join(b, f)))).toBe(true);
}

describe('BackupEngine', () => {
  it('backs up encrypted, skips an unchanged session, and restores on another computer with the passphrase', async () => {
    const store = new FolderStore({ root: storeRoot });
    const home = computer('home');
    await keyringOf('home').setRecoveryPassphrase('a long recovery phrase'); // same files as home's keyring
    const src = await profile(join(dir, 'home-auth', 'session-acc1'));
    const first = await home.backUp({ accountId: 'acc1', profileDir: src, store, phoneNumber: '491701234567' });
    expect(first.status).toBe('uploaded');
    const stored = await readFile(join(storeRoot, sessionName('acc1'), `${first.version.id}.bin`));
    expect(stored.includes(Buffer.from(MARKER))).toBe(false);
    expect(first.version.meta['manifest']).not.toContain('491701234567');

    const again = await home.backUp({ accountId: 'acc1', profileDir: src, store });
    expect(again.status).toBe('unchanged');
    expect(await store.listVersions(sessionName('acc1'))).toHaveLength(1);

    const laptop = computer('laptop');
    const dataPath = join(dir, 'laptop-auth');
    await expect(laptop.restore({ accountId: 'acc1', dataPath, store })).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    await expect(laptop.restore({ accountId: 'acc1', dataPath, store, passphrase: 'not the phrase' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const restored = await laptop.restore({ accountId: 'acc1', dataPath, store, passphrase: 'a long recovery phrase' });
    await sameFiles(src, restored.profileDir);
    expect(await readdir(dataPath)).toEqual(['session-acc1']);
  });

  it('a tampered backup is BACKUP_CORRUPT and leaves the current profile untouched', async () => {
    const store = new FolderStore({ root: storeRoot });
    const pc = computer('pc2');
    const src = await profile(join(dir, 'pc2-auth', 'session-acc2'));
    const { version } = await pc.backUp({ accountId: 'acc2', profileDir: src, store });
    const file = join(storeRoot, sessionName('acc2'), `${version.id}.bin`);
    const bytes = await readFile(file);
    const at = bytes.length - 100;
    bytes[at] = bytes[at]! ^ 1;
    await writeFile(file, bytes);
    const current = await profile(join(dir, 'pc2-other', 'session-acc2'));
    const before = await readFile(join(current, FILES[0]!));
    await expect(pc.restore({ accountId: 'acc2', dataPath: dirname(current), store })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    expect((await readFile(join(current, FILES[0]!))).equals(before)).toBe(true);
  });

  it('a plain backup is a stock RemoteAuth zip (Store.extract gives Default/... entries), and a stock RemoteAuth backup restores', async () => {
    const store = new FolderStore({ root: storeRoot, remoteAuthZipDir: join(dir, 'ra-data') });
    const pc = computer('pc3');
    const src = await profile(join(dir, 'pc3-auth', 'session-acc3'));
    await pc.backUp({ accountId: 'acc3', profileDir: src, store, encrypt: false });
    const zip = join(dir, 'ra-restore', `${sessionName('acc3')}.zip`);
    await store.extract({ session: sessionName('acc3'), path: zip });
    const names = await new Promise<string[]>((resolve, reject) => yauzl.open(zip, {}, (err, z) => {
      if (err) return reject(err);
      const out: string[] = [];
      z.on('entry', (e: yauzl.Entry) => out.push(e.fileName)).on('end', () => resolve(out)).on('error', reject);
    }));
    expect(names.sort()).toEqual([...FILES].sort());

    // A backup written by stock RemoteAuth: its zip in its dataPath, uploaded through Store.save().
    const stock = await profile(join(dir, 'stock-src'));
    await mkdir(join(dir, 'ra-data'), { recursive: true });
    await writeZip(stock, FILES, join(dir, 'ra-data', `${sessionName('acc4')}.zip`));
    await store.save({ session: sessionName('acc4') });
    // A plain zip proves nothing about who made it: imported only when the user says so.
    await expect(pc.restore({ accountId: 'acc4', dataPath: join(dir, 'pc3-import'), store })).rejects.toMatchObject({ code: 'BACKUP_NOT_ENCRYPTED' });
    const restored = await pc.restore({ accountId: 'acc4', dataPath: join(dir, 'pc3-import'), store, allowPlain: true });
    await sameFiles(stock, restored.profileDir);
  });
});
