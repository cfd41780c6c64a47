import { createHash } from 'node:crypto';
import type { VersionInfo } from './BackupStore.js';

/*
 * Sessions kept the way stock RemoteAuth and the published stores keep them (docs/stores.md, "RemoteAuth's
 * own, and the published stores'"): one `<session>.zip` per session in a folder or under an S3 prefix,
 * GridFS buckets of wwebjs-mongo. The app only reads these (an import); it never writes or prunes them.
 */

/** RemoteAuth's session names: `RemoteAuth-<clientId>` (clientIds match /^[-_\w]+$/i) or the default `RemoteAuth`. */
export const REMOTEAUTH_SESSION = /^RemoteAuth(?:-[-_A-Za-z0-9]{1,100})?$/;

/** A session found in a foreign layout, with its versions (newest first). */
export interface ImportedSession {
  session: string;
  /** Where it was found, for the user: "RemoteAuth-x.zip", "bucket whatsapp-RemoteAuth". */
  where: string;
  versions: VersionInfo[];
}

/** Something a listing passed over, and why, so nothing is left out without a word. */
export interface SkippedEntry {
  name: string;
  reason: string;
}

export interface ImportScan {
  sessions: ImportedSession[];
  skipped: SkippedEntry[];
}

export const EMPTY_SCAN: ImportScan = { sessions: [], skipped: [] };

export const NOT_A_SESSION_NAME = 'not named the way RemoteAuth names a session (RemoteAuth-<clientId>.zip or RemoteAuth.zip)';
export const EMPTY_FILE = 'the file is empty';
export const NO_COMPLETE_VERSION = 'holds no complete backup (an upload that never finished?)';

/**
 * A version id for a file the app did not write: its time and a hash of where it is, so it has the
 * shape of the app's ids (sortable by time) and changes when the file is replaced.
 */
export function importVersionId(modifiedMs: number, ref: string): string {
  return `${String(Math.max(0, Math.floor(modifiedMs))).padStart(15, '0')}-${createHash('sha256').update(ref).digest('hex').slice(0, 8)}`;
}

/** What a file name in a folder or under a prefix is: a RemoteAuth zip, something to skip (with why), or nothing to mention. */
export function classifyZipName(name: string): { session: string } | { skip: string } | null {
  if (name.startsWith('.')) return null; // our own probes and temp files, and hidden files
  if (!name.toLowerCase().endsWith('.zip')) return null;
  const session = name.slice(0, -4);
  return REMOTEAUTH_SESSION.test(session) ? { session } : { skip: NOT_A_SESSION_NAME };
}

/** One `<session>.zip` file (a folder or an S3 prefix) as an imported session, or the reason it is skipped. */
export function zipFileSession(name: string, size: number, modifiedMs: number): ImportedSession | SkippedEntry | null {
  const kind = classifyZipName(name);
  if (!kind) return null;
  if ('skip' in kind) return { name, reason: kind.skip };
  if (size === 0) return { name, reason: EMPTY_FILE };
  const at = Math.floor(modifiedMs); // file times carry fractions of a millisecond; version times are whole
  return { session: kind.session, where: name, versions: [{ id: importVersionId(at, name), size, createdAt: at, meta: { format: 'zip', source: 'remoteauth' } }] };
}

export function isSkipped(x: ImportedSession | SkippedEntry): x is SkippedEntry {
  return 'reason' in x;
}

/** A GridFS file as the listing needs it (wwebjs-mongo's `<session>.zip` in bucket `whatsapp-<session>`). */
export interface GridFile {
  id: string;
  filename: string;
  length: number;
  uploadDate: Date;
  /** Written by the app (metadata.writer), as opposed to stock wwebjs-mongo. */
  ours: boolean;
}

/** The bucket prefixes wwebjs-mongo used: `whatsapp-` today, `multidevice-` in an earlier revision. */
const MONGO_BUCKET = /^(whatsapp|multidevice)-(.+)\.files$/;

/**
 * wwebjs-mongo's layout, read: every `<prefix>-<session>.files` collection whose session the app's own
 * listing does not cover (`appSession` says which it does), its `<session>.zip` files as versions. Pure, so
 * it is tested with a fake database (no MongoDB server runs on the build machines: docs/stores.md).
 */
export async function scanGridBuckets(collections: string[], filesOf: (bucket: string) => Promise<GridFile[]>, appSession: (bucket: string, session: string) => boolean): Promise<ImportScan> {
  const out: ImportScan = { sessions: [], skipped: [] };
  for (const name of [...collections].sort()) {
    const m = MONGO_BUCKET.exec(name);
    if (!m) continue;
    const bucket = `${m[1]}-${m[2]}`;
    const session = m[2]!;
    if (!REMOTEAUTH_SESSION.test(session)) {
      out.skipped.push({ name: `bucket ${bucket}`, reason: 'not named after a RemoteAuth session (whatsapp-RemoteAuth-<clientId>)' });
      continue;
    }
    if (appSession(bucket, session)) continue;
    const files = (await filesOf(bucket)).filter((f) => f.filename === `${session}.zip`);
    if (files.length === 0) {
      out.skipped.push({ name: `bucket ${bucket}`, reason: `holds no ${session}.zip` });
      continue;
    }
    const versions = files.map((f) => ({ id: gridVersionId(f), size: f.length, createdAt: f.uploadDate.getTime(), meta: { format: 'zip', source: 'remoteauth' } }));
    out.sessions.push({ session, where: `bucket ${bucket}`, versions: versions.sort((a, b) => (a.id < b.id ? 1 : -1)) });
  }
  return out;
}

/** The same id MongoStore gives a GridFS file: upload time and the end of its ObjectId. */
export function gridVersionId(f: { id: string; uploadDate: Date }): string {
  return `${String(f.uploadDate.getTime()).padStart(15, '0')}-${f.id.slice(-8)}`;
}
