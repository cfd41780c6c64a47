import type { Readable } from 'node:stream';
import type { ImportScan } from './remoteAuthLayouts.js';

/**
 * RemoteAuth's Store interface (whatsapp-web.js 1.34.7 index.d.ts L844-L854). `session` is
 * `RemoteAuth-<clientId>`. Our stores implement it so a whatsapp-web.js user can plug them into stock
 * RemoteAuth, and so we can import/export RemoteAuth backups.
 */
export interface RemoteAuthStore {
  /** True when at least one complete version exists. Throws on transport/credential errors: never "false" for those. */
  sessionExists(options: { session: string }): Promise<boolean>;
  /**
   * Uploads `<zipDir>/<session>.zip`. RemoteAuth 1.34.7 writes the zip into its dataPath but does not tell
   * the store (issue wwebjs/whatsapp-web.js#201794), so the store is told that folder at construction
   * (`remoteAuthZipDir`) or via `options.zipDir`; never the current directory.
   */
  save(options: { session: string; zipDir?: string }): Promise<void>;
  /** Writes the newest version to `path`, creating missing parent folders (RemoteAuth does not). */
  extract(options: { session: string; path: string }): Promise<void>;
  /** Deletes every version of the session. */
  delete(options: { session: string }): Promise<void>;
}

export interface VersionInfo {
  /** Sortable, unique: newer versions compare greater. */
  id: string;
  /** Bytes stored. */
  size: number;
  /** Epoch ms when the version was completed. */
  createdAt: number;
  /** Small caller-provided strings (e.g. the manifest as JSON); at most 8 KiB in total. */
  meta: Record<string, string>;
}

export interface PutOptions {
  meta?: Record<string, string>;
  /** Versions to keep after this one is stored (this one included). Defaults to the store's `keep` (3). */
  keep?: number;
}

export interface LeaseInfo {
  owner: string;
  acquiredAt: number;
  heartbeatAt: number;
  expiresAt: number;
}

export type LeaseResult = { acquired: true; lease: LeaseInfo } | { acquired: false; holder: LeaseInfo };

export interface ConnectionReport {
  latencyMs: number;
}

/**
 * The store API the app uses. Versions are written atomically: a version becomes visible to
 * listVersions/getVersion only once fully written and its size verified, and older versions are pruned
 * only after that. Every method rejects with a BackupError (errors.ts).
 */
export interface BackupStore extends RemoteAuthStore {
  /** Human-readable kind + location without secrets, for logs and the UI ("S3 bucket b at host:port"). */
  readonly description: string;
  putVersion(session: string, body: Readable, options?: PutOptions): Promise<VersionInfo>;
  /** Every session with at least one complete version (`RemoteAuth-<id>`), for "Restore from backup". */
  listSessions(): Promise<string[]>;
  /**
   * Sessions this store holds in RemoteAuth's or a published store's layout rather than the app's
   * (`<session>.zip` files, wwebjs-mongo buckets the app's listing does not cover), read-only, and what
   * the listing passed over with why (remoteAuthLayouts.ts).
   */
  scanImports(): Promise<ImportScan>;
  /** The bytes of a version scanImports listed; VERSION_NOT_FOUND when it changed since. */
  openImport(session: string, versionId: string): Promise<Readable>;
  /** Newest first. An empty list means "no backup"; any failure to find out rejects. */
  listVersions(session: string): Promise<VersionInfo[]>;
  /** Rejects with VERSION_NOT_FOUND if the version does not exist. */
  getVersion(session: string, versionId: string): Promise<Readable>;
  deleteVersion(session: string, versionId: string): Promise<void>;
  /** Deletes all but the newest `keep` versions; returns the ids deleted. */
  prune(session: string, keep: number): Promise<string[]>;
  /**
   * Checks reachability, credentials, that the bucket/database/folder exists and that we may write,
   * answering within `timeoutMs` (default 10 s).
   */
  testConnection(options?: { timeoutMs?: number }): Promise<ConnectionReport>;

  /** Takes the lease if free, expired, already ours, or `force` (explicit take-over). */
  acquireLease(session: string, owner: string, ttlMs: number, options?: { force?: boolean }): Promise<LeaseResult>;
  /** Extends our lease; rejects with LEASE_LOST if someone else holds it now or it is gone. */
  heartbeatLease(session: string, owner: string, ttlMs: number): Promise<LeaseInfo>;
  /** Drops the lease if we hold it; no-op otherwise. */
  releaseLease(session: string, owner: string): Promise<void>;
  /** The current holder, or null if there is none or it expired. */
  readLease(session: string): Promise<LeaseInfo | null>;

  /** Releases connections/clients. */
  close(): Promise<void>;
}
