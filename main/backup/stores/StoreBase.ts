import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { pipeline as pipelineCb, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { withTimeout } from '../../util/time.js';
import { BackupError } from '../errors.js';
import type { BackupStore, ConnectionReport, LeaseInfo, LeaseResult, PutOptions, VersionInfo } from './BackupStore.js';
import { EMPTY_SCAN, type ImportScan } from './remoteAuthLayouts.js';
import { decideLease, leaseIsLive, leaseLost, mayRelease, renewLease } from './leaseRule.js';

export const DEFAULT_KEEP = 3;
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;
const MAX_META_BYTES = 8 * 1024;
/** Rounds of read-decide-swap before a lease that keeps changing under us is given up on. */
const LEASE_ROUNDS = 5;

export interface StoreBaseOptions {
  /** Versions kept per session (default 3). */
  keep?: number;
  /** Folder where RemoteAuth writes `<session>.zip` (its dataPath); used by `save()`. Must be absolute. */
  remoteAuthZipDir?: string;
  /** Clock for leases and version ids; tests inject one. */
  now?: () => number;
}

/** A stored lease, with what its store needs to replace exactly that one (S3's ETag). */
export interface LeaseRecord {
  lease: LeaseInfo;
  etag?: string;
}

/** Sessions in the app's own layout (any RemoteAuth clientId; the default `RemoteAuth` is never the app's). */
export const SESSION_NAME = /^RemoteAuth-[-_\w]+$/;

/**
 * Shared behaviour of every store: RemoteAuth's four methods expressed through the versioned API,
 * argument validation, version ids, and the lease (leaseRule.ts decides, the store only reads and
 * swaps). Subclasses implement storage only.
 */
export abstract class StoreBase implements BackupStore {
  abstract readonly description: string;
  protected readonly keep: number;
  protected readonly now: () => number;
  private readonly remoteAuthZipDir: string | undefined;

  constructor(options: StoreBaseOptions) {
    this.keep = options.keep ?? DEFAULT_KEEP;
    if (!Number.isInteger(this.keep) || this.keep < 1) throw new RangeError('keep must be an integer >= 1');
    if (options.remoteAuthZipDir !== undefined && !isAbsolute(options.remoteAuthZipDir)) {
      throw new RangeError('remoteAuthZipDir must be an absolute path (RemoteAuth dataPath)');
    }
    this.remoteAuthZipDir = options.remoteAuthZipDir;
    this.now = options.now ?? Date.now;
  }

  // ---- storage primitives each store provides ----
  /** Stores `body` as version `id`, invisible until complete; returns its verified size. */
  protected abstract writeVersion(session: string, id: string, body: Readable, meta: Record<string, string>): Promise<VersionInfo>;
  abstract listVersions(session: string): Promise<VersionInfo[]>;
  protected abstract listSessionCandidates(): Promise<string[]>;

  async listSessions(): Promise<string[]> {
    const names = (await this.listSessionCandidates()).filter((s) => SESSION_NAME.test(s));
    const withVersions: string[] = [];
    for (const s of [...new Set(names)].sort()) if ((await this.listVersions(s)).length > 0) withVersions.push(s);
    return withVersions;
  }
  /** Stores whose medium has no RemoteAuth layout of its own (PostgreSQL) hold nothing to import. */
  async scanImports(): Promise<ImportScan> {
    return EMPTY_SCAN;
  }

  async openImport(session: string, versionId: string): Promise<Readable> {
    throw this.versionMissing(session, versionId);
  }

  abstract getVersion(session: string, versionId: string): Promise<Readable>;
  abstract deleteVersion(session: string, versionId: string): Promise<void>;
  abstract testConnection(options?: { timeoutMs?: number }): Promise<ConnectionReport>;
  abstract close(): Promise<void>;

  // ---- lease primitives each store provides (the session name is already checked) ----
  /** The stored lease, live or expired; null when there is none. */
  protected abstract readLeaseRecord(session: string): Promise<LeaseRecord | null>;
  /** Stores `next` only if the stored lease is still `prev` (null: still none); false when another write came first. */
  protected abstract swapLease(session: string, prev: LeaseRecord | null, next: LeaseInfo): Promise<boolean>;
  /** Deletes the lease only if it is still `prev`. */
  protected abstract dropLease(session: string, prev: LeaseRecord): Promise<void>;

  async acquireLease(session: string, owner: string, ttlMs: number, options: { force?: boolean } = {}): Promise<LeaseResult> {
    checkSession(session);
    // A lost swap means another install wrote in between: decide again on what it wrote.
    for (let round = 0; round < LEASE_ROUNDS; round++) {
      const current = await this.readLeaseRecord(session);
      const decision = decideLease(current?.lease, { owner, now: this.now(), ttlMs, force: options.force });
      if (!decision.take) return { acquired: false, holder: decision.holder };
      if (await this.swapLease(session, current, decision.lease)) return { acquired: true, lease: decision.lease };
    }
    const holder = await this.readLease(session);
    if (holder) return { acquired: false, holder };
    throw new BackupError('STORE_ERROR', `The lease of ${session} in ${this.description} kept changing while this computer tried to take it; try again.`);
  }

  async heartbeatLease(session: string, owner: string, ttlMs: number): Promise<LeaseInfo> {
    checkSession(session);
    const current = await this.readLeaseRecord(session);
    const next = renewLease(current?.lease, { owner, now: this.now(), ttlMs }, session);
    if (!(await this.swapLease(session, current, next))) throw leaseLost(session);
    return next;
  }

  async releaseLease(session: string, owner: string): Promise<void> {
    checkSession(session);
    const current = await this.readLeaseRecord(session);
    if (current && mayRelease(current.lease, owner)) await this.dropLease(session, current);
  }

  async readLease(session: string): Promise<LeaseInfo | null> {
    checkSession(session);
    const lease = (await this.readLeaseRecord(session))?.lease;
    return leaseIsLive(lease, this.now()) ? lease : null;
  }

  async putVersion(session: string, body: Readable, options: PutOptions = {}): Promise<VersionInfo> {
    checkSession(session);
    const meta = options.meta ?? {};
    checkMeta(meta);
    const keep = options.keep ?? this.keep;
    const info = await this.writeVersion(session, this.newVersionId(), body, meta);
    // Pruning happens only after the new version is complete, so a failed save never costs the old one.
    // A failed prune does not fail the save (the new version is stored); the next save prunes again.
    await this.prune(session, keep).catch(() => undefined);
    return info;
  }

  async prune(session: string, keep: number): Promise<string[]> {
    checkSession(session);
    const versions = await this.listVersions(session);
    const doomed = versions.slice(Math.max(1, keep)).map((v) => v.id);
    for (const id of doomed) await this.deleteVersion(session, id);
    return doomed;
  }

  // ---- RemoteAuth Store ----
  async sessionExists({ session }: { session: string }): Promise<boolean> {
    return (await this.listVersions(session)).length > 0;
  }

  async save({ session, zipDir }: { session: string; zipDir?: string }): Promise<void> {
    checkSession(session);
    const dir = zipDir ?? this.remoteAuthZipDir;
    if (!dir || !isAbsolute(dir)) {
      throw new BackupError('SAVE_FAILED', 'This store was not told where RemoteAuth writes its zip: pass remoteAuthZipDir (the RemoteAuth dataPath).');
    }
    const file = join(dir, `${session}.zip`);
    try {
      await stat(file);
    } catch (err) {
      throw new BackupError('SAVE_FAILED', `The session archive ${file} does not exist, so nothing was uploaded.`, undefined, { cause: err });
    }
    await this.putVersion(session, createReadStream(file), { meta: { source: 'remoteauth' } });
  }

  async extract({ session, path }: { session: string; path: string }): Promise<void> {
    const [newest] = await this.listVersions(session);
    if (!newest) throw new BackupError('VERSION_NOT_FOUND', `There is no backup of ${session} in ${this.description}.`);
    await mkdir(dirname(path), { recursive: true });
    // Write beside the target and rename, so a failed download never leaves a half zip where RemoteAuth looks.
    const temp = `${path}.part-${randomBytes(4).toString('hex')}`;
    try {
      await pipeline(await this.getVersion(session, newest.id), createWriteStream(temp));
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async delete({ session }: { session: string }): Promise<void> {
    for (const v of await this.listVersions(session)) await this.deleteVersion(session, v.id);
  }

  /** Runs a connection test for at most `ms`; `abort` stops the work when the time is up. */
  protected async within(work: Promise<void>, ms: number, abort: () => void): Promise<void> {
    await withTimeout(work, ms, () => {
      abort();
      return new BackupError('STORE_UNREACHABLE', `${this.description}: no answer within ${Math.round(ms / 1000)} s. Check the address, firewall or VPN.`, 'TIMEOUT');
    });
  }

  /** A version this store does not hold. */
  protected versionMissing(session: string, versionId: string): BackupError {
    return new BackupError('VERSION_NOT_FOUND', `Backup version ${versionId} of ${session} is not in ${this.description}.`);
  }

  /** A write whose stored size is not what was given: it did not replace the previous backup. */
  protected sizeMismatch(stored: number | string | undefined, given: number): BackupError {
    return new BackupError('SAVE_FAILED', `${this.description} stored ${stored ?? 0} of ${given} bytes; the previous backup is kept.`);
  }

  protected newVersionId(): string {
    return `${String(this.now()).padStart(15, '0')}-${randomBytes(4).toString('hex')}`;
  }
}

export function checkSession(session: string): void {
  // RemoteAuth clientIds match /^[-_\w]+$/; refusing anything else keeps keys and paths safe.
  if (typeof session !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(session)) {
    throw new RangeError(`Invalid session name (expected RemoteAuth-<id> with [A-Za-z0-9_-]): ${JSON.stringify(String(session).slice(0, 40))}`);
  }
}

export function checkVersionId(id: string): void {
  if (!/^[0-9]{15}-[0-9a-f]{8}$/.test(id)) throw new BackupError('VERSION_NOT_FOUND', `No such backup version: ${JSON.stringify(String(id).slice(0, 40))}.`);
}

function checkMeta(meta: Record<string, string>): void {
  let total = 0;
  for (const [k, v] of Object.entries(meta)) {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(k) || typeof v !== 'string') throw new RangeError(`Invalid meta key ${JSON.stringify(k)}`);
    total += k.length + Buffer.byteLength(v);
  }
  if (total > MAX_META_BYTES) throw new RangeError(`meta is ${total} bytes; at most ${MAX_META_BYTES} are allowed`);
}

/** Counts bytes flowing through, so stores can verify what they wrote against what they were given. */
export class ByteCounter extends Transform {
  bytes = 0;
  /** Set when the caller's stream failed (as opposed to the store), so the error can say which side broke. */
  sourceError: Error | undefined;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/**
 * Pipes `body` through a ByteCounter. Errors on the source destroy the counter too (a plain .pipe()
 * would drop them and let a store commit a half-written version: the wwebjs-mongo bug, docs/whatsapp-web.js.md, "Published stores").
 */
export function counted(body: Readable): ByteCounter {
  const counter = new ByteCounter();
  body.once('error', (err) => {
    // When the store side fails first, the pipeline tears the source down too (premature close):
    // that is not the source's fault, so it must not be reported as one.
    if (counter.destroyed || (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    counter.sourceError ??= err;
  });
  pipelineCb(body, counter, () => undefined);
  return counter;
}

/** The error to report when a write failed: the source's failure if it broke first, else the store's, classified. */
export function writeFailure(counter: ByteCounter, err: unknown, classify: (err: unknown) => BackupError): BackupError {
  if (counter.sourceError) {
    return new BackupError('SAVE_FAILED', `The data to back up could not be read (${counter.sourceError.message}); nothing was stored and the previous backup is kept.`, undefined, { cause: counter.sourceError });
  }
  return classify(err);
}

/** Version ids sort by time: the newest first. */
export function newestFirst(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? 1 : -1;
}

export function versionTimeOf(id: string): number {
  return Number(id.slice(0, 15));
}
