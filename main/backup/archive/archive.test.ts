import { ZipArchive } from 'archiver';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARD_LIMITS, limitsFor } from './limits.js';
import { restoreProfile } from './restore.js';
import { snapshotProfile } from './snapshot.js';
import { createArchive, writeZip } from './zipArchive.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const IDB = 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb';
const SESSION_FILES = [`${IDB}/000003.log`, `${IDB}/CURRENT`, `${IDB}/LOCK`, `${IDB}/MANIFEST-000001`, 'Default/Local Storage/leveldb/000005.ldb', 'Default/Local Storage/leveldb/CURRENT'];
const NOISE = ['Default/Cache/Cache_Data/f_000001', 'Default/Preferences', 'Default/Service Worker/ScriptCache/abc', 'Local State', 'Default/Code Cache/js/1'];

async function fakeProfile(name: string): Promise<string> {
  const profile = join(dir, name);
  for (const f of [...SESSION_FILES, ...NOISE]) {
    await mkdir(dirname(join(profile, f)), { recursive: true });
    await writeFile(join(profile, f), f.endsWith('LOCK') ? '' : randomBytes(2000 + Math.floor(Math.random() * 5000)));
  }
  await symlink('host-12345', join(profile, 'SingletonLock'));
  return profile;
}

function zipEntries(path: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: false }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => names.push(e.fileName));
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
    }),
  );
}

const build = (profileDir: string) =>
  createArchive({ profileDir, workDir: dir, accountId: 'acc1', phoneNumber: '491701234567', app: { name: 'WA Accounts', version: '0.1.0' }, libraryVersion: '1.34.7', encrypted: false });

