import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { ConnectionReport, LeaseInfo, VersionInfo } from './BackupStore.js';
import { classifyS3Error, isNotFound, isNotImplemented, isPreconditionFailed, uploadStream } from './s3Support.js';
import { isSkipped, NO_COMPLETE_VERSION, zipFileSession, type ImportScan } from './remoteAuthLayouts.js';
import { checkSession, checkVersionId, counted, DEFAULT_TEST_TIMEOUT_MS, newestFirst, StoreBase, versionTimeOf, writeFailure, type LeaseRecord, type StoreBaseOptions } from './StoreBase.js';

export interface S3StoreOptions extends StoreBaseOptions {
  /** e.g. http://127.0.0.1:9000 for MinIO; omit for AWS. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Key prefix, e.g. "wa-backups/" (a trailing slash is added if missing). */
  prefix?: string;
  /** Path-style URLs (MinIO, s3rver, most self-hosted servers). */
  forcePathStyle?: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const BODY = /\/versions\/([0-9]{15}-[0-9a-f]{8})\.bin$/;

/**
 * Layout: `<prefix><session>/versions/<version>.bin` (bytes, multipart so it appears only when complete),
 * `<version>.json` (size, time, meta) and `<prefix><session>/lease.json`.
 */
export class S3Store extends StoreBase {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StoreOptions) {
    super(options);
    this.bucket = options.bucket;
    this.prefix = !options.prefix ? '' : options.prefix.endsWith('/') ? options.prefix : `${options.prefix}/`;
    const host = options.endpoint ? safeHost(options.endpoint) : `AWS ${options.region}`;
    this.description = `S3 bucket "${options.bucket}" at ${host}`;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) },
      // With the SDK's default (WHEN_SUPPORTED) a streamed upload is stored with its aws-chunked framing
      // as content on s3rver and other S3-compatibles: silent corruption (docs/development.md, "s3rver and the SDK's checksums").
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  protected async writeVersion(session: string, id: string, body: Readable, meta: Record<string, string>): Promise<VersionInfo> {
    const key = `${this.sessionPrefix(session)}versions/${id}.bin`;
    const counter = counted(body);
    try {
      await uploadStream(this.client, this.bucket, key, counter);
      // Verify what the server holds before the older versions may be pruned.
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      if (head.ContentLength !== counter.bytes) {
        await this.deleteKey(key).catch(() => undefined);
        throw this.sizeMismatch(head.ContentLength, counter.bytes);
      }
      const info: VersionInfo = { id, size: counter.bytes, createdAt: this.now(), meta };
      try {
        await this.putJson(`${this.sessionPrefix(session)}versions/${id}.json`, info);
      } catch (err) {
        await this.deleteKey(key).catch(() => undefined);
        throw err;
      }
      return info;
    } catch (err) {
      throw writeFailure(counter, err, (e) => classifyS3Error(e, this.description, 'write the backup'));
    }
  }

  async listVersions(session: string): Promise<VersionInfo[]> {
    const prefix = `${this.sessionPrefix(session)}versions/`;
    const found: { id: string; size: number; modified: number }[] = [];
    try {
      let token: string | undefined;
      do {
        const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          const id = o.Key ? BODY.exec(o.Key)?.[1] : undefined;
          if (id) found.push({ id, size: o.Size ?? 0, modified: o.LastModified?.getTime() ?? versionTimeOf(id) });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw classifyS3Error(err, this.description, 'list backups');
    }
    found.sort(newestFirst);
    const out: VersionInfo[] = [];
    for (const f of found) {
      const side = await this.getJson<VersionInfo>(`${prefix}${f.id}.json`);
      out.push({ id: f.id, size: f.size, createdAt: side?.createdAt ?? f.modified, meta: side?.meta ?? {} });
    }
    return out;
  }

  /**
   * `<prefix><session>.zip`: stock RemoteAuth's zips under a prefix, and wwebjs-aws-s3's keys (its
   * `remoteDataPath` is this store's prefix). Session prefixes with no complete version are named.
   */
  override async scanImports(): Promise<ImportScan> {
    const out: ImportScan = { sessions: [], skipped: [] };
    const partial = new Set<string>();
    const complete = new Set<string>();
    try {
      let token: string | undefined;
      do {
        const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          const rest = o.Key?.slice(this.prefix.length) ?? '';
          const [first, ...deeper] = rest.split('/');
          if (!first) continue;
          if (deeper.length > 0) {
            if (/^RemoteAuth-/.test(first)) (BODY.test(o.Key ?? '') ? complete : partial).add(first);
            continue;
          }
          const found = zipFileSession(first, o.Size ?? 0, o.LastModified?.getTime() ?? 0);
          if (found && isSkipped(found)) out.skipped.push(found);
          else if (found) out.sessions.push({ ...found, where: o.Key ?? first });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw classifyS3Error(err, this.description, 'list backups');
    }
    for (const p of partial) if (!complete.has(p)) out.skipped.push({ name: `${this.prefix}${p}/`, reason: NO_COMPLETE_VERSION });
    return out;
  }

  override async openImport(session: string, versionId: string): Promise<Readable> {
    checkSession(session);
    const found = (await this.scanImports()).sessions.find((s) => s.session === session && s.versions.some((v) => v.id === versionId));
    if (!found) throw this.versionMissing(session, versionId);
    try {
      return (await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: found.where }))).Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw this.versionMissing(session, versionId);
      throw classifyS3Error(err, this.description, 'read the backup');
    }
  }

  async getVersion(session: string, versionId: string): Promise<Readable> {
    checkVersionId(versionId);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: `${this.sessionPrefix(session)}versions/${versionId}.bin` }));
      return res.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw this.versionMissing(session, versionId);
      throw classifyS3Error(err, this.description, 'read the backup');
    }
  }

  async deleteVersion(session: string, versionId: string): Promise<void> {
    checkVersionId(versionId);
    const base = `${this.sessionPrefix(session)}versions/${versionId}`;
    await this.deleteKey(`${base}.bin`);
    await this.deleteKey(`${base}.json`);
  }

  async testConnection(options: { timeoutMs?: number } = {}): Promise<ConnectionReport> {
    const started = Date.now();
    const abort = new AbortController();
    const work = (async () => {
      const signal = abort.signal;
      try {
        // ListObjectsV2 (not HeadBucket): its error body says *why* (NoSuchBucket, InvalidAccessKeyId, ...).
        // A prefix that matches nothing keeps the answer tiny (and avoids s3rver's MaxKeys truncation bug).
        await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}.write-test-` }), { abortSignal: signal });
      } catch (err) {
        throw classifyS3Error(err, this.description, 'list the bucket');
      }
      const probe = `${this.prefix}.write-test-${started}`;
      try {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: probe, Body: 'ok' }), { abortSignal: signal });
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: probe }), { abortSignal: signal });
      } catch (err) {
        throw classifyS3Error(err, this.description, 'write and delete objects');
      }
    })();
    await this.within(work, options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS, () => abort.abort());
    return { latencyMs: Date.now() - started };
  }

  protected async readLeaseRecord(session: string): Promise<LeaseRecord | null> {
    const read = await this.getJsonWithEtag<LeaseInfo>(this.leaseKey(session));
    return read ? { lease: read.value, etag: read.etag } : null;
  }

  protected async swapLease(session: string, prev: LeaseRecord | null, next: LeaseInfo): Promise<boolean> {
    const key = this.leaseKey(session);
    // Conditional writes make this a compare-and-swap on AWS S3 and others that support them; servers
    // that ignore the headers (s3rver) fall back to last-writer-wins, caught by the re-read below.
    if (!(await this.putJson(key, next, prev ? { IfMatch: prev.etag } : { IfNoneMatch: '*' }))) return false;
    const after = await this.getJson<LeaseInfo>(key);
    return after?.owner === next.owner && after.expiresAt === next.expiresAt;
  }

  protected async dropLease(session: string): Promise<void> {
    await this.deleteKey(this.leaseKey(session));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  protected async listSessionCandidates(): Promise<string[]> {
    const names: string[] = [];
    try {
      let token: string | undefined;
      do {
        // Whole keys rather than Delimiter/CommonPrefixes, which s3rver does not answer: a backup bucket
        // holds a few objects per account, so this stays small.
        const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          const name = o.Key?.slice(this.prefix.length).split('/')[0];
          if (name && o.Key?.includes('/versions/')) names.push(name);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw classifyS3Error(err, this.description, 'list backups');
    }
    return names;
  }

  private leaseKey(session: string): string {
    return `${this.sessionPrefix(session)}lease.json`;
  }

  private sessionPrefix(session: string): string {
    checkSession(session);
    return `${this.prefix}${session}/`;
  }

  private async deleteKey(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (!isNotFound(err)) throw classifyS3Error(err, this.description, 'delete objects');
    }
  }

  /** Returns false when a condition (If-Match / If-None-Match) failed, i.e. someone else wrote first. */
  private async putJson(key: string, value: unknown, condition: { IfMatch?: string; IfNoneMatch?: string } = {}): Promise<boolean> {
    const body = Buffer.from(JSON.stringify(value));
    const put = (c: typeof condition) => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: body.length, ContentType: 'application/json', ...c }));
    try {
      await put(condition);
      return true;
    } catch (err) {
      if (isPreconditionFailed(err)) return false;
      if (isNotImplemented(err) && Object.keys(condition).length > 0) {
        await put({}).catch((e: unknown) => { throw classifyS3Error(e, this.description, 'write objects'); });
        return true;
      }
      throw classifyS3Error(err, this.description, 'write objects');
    }
  }

  private async getJson<T>(key: string): Promise<T | undefined> {
    return (await this.getJsonWithEtag<T>(key))?.value;
  }

  private async getJsonWithEtag<T>(key: string): Promise<{ value: T; etag: string } | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const text = (await res.Body?.transformToString('utf8')) ?? '';
      try {
        return { value: JSON.parse(text) as T, etag: res.ETag ?? '' };
      } catch {
        return undefined;
      }
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw classifyS3Error(err, this.description, 'read objects');
    }
  }
}

/** host[:port] of an endpoint, without any user:password@ that someone may have pasted into it. */
function safeHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'an invalid endpoint URL';
  }
}
