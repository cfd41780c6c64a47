import { ZipArchive } from 'archiver';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BackupError } from '../errors.js';
import { contentHash, hashFile, hashSnapshot, type BackupManifest } from './manifest.js';
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

/** Snapshot the running profile, zip it in RemoteAuth's layout, and describe it in a manifest. */
export async function createArchive(o: CreateArchiveOptions): Promise<CreatedArchive> {
  const temp = await mkdtemp(join(o.workDir, `backup-${o.accountId}-`));
  const dispose = () => rm(temp, { recursive: true, force: true });
  try {
    const snapDir = join(temp, 'snapshot');
    const snapshot = await snapshotProfile(o.profileDir, snapDir);
    const files = await hashSnapshot(snapDir, snapshot.files);
    const zipPath = join(temp, `RemoteAuth-${o.accountId}.zip`);
    await writeZip(snapDir, files.map((f) => f.path), zipPath);
    const archiveSha256 = await hashFile(zipPath);
    const archiveBytes = (await stat(zipPath)).size;
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
      contentSha256: contentHash(files),
      encrypted: o.encrypted,
    };
    return { zipPath, manifest, snapshot, dispose };
  } catch (err) {
    await dispose();
    if (err instanceof BackupError) throw err;
    throw new BackupError('SNAPSHOT_FAILED', `Could not build the backup archive (${(err as Error).message}).`, undefined, { cause: err });
  }
}

/** Writes `paths` (relative, forward slashes) from `root` into a zip at `out`; entry names are the paths. */
export async function writeZip(root: string, paths: string[], out: string): Promise<void> {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  for (const p of paths) zip.file(join(root, p), { name: p });
  const done = pipeline(zip, createWriteStream(out));
  await zip.finalize();
  await done;
}
