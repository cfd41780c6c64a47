// A restore does not trust the store: whoever can write to it (a shared folder, a bucket, a database)
// must not be able to restore one account's session as another's, an old version in place of the
// newest, a zip of their own, or a small object that unpacks until the disk is full.
import { ZipArchive } from 'archiver';
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from './testing/streams.js';
import { writeZip } from './archive/zipArchive.js';
import { BackupEngine, sessionName } from './BackupEngine.js';
import { DataKeyring, FileKeyProtector } from './crypto/keys.js';
import { FolderStore } from './stores/FolderStore.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-trust-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const LOG = 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log';
const FILES = [LOG, 'Default/Local Storage/leveldb/000005.ldb'];

/** A profile whose files start with `mark`, so a restored profile says whose (and which) it is. */
async function profile(path: string, mark: string): Promise<string> {
  for (const f of FILES) {
    await mkdir(dirname(join(path, f)), { recursive: true });
    await writeFile(join(path, f), Buffer.concat([Buffer.from(mark), randomBytes(20_000)]));
  }
  return path;
}
const markOf = async (profileDir: string) => (await readFile(join(profileDir, LOG))).subarray(0, 12).toString();

async function world() {
  const home = await mkdtemp(join(dir, 'home-'));
  const keyring = new DataKeyring({ file: join(home, 'keyring.json'), protector: new FileKeyProtector(join(home, 'master.key')), scrypt: { N: 2 ** 12, r: 8, p: 1 } });
  const engine = new BackupEngine({ keyring, workDir: await mkdtemp(join(home, 'work-')), app: { name: 'WA Accounts', version: '0.1.0' }, libraryVersion: '1.34.7' });
  const root = join(home, 'store');
  await mkdir(root);
  const store = new FolderStore({ root, remoteAuthZipDir: join(home, 'ra') });
  /** The profile currently on this computer for `id`: it must survive every refused restore. */
  const here = async (id: string) => profile(join(home, 'sessions', `session-${id}`), `HERE-${id}`.padEnd(12, '-'));
  const slot = (id: string, versionId: string) => join(root, sessionName(id), versionId);
  const restore = (id: string, more: { allowPlain?: boolean; versionId?: string } = {}) => engine.restore({ accountId: id, dataPath: join(home, 'sessions'), store, ...more });
  const backUp = async (id: string, mark: string) => {
    const src = await profile(join(home, 'made', mark), mark.padEnd(12, '-'));
    return (await engine.backUp({ accountId: id, profileDir: src, store, force: true })).version;
  };
  return { home, engine, store, here, slot, restore, backUp };
}

/** Replaces a stored version's body (and, with `meta`, its sidecar) by another's, as a store writer could. */
async function overwrite(from: string, to: string, parts: Array<'bin' | 'json'>): Promise<void> {
  for (const p of parts) await copyFile(`${from}.${p}`, `${to}.${p}`);
}

