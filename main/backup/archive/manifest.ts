import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import type { SnapshotFile } from './snapshot.js';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Describes one archive. Kept beside the archive (store meta), not inside the zip, so the zip stays
 * exactly what stock RemoteAuth writes and reads.
 */
export interface BackupManifest {
  format: 'wa-accounts-backup';
  version: 1;
  accountId: string;
  /** E.164 digits of the linked phone, if known; store it only where the user accepted that (it is personal data). */
  phoneNumber?: string;
  createdAt: string;
  app: { name: string; version: string };
  library: { name: 'whatsapp-web.js'; version: string };
  files: number;
  /** Uncompressed bytes of the session files. */
  bytes: number;
  /** The zip (before encryption). */
  archiveBytes: number;
  archiveSha256: string;
  /**
   * SHA-256 over the sorted (path, size, sha256) list: identical for identical session contents even
   * when the zip bytes differ (timestamps), so an unchanged session need not be uploaded again.
   */
  contentSha256: string;
  /** True when the stored object is the encrypted container rather than the plain zip. */
  encrypted: boolean;
  /**
   * The store's id of the version that was newest when this one was made (null: the first). Sealed into
   * encrypted archives with the rest of the manifest, it ties a version to its place in the store's
   * list, so an old archive cannot pass for a newer one (archive/provenance.ts).
   */
  follows?: string | null;
}

const HASH_BUFFER_BYTES = 1024 * 1024;

/**
 * Reads through one buffer that is reused (pass one in to share it across files): a read stream hands
 * out a fresh 64 KiB buffer per read, and V8 collects those so late that the peak RSS of hashing a
 * session grew by about a third of its size.
 */
export async function hashFile(path: string, buffer: Buffer = Buffer.allocUnsafe(HASH_BUFFER_BYTES)): Promise<string> {
  const h = createHash('sha256');
  const fh = await open(path, 'r');
  try {
    for (let n = (await fh.read(buffer, 0, buffer.length, null)).bytesRead; n > 0; n = (await fh.read(buffer, 0, buffer.length, null)).bytesRead) {
      h.update(buffer.subarray(0, n));
    }
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

/** Passes bytes through unchanged while hashing them, so a file is hashed as it is written, not read back. */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
  /** The hex digest; call once, after the stream has finished. */
  hex(): string {
    return this.hash.digest('hex');
  }
}

export async function hashSnapshot(root: string, files: SnapshotFile[]): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  const buffer = Buffer.allocUnsafe(HASH_BUFFER_BYTES);
  for (const f of files) out.push({ ...f, sha256: await hashFile(join(root, f.path), buffer) });
  return out;
}

export function contentHash(files: ManifestFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) h.update(`${f.path}\0${f.size}\0${f.sha256}\n`);
  return h.digest('hex');
}

/** Parses a manifest from store meta; undefined if absent or not ours (e.g. a stock RemoteAuth backup). */
export function parseManifest(text: string | undefined): BackupManifest | undefined {
  if (!text) return undefined;
  try {
    const m = JSON.parse(text) as Partial<BackupManifest>;
    if (m.format !== 'wa-accounts-backup' || m.version !== 1 || typeof m.archiveSha256 !== 'string') return undefined;
    return m as BackupManifest;
  } catch {
    return undefined;
  }
}
