import { Transform, type TransformCallback } from 'node:stream';
import { BackupError } from '../errors.js';
import type { BackupManifest } from './manifest.js';

/**
 * How much a restore may unpack. A zip says how big it is only in its own (untrusted) directory, and
 * deflate turns 400 KB into 400 MiB, so a restore is capped by the manifest it was checked against,
 * with a little slack, and never beyond HARD_LIMITS whatever a manifest says.
 */
export interface ExtractLimits {
  /** Entries in the zip, all of them (folders and skipped ones cost time too). */
  maxEntries: number;
  /** Bytes written to disk in all. */
  maxBytes: number;
}

/** Far above any real session (hundreds of MiB, a few thousand files), far below a full disk. */
export const HARD_LIMITS: Readonly<ExtractLimits> = { maxEntries: 200_000, maxBytes: 4 * 2 ** 30 };

/** The most a download may be: a 4 GiB zip, plus its zip and encryption framing. */
export const HARD_DOWNLOAD_BYTES = HARD_LIMITS.maxBytes + 64 * 2 ** 20;

const ENTRY_SLACK = 16;
const BYTE_SLACK = 2 ** 20;

/** A count from an unauthenticated manifest, or 0 if it is not one (a cap of 0 refuses; the manifest is bad anyway). */
const count = (n: unknown): number => (Number.isSafeInteger(n) && (n as number) >= 0 ? (n as number) : 0);

/** The limits for a restore checked against `manifest` (none: a stock RemoteAuth zip), lowered further by `lower`. */
export function limitsFor(manifest: Pick<BackupManifest, 'files' | 'bytes'> | undefined, lower: Partial<ExtractLimits> = {}): ExtractLimits {
  const fromManifest = manifest
    ? { maxEntries: count(manifest.files) + ENTRY_SLACK, maxBytes: count(manifest.bytes) + Math.ceil(count(manifest.bytes) / 100) + BYTE_SLACK }
    : HARD_LIMITS;
  return {
    maxEntries: Math.min(HARD_LIMITS.maxEntries, fromManifest.maxEntries, lower.maxEntries ?? Infinity),
    maxBytes: Math.min(HARD_LIMITS.maxBytes, fromManifest.maxBytes, lower.maxBytes ?? Infinity),
  };
}

/**
 * The most bytes a download of the archive `manifest` describes may have: the zip plus, when
 * encrypted, the header and 21 bytes per record (records are at least 1 KiB: at most 1/48 more).
 */
export function downloadLimitFor(manifest: Pick<BackupManifest, 'archiveBytes'> | undefined): number {
  if (!manifest) return HARD_DOWNLOAD_BYTES;
  const zip = count(manifest.archiveBytes);
  return Math.min(HARD_DOWNLOAD_BYTES, zip + Math.ceil(zip / 32) + BYTE_SLACK);
}

/** The most bytes the zip itself may have once decrypted: exactly what the manifest says (its hash is checked next). */
export function zipLimitFor(manifest: Pick<BackupManifest, 'archiveBytes'> | undefined): number {
  return manifest ? Math.min(HARD_DOWNLOAD_BYTES, count(manifest.archiveBytes)) : HARD_DOWNLOAD_BYTES;
}

export function mib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`;
}

export function tooLarge(what: string): BackupError {
  return new BackupError('BACKUP_TOO_LARGE', `The backup was refused before it could fill the disk: ${what}. A WhatsApp session is never that large, so the backup is damaged or was altered; nothing was changed. Try an older version.`);
}

/** Passes bytes through and fails, before passing them on, as soon as more than `max` have come. */
export class ByteLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly max: number,
    private readonly what: (max: number) => string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) return done(tooLarge(this.what(this.max)));
    done(null, chunk);
  }
}