describe('a restore refuses what the store cannot prove', () => {
  it.each([
    ['the archive alone', ['bin'] as const],
    ['the archive and its manifest', ['bin', 'json'] as const],
  ])("account A's backup put in place of account B's (%s) is refused; B's profile stays", async (_what, parts) => {
    const w = await world();
    const a = await w.backUp('alice', 'ALICE');
    const b = await w.backUp('bob', 'BOB');
    await overwrite(w.slot('alice', a.id), w.slot('bob', b.id), [...parts]);
    const current = await w.here('bob');
    const err = await w.restore('bob').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BACKUP_CORRUPT' });
    if (parts.length === 2) expect((err as Error).message).toMatch(/another account/);
    expect(await markOf(current)).toBe('HERE-bob----');
  });

  it.each([
    ['its archive in the newest slot', 'bin'],
    ['its archive and manifest in the newest slot', 'both'],
    ['replayed as a new version', 'replay'],
  ] as const)('an older version (%s) is not restored as the newest', async (_what, how) => {
    const w = await world();
    const old = await w.backUp('acc1', 'OLD');
    const newest = await w.backUp('acc1', 'NEW');
    if (how === 'replay') {
      const later = `${String(Date.now() + 60_000).padStart(15, '0')}-0badf00d`;
      await overwrite(w.slot('acc1', old.id), w.slot('acc1', later), ['bin', 'json']);
    } else await overwrite(w.slot('acc1', old.id), w.slot('acc1', newest.id), how === 'bin' ? ['bin'] : ['bin', 'json']);
    const current = await w.here('acc1');
    await expect(w.restore('acc1')).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    expect(await markOf(current)).toBe('HERE-acc1---');
    // Asked for by its own id, the old version is what it says it is, and restores.
    const restored = await w.restore('acc1', { versionId: old.id });
    expect(await markOf(restored.profileDir)).toBe('OLD---------');
  });

  it('an unchanged session whose newest backup predates sealed manifests is backed up again, so it restores without the import', async () => {
    const w = await world();
    const src = await profile(join(w.home, 'made', 'SAME'), 'SAME--------');
    const first = await w.engine.backUp({ accountId: 'acc1', profileDir: src, store: w.store });
    expect((await w.engine.backUp({ accountId: 'acc1', profileDir: src, store: w.store })).status).toBe('unchanged');
    const side = JSON.parse(await readFile(`${w.slot('acc1', first.version.id)}.json`, 'utf8')) as { meta: Record<string, string> };
    const manifest = JSON.parse(side.meta['manifest']!) as Record<string, unknown>;
    delete manifest['follows']; // what a backup made before this version of the app says
    side.meta['manifest'] = JSON.stringify(manifest);
    await writeFile(`${w.slot('acc1', first.version.id)}.json`, JSON.stringify(side));
    expect((await w.engine.backUp({ accountId: 'acc1', profileDir: src, store: w.store })).status).toBe('uploaded');
    expect(await markOf((await w.restore('acc1')).profileDir)).toBe('SAME--------');
  });

  it('the newest version restores, untouched', async () => {
    const w = await world();
    await w.backUp('acc1', 'OLD');
    await w.backUp('acc1', 'NEW');
    expect(await markOf((await w.restore('acc1')).profileDir)).toBe('NEW---------');
  });

  it.each([
    ['through RemoteAuth (no manifest)', 'remoteauth'],
    ['with the encrypted backup\'s manifest copied beside it', 'manifest'],
  ] as const)('a plain zip planted for an encrypted account (%s) is refused as BACKUP_NOT_ENCRYPTED unless imported explicitly', async (_what, how) => {
    const w = await world();
    const mine = await w.backUp('acc1', 'MINE');
    const evil = await profile(join(w.home, 'evil'), 'EVIL--------');
    if (how === 'remoteauth') {
      await mkdir(join(w.home, 'ra'), { recursive: true });
      await writeZip(evil, FILES, join(w.home, 'ra', `${sessionName('acc1')}.zip`));
      await w.store.save({ session: sessionName('acc1') });
    } else {
      const zip = join(w.home, 'evil.zip');
      await writeZip(evil, FILES, zip);
      await w.store.putVersion(sessionName('acc1'), Readable.from([await readFile(zip)]), { meta: mine.meta });
    }
    const current = await w.here('acc1');
    const err = await w.restore('acc1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BACKUP_NOT_ENCRYPTED', message: expect.stringMatching(/not encrypted/) });
    expect(await markOf(current)).toBe('HERE-acc1---');
    if (how === 'remoteauth') {
      // "Import an unencrypted backup": the user said what they want.
      expect(await markOf((await w.restore('acc1', { allowPlain: true })).profileDir)).toBe('EVIL--------');
    } else {
      // Even then, a zip that is not the one its manifest describes is not imported.
      await expect(w.restore('acc1', { allowPlain: true })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
      expect(await markOf(current)).toBe('HERE-acc1---');
    }
  });

  it.each([
    ['the phone number', (m: Record<string, unknown>) => void (m['phoneNumber'] = '…999')],
    ['the date', (m: Record<string, unknown>) => void (m['createdAt'] = new Date(0).toISOString())],
    ['the session size', (m: Record<string, unknown>) => void (m['bytes'] = 1)],
    ['the account', (m: Record<string, unknown>) => void (m['accountId'] = 'bob')],
  ])('a manifest changed in the store (%s) is refused as BACKUP_CORRUPT', async (_what, change) => {
    const w = await world();
    const v = await w.backUp('acc1', 'MINE');
    const side = JSON.parse(await readFile(`${w.slot('acc1', v.id)}.json`, 'utf8')) as { meta: Record<string, string> };
    const manifest = JSON.parse(side.meta['manifest']!) as Record<string, unknown>;
    change(manifest);
    side.meta['manifest'] = JSON.stringify(manifest);
    await writeFile(`${w.slot('acc1', v.id)}.json`, JSON.stringify(side));
    const current = await w.here('acc1');
    await expect(w.restore('acc1')).rejects.toMatchObject({ code: 'BACKUP_CORRUPT', message: expect.stringMatching(/manifest/) });
    expect(await markOf(current)).toBe('HERE-acc1---');
  });

  it('an encrypted backup whose manifest was removed from the store is refused', async () => {
    const w = await world();
    const v = await w.backUp('acc1', 'MINE');
    const side = JSON.parse(await readFile(`${w.slot('acc1', v.id)}.json`, 'utf8')) as { meta: Record<string, string> };
    delete side.meta['manifest'];
    await writeFile(`${w.slot('acc1', v.id)}.json`, JSON.stringify(side));
    await expect(w.restore('acc1')).rejects.toMatchObject({ code: 'BACKUP_CORRUPT', message: expect.stringMatching(/manifest/) });
  });

  it('an archive in the format before account and version were bound is BACKUP_UNVERIFIED without the explicit import', async () => {
    const w = await world();
    const v = await w.backUp('acc1', 'MINE');
    const bytes = await readFile(`${w.slot('acc1', v.id)}.bin`);
    bytes[8] = 1; // the format byte: what an archive from before format 2 says
    await writeFile(`${w.slot('acc1', v.id)}.bin`, bytes);
    await expect(w.restore('acc1')).rejects.toMatchObject({ code: 'BACKUP_UNVERIFIED' });
  });
});

