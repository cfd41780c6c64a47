import { GridFSBucket, MongoClient, type Collection, type Db, type GridFSFile, type MongoClientOptions } from 'mongodb';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ConnectionReport, LeaseInfo, VersionInfo } from './BackupStore.js';
import { classifyMongoError, describeMongo } from './mongoSupport.js';
import { gridVersionId, scanGridBuckets, type GridFile, type ImportScan } from './remoteAuthLayouts.js';
import { checkSession, checkVersionId, counted, DEFAULT_TEST_TIMEOUT_MS, newestFirst, SESSION_NAME, StoreBase, writeFailure, type LeaseRecord, type StoreBaseOptions } from './StoreBase.js';

export interface MongoStoreOptions extends StoreBaseOptions {
  uri: string;
  /** Defaults to the database in the URI (or "test", as the driver does). */
  dbName?: string;
  /** Credentials and TLS as driver options, never inside the URI (main/backup/storeConnections.ts). */
  clientOptions?: MongoClientOptions;
}

interface LeaseDoc extends LeaseInfo {
  _id: string;
}

/**
 * GridFS laid out as wwebjs-mongo does: bucket `whatsapp-<session>`, file `<session>.zip`, one GridFS
 * file per version. GridFS inserts the file document only after the last chunk, so a version is
 * invisible until complete; a failed upload is aborted (its chunks deleted). A version's id is derived
 * from its upload time and _id, so backups written by stock wwebjs-mongo are listed and restorable too.
 */
export class MongoStore extends StoreBase {
  readonly description: string;
  private readonly client: MongoClient;
  private readonly uri: string;
  private readonly clientOptions: MongoClientOptions;
  private readonly dbName: string | undefined;
  private connected: Promise<Db> | undefined;

  constructor(options: MongoStoreOptions) {
    super(options);
    this.uri = options.uri;
    this.clientOptions = options.clientOptions ?? {};
    this.dbName = options.dbName;
    this.description = describeMongo(options.uri, options.dbName);
    this.client = new MongoClient(options.uri, { ...this.clientOptions, serverSelectionTimeoutMS: DEFAULT_TEST_TIMEOUT_MS, connectTimeoutMS: DEFAULT_TEST_TIMEOUT_MS });
  }

  protected async writeVersion(session: string, _id: string, body: Readable, meta: Record<string, string>): Promise<VersionInfo> {
    const bucket = await this.bucket(session);
    const counter = counted(body);
    const upload = bucket.openUploadStream(`${session}.zip`, { metadata: { meta, writer: 'wa-accounts' } });
    try {
      await pipeline(counter, upload);
      const file = upload.gridFSFile;
      if (!file || file.length !== counter.bytes) {
        if (file) await bucket.delete(file._id).catch(() => undefined);
        throw this.sizeMismatch(file?.length, counter.bytes);
      }
      return toVersion(file);
    } catch (err) {
      await upload.abort().catch(() => undefined);
      throw writeFailure(counter, err, (e) => classifyMongoError(e, this.description, 'write the backup'));
    }
  }

  async listVersions(session: string): Promise<VersionInfo[]> {
    const files = await this.files(session);
    return files.map(toVersion).sort(newestFirst);
  }

  async getVersion(session: string, versionId: string): Promise<Readable> {
    checkVersionId(versionId);
    const file = (await this.files(session)).find((f) => toVersion(f).id === versionId);
    if (!file) throw this.versionMissing(session, versionId);
    const stream = (await this.bucket(session)).openDownloadStream(file._id);
    // Download failures are re-thrown as BackupErrors instead of escaping as raw driver errors.
    const where = this.description;
    const destroy = stream.destroy.bind(stream);
    stream.destroy = (err?: Error) => destroy(err ? classifyMongoError(err, where, 'read the backup') : undefined);
    return stream;
  }

  /** wwebjs-mongo buckets the app's listing does not cover: the default session `RemoteAuth`, and the older `multidevice-` buckets. */
  override async scanImports(): Promise<ImportScan> {
    try {
      const db = await this.db();
      const cols = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      const filesOf = async (bucketName: string): Promise<GridFile[]> =>
        (await new GridFSBucket(db, { bucketName }).find({}).toArray()).map((f) => ({ id: f._id.toHexString(), filename: f.filename, length: f.length, uploadDate: f.uploadDate, ours: (f.metadata as { writer?: unknown } | undefined)?.writer === 'wa-accounts' }));
      return await scanGridBuckets(cols, filesOf, (bucket, session) => bucket === `whatsapp-${session}` && SESSION_NAME.test(session));
    } catch (err) {
      throw classifyMongoError(err, this.description, 'list backups');
    }
  }

  override async openImport(session: string, versionId: string): Promise<Readable> {
    checkSession(session);
    const found = (await this.scanImports()).sessions.find((s) => s.session === session && s.versions.some((v) => v.id === versionId));
    if (!found) throw this.versionMissing(session, versionId);
    const bucket = new GridFSBucket(await this.db(), { bucketName: found.where.replace(/^bucket /, '') });
    const file = (await bucket.find({ filename: `${session}.zip` }).toArray()).find((f) => gridVersionId({ id: f._id.toHexString(), uploadDate: f.uploadDate }) === versionId);
    if (!file) throw this.versionMissing(session, versionId);
    return bucket.openDownloadStream(file._id);
  }