describe('RemoteAuth-layout archives', () => {
  it('contain exactly the session files under Default/IndexedDB/ and Default/Local Storage/, nothing else from the profile', async () => {
    const profile = await fakeProfile('p1/session-acc1');
    const archive = await build(profile);
    try {
      const names = await zipEntries(archive.zipPath);
      for (const n of names) expect(n.startsWith('Default/IndexedDB/') || n.startsWith('Default/Local Storage/')).toBe(true);
      expect([...names].sort()).toEqual([...SESSION_FILES].sort());
      expect(archive.manifest).toMatchObject({ accountId: 'acc1', files: SESSION_FILES.length, library: { name: 'whatsapp-web.js', version: '1.34.7' }, encrypted: false });
      expect(archive.manifest.archiveSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(archive.snapshot.stable).toBe(true);
    } finally {
      await archive.dispose();
    }
  });

  it('gives the same contentSha256 for an unchanged session and a different one after a change', async () => {
    const profile = await fakeProfile('p2/session-acc1');
    const a = await build(profile);
    const b = await build(profile);
    await appendFile(join(profile, `${IDB}/000003.log`), 'new message');
    const c = await build(profile);
    expect(b.manifest.contentSha256).toBe(a.manifest.contentSha256);
    expect(c.manifest.contentSha256).not.toBe(a.manifest.contentSha256);
    await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
  });

  it('a snapshot of a profile that changes while copying ends up equal to the profile (changed, new and vanished files)', async () => {
    const profile = await fakeProfile('p3/session-acc1');
    const dest = join(dir, 'p3-copy');
    const snap = await snapshotProfile(profile, dest, {
      afterRound: async (round) => {
        if (round !== 1) return;
        await appendFile(join(profile, `${IDB}/000003.log`), randomBytes(3000)); // Chromium appends to the log
        await writeFile(join(profile, `${IDB}/000004.ldb`), randomBytes(100)); // compaction writes a table...
        await rm(join(profile, 'Default/Local Storage/leveldb/000005.ldb')); // ...and deletes an old one
      },
    });
    expect(snap).toMatchObject({ stable: true, rounds: 2 });
    const paths = snap.files.map((f) => f.path);
    expect(paths).toContain(`${IDB}/000004.ldb`);
    expect(paths).not.toContain('Default/Local Storage/leveldb/000005.ldb');
    for (const p of paths) expect((await readFile(join(dest, p))).equals(await readFile(join(profile, p)))).toBe(true);
    await expect(readFile(join(dest, 'Default/Local Storage/leveldb/000005.ldb'))).rejects.toThrow();
  });

  it('refuses to back up a profile with no session (PROFILE_MISSING) instead of storing an empty backup', async () => {
    await mkdir(join(dir, 'empty/session-x/Default'), { recursive: true });
    await expect(build(join(dir, 'empty/session-x'))).rejects.toMatchObject({ code: 'PROFILE_MISSING' });
  });
});

describe('restore: extract to a temp folder, verify, swap', () => {
  it('restores into a fresh data folder byte for byte', async () => {
    const profile = await fakeProfile('r1/session-acc1');
    const archive = await build(profile);
    const dataPath = join(dir, 'fresh-install', 'auth');
    const res = await restoreProfile({ zipPath: archive.zipPath, dataPath, accountId: 'acc1', manifest: archive.manifest });
    expect(res).toMatchObject({ profileDir: join(dataPath, 'session-acc1'), replaced: false });
    for (const f of SESSION_FILES) expect((await readFile(join(dataPath, 'session-acc1', f))).equals(await readFile(join(profile, f)))).toBe(true);
    expect((await readdir(dataPath)).sort()).toEqual(['session-acc1']);
    await archive.dispose();
  });

  it('replaces an existing profile only after verification, and keeps it when the archive is damaged or the check fails', async () => {
    const source = await fakeProfile('r2/source/session-acc1');
    const archive = await build(source);
    const dataPath = join(dir, 'r2/auth');
    const current = await fakeProfile('r2/auth/session-acc1');
    const before = await readFile(join(current, `${IDB}/000003.log`));

    const damaged = join(dir, 'r2/damaged.zip');
    const bytes = await readFile(archive.zipPath);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(damaged, bytes);
    await expect(restoreProfile({ zipPath: damaged, dataPath, accountId: 'acc1', manifest: archive.manifest })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    await expect(restoreProfile({ zipPath: archive.zipPath, dataPath, accountId: 'acc1', verify: async () => { throw new Error('does not start'); } })).rejects.toMatchObject({ code: 'RESTORE_FAILED' });
    expect((await readFile(join(current, `${IDB}/000003.log`))).equals(before)).toBe(true);
    expect((await readdir(dataPath)).sort()).toEqual(['session-acc1']); // no temp folders left behind

    const ok = await restoreProfile({ zipPath: archive.zipPath, dataPath, accountId: 'acc1', manifest: archive.manifest });
    expect(ok.replaced).toBe(true);
    expect((await readFile(join(current, `${IDB}/000003.log`))).equals(await readFile(join(source, `${IDB}/000003.log`)))).toBe(true);
    expect((await readdir(dataPath)).sort()).toEqual(['session-acc1']);
    await archive.dispose();
  });

  it('refuses a zip whose entries escape the folder and a zip with no IndexedDB data', async () => {
    const evil = join(dir, 'evil.zip');
    const zip = new ZipArchive({ zlib: { level: 1 } });
    zip.append(Buffer.from('x'), { name: 'Default/IndexedDB/../../../../escaped.txt' });
    const done = pipeline(zip, createWriteStream(evil));
    await zip.finalize();
    await done;
    const dataPath = join(dir, 'evil-auth');
    await expect(restoreProfile({ zipPath: evil, dataPath, accountId: 'acc1' })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    await expect(readFile(join(dir, 'escaped.txt'))).rejects.toThrow();

    const onlyLs = join(dir, 'only-ls');
    await mkdir(join(onlyLs, 'Default/Local Storage/leveldb'), { recursive: true });
    await writeFile(join(onlyLs, 'Default/Local Storage/leveldb/CURRENT'), 'x');
    await writeZip(onlyLs, ['Default/Local Storage/leveldb/CURRENT'], join(dir, 'only-ls.zip'));
    await expect(restoreProfile({ zipPath: join(dir, 'only-ls.zip'), dataPath, accountId: 'acc1' })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
  });
});

describe('restore: zip bombs', () => {
  async function zipFile(name: string, entries: Array<{ name: string; body: Buffer }>): Promise<string> {
    const out = join(dir, name);
    const zip = new ZipArchive({ zlib: { level: 9 } });
    for (const e of entries) zip.append(e.body, { name: e.name });
    const done = pipeline(zip, createWriteStream(out));
    await zip.finalize();
    await done;
    return out;
  }

  it('the hard limits hold with no manifest (a stock RemoteAuth zip): 200,000 entries, 4 GiB unpacked', () => {
    expect(HARD_LIMITS).toEqual({ maxEntries: 200_000, maxBytes: 4 * 2 ** 30 });
    expect(limitsFor(undefined)).toEqual(HARD_LIMITS);
    // A manifest lowers them (with a little slack) but can never raise them.
    expect(limitsFor({ files: 10, bytes: 1_000_000 })).toEqual({ maxEntries: 10 + 16, maxBytes: 1_000_000 + 10_000 + 2 ** 20 });
    expect(limitsFor({ files: 10 ** 9, bytes: 2 ** 50 })).toEqual(HARD_LIMITS);
  });

  it('more entries than allowed is BACKUP_TOO_LARGE before any is extracted', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ name: `${IDB}/${i}.log`, body: Buffer.from(String(i)) }));
    const zip = await zipFile('many.zip', entries);
    const dataPath = join(dir, 'many-auth');
    const verify = async () => void expect.unreachable('nothing is extracted');
    await expect(restoreProfile({ zipPath: zip, dataPath, accountId: 'acc1', limits: { maxEntries: 20 }, verify })).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE', message: expect.stringMatching(/50 entries/) });
    expect(await readdir(dataPath)).toEqual([]);
  });

  it('more unpacked bytes than allowed is BACKUP_TOO_LARGE before the entry is written', async () => {
    const zip = await zipFile('big.zip', [{ name: `${IDB}/000003.log`, body: Buffer.alloc(8 * 2 ** 20) }]);
    expect((await readFile(zip)).length).toBeLessThan(64 * 1024);
    const dataPath = join(dir, 'big-auth');
    await expect(restoreProfile({ zipPath: zip, dataPath, accountId: 'acc1', limits: { maxBytes: 2 ** 20 } })).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE' });
    expect(await readdir(dataPath)).toEqual([]);
  });
});