async function zipOf(entries: Array<{ name: string; body: Buffer | (() => Readable) }>, out: string): Promise<Buffer> {
  const zip = new ZipArchive({ zlib: { level: 9 } });
  for (const e of entries) zip.append(typeof e.body === 'function' ? e.body() : e.body, { name: e.name });
  const done = readAll(zip);
  await zip.finalize();
  const bytes = await done;
  await writeFile(out, bytes);
  return bytes;
}

function zeros(total: number): Readable {
  const chunk = Buffer.alloc(1024 * 1024);
  return Readable.from((function* () {
    for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
  })());
}

/** A manifest for `zip` that claims `files` files of `bytes` bytes in all, as a store writer could write it. */
function claim(zip: Buffer, files: number, bytes: number): Record<string, string> {
  const sha = createHash('sha256').update(zip).digest('hex');
  const manifest = { format: 'wa-accounts-backup', version: 1, accountId: 'acc1', createdAt: new Date().toISOString(), app: { name: 'WA Accounts', version: '0.1.0' }, library: { name: 'whatsapp-web.js', version: '1.34.7' }, files, bytes, archiveBytes: zip.length, archiveSha256: sha, contentSha256: '0'.repeat(64), encrypted: false };
  return { manifest: JSON.stringify(manifest), format: 'zip' };
}

/** The most bytes seen at once under `root` while `work` runs (sampled every few ms). */
async function peakBytesUnder<T>(root: string, work: Promise<T>): Promise<{ peak: number; result: T | unknown }> {
  let peak = 0;
  let running = true;
  const sample = async () => {
    while (running) {
      let total = 0;
      for (const name of (await readdir(root, { recursive: true }).catch(() => [])) as string[]) total += await stat(join(root, name)).then((s) => (s.isFile() ? s.size : 0), () => 0);
      peak = Math.max(peak, total);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const sampler = sample();
  const result = await work.catch((e: unknown) => e);
  running = false;
  await sampler;
  return { peak, result };
}

describe('zip bombs', () => {
  it('a small object that unpacks to 300 MiB is refused as BACKUP_TOO_LARGE before it fills the disk', async () => {
    const w = await world();
    const bomb = await zipOf([{ name: LOG, body: () => zeros(300 * 1024 * 1024) }, { name: FILES[1]!, body: Buffer.from('x') }], join(w.home, 'bomb.zip'));
    expect(bomb.length).toBeLessThan(512 * 1024);
    await w.store.putVersion(sessionName('acc1'), Readable.from([bomb]), { meta: claim(bomb, 2, 40_000) });
    const sessions = join(w.home, 'sessions');
    await mkdir(sessions, { recursive: true });
    const { peak, result } = await peakBytesUnder(sessions, w.restore('acc1', { allowPlain: true }));
    expect(result).toMatchObject({ code: 'BACKUP_TOO_LARGE' });
    expect(peak).toBeLessThan(8 * 1024 * 1024);
    expect(await readdir(sessions)).toEqual([]);
  }, 30_000);

  it('a zip of thousands of entries where the manifest says two is refused before extracting any', async () => {
    const w = await world();
    const many = Array.from({ length: 3000 }, (_, i) => ({ name: `Default/IndexedDB/x/${i}.log`, body: Buffer.from(String(i)) }));
    const zip = await zipOf(many, join(w.home, 'many.zip'));
    await w.store.putVersion(sessionName('acc1'), Readable.from([zip]), { meta: claim(zip, 2, 40_000) });
    await expect(w.restore('acc1', { allowPlain: true })).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE', message: expect.stringMatching(/3000 entries/) });
  });

  it('an object larger than its manifest says is refused while downloading', async () => {
    const w = await world();
    const src = await profile(join(w.home, 'src'), 'SRC---------');
    const zipPath = join(w.home, 'ok.zip');
    await writeZip(src, FILES, zipPath);
    const zip = await readFile(zipPath);
    const padded = Buffer.concat([zip, randomBytes(16 * 1024 * 1024)]);
    await w.store.putVersion(sessionName('acc1'), Readable.from([padded]), { meta: claim(zip, 2, 40_024) });
    await expect(w.restore('acc1', { allowPlain: true })).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE' });
  });
});