  async deleteVersion(session: string, versionId: string): Promise<void> {
    checkVersionId(versionId);
    const bucket = await this.bucket(session);
    for (const f of await this.files(session)) {
      if (toVersion(f).id !== versionId) continue;
      // Awaited (wwebjs-mongo fires these and forgets them).
      await bucket.delete(f._id).catch((err: unknown) => { throw classifyMongoError(err, this.description, 'delete a backup'); });
    }
  }

  async testConnection(options: { timeoutMs?: number } = {}): Promise<ConnectionReport> {
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
    const client = new MongoClient(this.uri, { ...this.clientOptions, serverSelectionTimeoutMS: Math.max(1000, timeoutMs - 500), connectTimeoutMS: timeoutMs });
    const work = (async () => {
      try {
        await client.connect();
        const db = client.db(this.dbName);
        await db.command({ ping: 1 });
        const probe = `.write-test-${started}`;
        const leases = db.collection<LeaseDoc>('wa_backup_leases');
        await leases.insertOne({ _id: probe, owner: 'test', acquiredAt: 0, heartbeatAt: 0, expiresAt: 0 });
        await leases.deleteOne({ _id: probe });
      } catch (err) {
        throw classifyMongoError(err, this.description, 'write to the database');
      }
    })();
    try {
      await this.within(work, timeoutMs, () => void client.close(true).catch(() => undefined));
    } finally {
      await client.close(true).catch(() => undefined);
    }
    return { latencyMs: Date.now() - started };
  }

  protected async readLeaseRecord(session: string): Promise<LeaseRecord | null> {
    const leases = await this.leases(session);
    const doc = await leases.findOne({ _id: session }).catch((err: unknown) => { throw classifyMongoError(err, this.description, 'read the lease'); });
    return doc ? { lease: toLease(doc) } : null;
  }

  protected async swapLease(session: string, prev: LeaseRecord | null, next: LeaseInfo): Promise<boolean> {
    const leases = await this.leases(session);
    try {
      if (!prev) {
        await leases.insertOne({ _id: session, ...next });
        return true;
      }
      // The filter is the compare-and-swap: it matches only the lease as it was read.
      const res = await leases.updateOne({ _id: session, owner: prev.lease.owner, expiresAt: prev.lease.expiresAt }, { $set: next });
      return res.matchedCount === 1;
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) return false; // another install created it first
      throw classifyMongoError(err, this.description, 'write the lease');
    }
  }

  protected async dropLease(session: string, prev: LeaseRecord): Promise<void> {
    const leases = await this.leases(session);
    await leases
      .deleteOne({ _id: session, owner: prev.lease.owner, expiresAt: prev.lease.expiresAt })
      .catch((err: unknown) => { throw classifyMongoError(err, this.description, 'release the lease'); });
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }

  protected async listSessionCandidates(): Promise<string[]> {
    try {
      const cols = await (await this.db()).listCollections({}, { nameOnly: true }).toArray();
      // wwebjs-mongo's layout: one GridFS bucket per session, `whatsapp-<session>.files`.
      return cols.map((c) => /^whatsapp-(RemoteAuth-.+)\.files$/.exec(c.name)?.[1]).filter((s): s is string => !!s);
    } catch (err) {
      throw classifyMongoError(err, this.description, 'list backups');
    }
  }

  private db(): Promise<Db> {
    this.connected ??= this.client.connect().then((c) => c.db(this.dbName)).catch((err: unknown) => {
      this.connected = undefined;
      throw classifyMongoError(err, this.description, 'connect');
    });
    return this.connected;
  }

  private async bucket(session: string): Promise<GridFSBucket> {
    checkSession(session);
    return new GridFSBucket(await this.db(), { bucketName: `whatsapp-${session}` });
  }

  private async files(session: string): Promise<GridFSFile[]> {
    const bucket = await this.bucket(session);
    try {
      return await bucket.find({ filename: `${session}.zip` }).toArray();
    } catch (err) {
      throw classifyMongoError(err, this.description, 'list backups');
    }
  }

  private async leases(session: string): Promise<Collection<LeaseDoc>> {
    checkSession(session);
    return (await this.db()).collection<LeaseDoc>('wa_backup_leases');
  }
}

function toVersion(f: GridFSFile): VersionInfo {
  const meta = (f.metadata as { meta?: Record<string, string> } | undefined)?.meta ?? {};
  return { id: `${String(f.uploadDate.getTime()).padStart(15, '0')}-${f._id.toHexString().slice(-8)}`, size: f.length, createdAt: f.uploadDate.getTime(), meta };
}

function toLease(d: LeaseInfo): LeaseInfo {
  return { owner: d.owner, acquiredAt: d.acquiredAt, heartbeatAt: d.heartbeatAt, expiresAt: d.expiresAt };
}
