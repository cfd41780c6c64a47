import type { ArchiveHeader } from '../crypto/streamCipher.js';
import { BackupError } from '../errors.js';
import type { VersionInfo } from '../stores/BackupStore.js';
import { parseManifest } from './manifest.js';

/*
 * Whoever can write to a store (a shared folder, a bucket, a database) can put any bytes in any slot.
 * An encrypted archive (format 2) seals its manifest into its header, authenticated by every record
 * (crypto/streamCipher.ts), and the manifest says which account it is and which version it follows.
 * These checks run on the header, before any key is looked for or any record opened; the records then
 * prove the header is the one the install's key wrote.
 */

/** What the restore asked for: an account, and a version in its place in the store's list. */
export interface Expected {
  accountId: string;
  version: VersionInfo;
  /** The id of the version listed just before it (older), if any. */
  olderId: string | undefined;
  /** The user chose to import a backup the app cannot verify (unencrypted, or from before format 2). */
  allowPlain: boolean;
}

function refused(why: string): BackupError {
  return new BackupError('BACKUP_CORRUPT', `${why} It was not restored and nothing was changed; choose another version, or check who can write to the store.`);
}

export function notEncrypted(): BackupError {
  return new BackupError(
    'BACKUP_NOT_ENCRYPTED',
    'This backup is not encrypted, so the app cannot tell who made it: anyone who can write to the store could have put it there. It was not restored. If it is yours (a backup made with encryption off, or by stock RemoteAuth), import it explicitly as an unencrypted backup.',
  );
}

/**
 * `follows` (the version that was newest when this one was made) must be the version listed before
 * it, or one that is gone from between the two (pruned or deleted): an old archive moved to a newer
 * slot, or replayed as a new version, follows something older than its neighbour and is refused.
 */
function inItsPlace(follows: unknown, id: string, olderId: string | undefined): boolean {
  if (follows === null) return olderId === undefined;
  if (typeof follows !== 'string' || follows >= id) return false;
  return olderId === undefined || follows >= olderId;
}

/** Throws unless `header` is an archive of this account, in this place in the store's list, with this manifest. */
export function checkSealedHeader(header: ArchiveHeader, expected: Expected): void {
  if (header.format === 1) {
    if (expected.allowPlain) return;
    throw new BackupError(
      'BACKUP_UNVERIFIED',
      'This backup was made by an older version of the app, which did not seal which account and version it is, so the app cannot check that it was not swapped in the store. It was not restored. If you trust the store, import it explicitly as an unverified backup.',
    );
  }
  const stored = expected.version.meta['manifest'];
  if (stored === undefined || !header.context || !header.context.equals(Buffer.from(stored, 'utf8'))) {
    throw refused('The manifest the store lists for this backup is not the one sealed in it: it was changed or removed in the store.');
  }
  const sealed = parseManifest(stored);
  if (!sealed) throw refused('The manifest sealed in this backup cannot be read.');
  if (sealed.accountId !== expected.accountId) throw refused('This backup belongs to another account; it was put in this account’s place in the store.');
  if (!inItsPlace(sealed.follows, expected.version.id, expected.olderId)) {
    throw refused('This backup is not the version the store lists it as: it was made before the versions listed ahead of it, so an older backup was put in place of a newer one.');
  }
}
