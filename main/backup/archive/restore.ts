import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { BackupError, systemCode } from '../errors.js';
import { ByteLimit, limitsFor, mib, tooLarge, type ExtractLimits } from './limits.js';
import { contentHash, hashFile, HashingStream, type BackupManifest, type ManifestFile } from './manifest.js';
import { PROFILE_DIRS } from './snapshot.js';

function corrupt(why: string, cause?: unknown): BackupError {
  return new BackupError('BACKUP_CORRUPT', `The backup archive is damaged or not a WhatsApp session (${why}); nothing was changed. Try an older version.`, undefined, { cause });
}

/** No absolute paths, no "..": a crafted zip cannot write outside the temp folder. Only session folders are kept. */
function checkEntryName(name: string): 'file' | 'dir' | 'skip' {
  if (name.includes('\\') || name.startsWith('/') || name.split('/').some((s) => s === '..' || s === '.')) throw corrupt(`unsafe entry name ${JSON.stringify(name.slice(0, 80))}`);
  if (name === 'Default/' || PROFILE_DIRS.some((d) => name === `${d}/`)) return 'dir';
  // Anything else (e.g. Default/Default/ from older RemoteAuth versions) is not needed for the session: skipped.
  if (!PROFILE_DIRS.some((d) => name.startsWith(`${d}/`))) return 'skip';
  return name.endsWith('/') ? 'dir' : 'file';
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => (err ? reject(err) : resolve(zip))));
}

/**
 * Extracts a RemoteAuth-layout zip into `destDir`, refusing anything outside the session folders and
 * anything beyond `limits`: the entry count before any entry is read, each entry's size before it is
 * written (and its bytes as they come, should the zip understate it). Each file is hashed as it is
 * written (its size taken from the written file), so verifying the profile needs no second read of it.
 */
export async function extractZip(zipPath: string, destDir: string, limits: ExtractLimits): Promise<{ paths: string[]; files: ManifestFile[] }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (err) {
    throw corrupt('not a readable zip', err);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw tooLarge(`it holds ${zip.entryCount} entries where at most ${limits.maxEntries} are expected`);
  }
  let unpacked = 0;
  const unpacksTooMuch = (max: number) => `it unpacks to more than ${mib(max)}`;
  const paths: string[] = [];
  // By path, last entry wins: that is the one left on disk if a zip names a file twice.
  const written = new Map<string, ManifestFile>();
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      zip.close();
      reject(err instanceof BackupError ? err : corrupt((err as Error).message, err));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      void (async () => {
        const kind = checkEntryName(entry.fileName);
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000) throw corrupt(`symlink entry ${entry.fileName}`);
        const target = join(destDir, entry.fileName);
        if (kind === 'dir') await mkdir(target, { recursive: true });
        else if (kind === 'file') {
          if (unpacked + entry.uncompressedSize > limits.maxBytes) throw tooLarge(unpacksTooMuch(limits.maxBytes));
          await mkdir(dirname(target), { recursive: true });
          const stream = await new Promise<Readable>((res, rej) => zip.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))));
          const hasher = new HashingStream();
          await pipeline(stream, new ByteLimit(limits.maxBytes - unpacked, () => unpacksTooMuch(limits.maxBytes)), hasher, createWriteStream(target));
          unpacked += hasher.bytes;
          paths.push(entry.fileName);
          written.set(entry.fileName, { path: entry.fileName, size: (await stat(target)).size, sha256: hasher.hex() });
        }
        zip.readEntry();
      })().catch(fail);
    });
    zip.readEntry();
  });
  return { paths, files: [...written.values()].sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

export interface RestoreOptions {
  /** A RemoteAuth-layout zip on local disk (already decrypted). */
  zipPath: string;
  /** The zip's SHA-256 when the caller hashed it while writing it (saves reading it again); else it is read here. */
  zipSha256?: string;
  /** LocalAuth dataPath; the profile becomes `<dataPath>/session-<accountId>`. */
  dataPath: string;
  accountId: string;
  /** When known (our backups), the zip and its contents must match it exactly. Absent for stock RemoteAuth backups. */
  manifest?: BackupManifest;
  /**
   * Lower caps than the manifest's (or, without one, HARD_LIMITS); never higher than those. Tests use it;
   * a caller that knows less space is free may too.
   */
  limits?: Partial<ExtractLimits>;
  /** Extra check on the extracted profile before the swap (e.g. the app's own sanity test); throw to abort. */
  verify?: (tempProfileDir: string) => Promise<void>;
}

export interface RestoreResult {
  profileDir: string;
  /** Whether an existing profile was replaced (it is deleted only after the swap succeeded). */
  replaced: boolean;
  files: ManifestFile[];
}

/**
 * Extracts into a temporary folder next to the profile, verifies, then swaps it in with renames: the
 * old profile is moved aside, the new one moved in, and the old one deleted only after that worked
 * (put back if the second rename fails). The account's Chromium must be stopped during the swap.
 */
export async function restoreProfile(o: RestoreOptions): Promise<RestoreResult> {
  if (!isAbsolute(o.dataPath)) throw new RangeError('dataPath must be absolute');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(o.accountId)) throw new RangeError('invalid account id');
  await mkdir(o.dataPath, { recursive: true });
  const tag = randomBytes(4).toString('hex');
  const temp = join(o.dataPath, `.restore-${o.accountId}-${tag}`);
  const target = join(o.dataPath, `session-${o.accountId}`);
  const aside = join(o.dataPath, `.previous-${o.accountId}-${tag}`);
  try {
    if (o.manifest) {
      // Checked before the zip is parsed at all: a zip that is not the one we made is never opened.
      const sha = o.zipSha256 ?? (await hashFile(o.zipPath));
      if (sha !== o.manifest.archiveSha256) throw corrupt('its checksum does not match the manifest');
    }
    const { paths, files } = await extractZip(o.zipPath, temp, limitsFor(o.manifest, o.limits));
    if (!paths.some((p) => p.startsWith('Default/IndexedDB/'))) throw corrupt('it contains no Default/IndexedDB data');
    if (o.manifest && (files.length !== o.manifest.files || contentHash(files) !== o.manifest.contentSha256)) throw corrupt('its contents do not match the manifest');
    await o.verify?.(temp);

    let replaced = false;
    try {
      await rename(target, aside);
      replaced = true;
    } catch (err) {
      if (systemCode(err) !== 'ENOENT') throw err;
    }
    try {
      await rename(temp, target);
    } catch (err) {
      if (replaced) await rename(aside, target).catch(() => undefined);
      throw err;
    }
    if (replaced) await rm(aside, { recursive: true, force: true }).catch(() => undefined);
    return { profileDir: target, replaced, files };
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof BackupError) throw err;
    const code = systemCode(err);
    if (code === 'ENOSPC') throw new BackupError('RESTORE_FAILED', 'The disk is full; the restore was cancelled and the current profile kept.', undefined, { cause: err });
    if (code === 'EBUSY' || code === 'EPERM') throw new BackupError('RESTORE_FAILED', 'The current profile is still in use (is the account running?); stop it and retry. Nothing was changed.', undefined, { cause: err });
    throw new BackupError('RESTORE_FAILED', `The restore failed (${code ?? (err as Error).message}); the current profile was kept.`, undefined, { cause: err });
  }
}
