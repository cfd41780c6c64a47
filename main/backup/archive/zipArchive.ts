import { ZipArchive } from 'archiver';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BackupError } from '../errors.js';
import { contentHash, hashSnapshot, HashingStream, type BackupManifest, type ManifestFile } from './manifest.js';
import { snapshotProfile, type Snapshot } from './snapshot.js';

export interface CreateArchiveOptions {
  /** The LocalAuth profile, `<dataPath>/session-<accountId>`. */
  profileDir: string;
  /** Where temporary copies go (same disk as the profile is fastest); a subfolder is created and removed. */
  workDir: string;
  accountId: string;
  phoneNumber?: string;
  app: { name: string; version: string };
  libraryVersion: string;
  /** Whether the caller will encrypt the zip before storing it (recorded in the manifest). */
  encrypted: boolean;
  now?: () => Date;
}

export interface CreatedArchive {
  /** A RemoteAuth-layout zip: entries `Default/IndexedDB/...` and `Default/Local Storage/...` only. */
  zipPath: string;
  manifest: BackupManifest;
  snapshot: Snapshot;
  /** Removes the temporary folder (zip included). */
  dispose(): Promise<void>;
}

/**
 * A consistent, hashed copy of the session folders, not yet zipped. Its contentSha256 is known before
 * any zip is written, so an unchanged session costs one copy and one hash pass, not a zip as well.
 */
export interface HashedSnapshot {
  snapshot: Snapshot;
  files: ManifestFile[];
  contentSha256: string;
  /** Zips the snapshot and describes it in a manifest; the zip lives in the same temp folder. */
  archive(): Promise<CreatedArchive>;
  /** Removes the temporary folder (snapshot and any zip). */
  dispose(): Promise<void>;
}

function buildFailed(err: unknown): BackupError {
  if (err instanceof BackupError) return err;
  return new BackupError('SNAPSHOT_FAILED', `Could not build the backup archive (${(err as Error).message}).`, undefined, { cause: err });
}

/** Snapshot the running profile and hash every copied file (the first half of createArchive). */
export async function snapshotSession(o: CreateArchiveOptions): Promise<HashedSnapshot> {
  const temp = await mkdtemp(join(o.workDir, `backup-${o.accountId}-`));
  const dispose = () => rm(temp, { recursive: true, force: true });
  try {
    const snapDir = join(temp, 'snapshot');
    const snapshot = await snapshotProfile(o.profileDir, snapDir);
    const files = await hashSnapshot(snapDir, snapshot.files);
    const content = contentHash(files);
    const archive = async (): Promise<CreatedArchive> => {
      try {
        const zipPath = join(temp, `RemoteAuth-${o.accountId}.zip`);
        const { sha256: archiveSha256, bytes: archiveBytes } = await writeZip(snapDir, files.map((f) => f.path), zipPath);
        const manifest: BackupManifest = {
          format: 'wa-accounts-backup',
          version: 1,
          accountId: o.accountId,
          ...(o.phoneNumber ? { phoneNumber: o.phoneNumber } : {}),
          createdAt: (o.now?.() ?? new Date()).toISOString(),
          app: o.app,
          library: { name: 'whatsapp-web.js', version: o.libraryVersion },
          files: files.length,
          bytes: snapshot.bytes,
          archiveBytes,
          archiveSha256,
          contentSha256: content,
          encrypted: o.encrypted,
        };
        return { zipPath, manifest, snapshot, dispose };
      } catch (err) {
        throw buildFailed(err);
      }
    };
    return { snapshot, files, contentSha256: content, archive, dispose };
  } catch (err) {
    await dispose();
    throw buildFailed(err);
  }
}

/** Snapshot the running profile, zip it in RemoteAuth's layout, and describe it in a manifest. */
export async function createArchive(o: CreateArchiveOptions): Promise<CreatedArchive> {
  const hashed = await snapshotSession(o);
  try {
    return await hashed.archive();
  } catch (err) {
    await hashed.dispose();
    throw err;
  }
}

/**
 * Writes `paths` (relative, forward slashes) from `root` into a zip at `out`; entry names are the paths.
 * Hashes the zip on its way to disk (no second read); the size is taken from the written file.
 */
export async function writeZip(root: string, paths: string[], out: string): Promise<{ sha256: string; bytes: number }> {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  for (const p of paths) zip.file(join(root, p), { name: p });
  const hasher = new HashingStream();
  const done = pipeline(zip, hasher, createWriteStream(out));
  await zip.finalize();
  await done;
  return { sha256: hasher.hex(), bytes: (await stat(out)).size };
}
