import pg from 'pg';
import { Readable } from 'node:stream';
import { BackupError } from '../errors.js';
import type { ConnectionReport, LeaseInfo, VersionInfo } from './BackupStore.js';
import { classifyPgError, describeConnection, schemaSql, tableNames } from './postgresSupport.js';
import { checkSession, checkVersionId, counted, DEFAULT_TEST_TIMEOUT_MS, StoreBase, writeFailure, type LeaseRecord, type StoreBaseOptions } from './StoreBase.js';

export interface PostgresStoreOptions extends StoreBaseOptions {
  /** A connection string (tests, developers), or the settings as an object (the app: main/backup/storeConnections.ts). */
  connectionString?: string;
  connection?: pg.ClientConfig;
  /** Tables are `<prefix>_versions`, `_chunks`, `_leases` (default `wa_backup`). */
  tablePrefix?: string;
}

/** 1 MiB bytea rows: large enough to be efficient, small enough that memory stays flat for any size. */
const CHUNK = 1024 * 1024;

interface LeaseRow {
  owner: string;
  acquired_at: string;
  heartbeat_at: string;
  expires_at: string;
}

/**
 * Versions live in `<prefix>_versions` + `<prefix>_chunks` (bytea, 1 MiB per row). A save is one
 * transaction: nothing is visible until COMMIT, which happens only after the stored size matched.
 */
export class PostgresStore extends StoreBase {
  readonly description: string;
  private readonly pool: pg.Pool;
  private readonly t: ReturnType<typeof tableNames>;
  private readonly connection: pg.ClientConfig;
  private schemaReady: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions) {
    super(options);
    this.t = tableNames(options.tablePrefix ?? 'wa_backup');
    this.connection = options.connection ?? { connectionString: options.connectionString };
    this.description = options.connection
      ? `PostgreSQL database "${options.connection.database ?? 'default'}" at ${options.connection.host}:${options.connection.port ?? 5432}`
      : describeConnection(options.connectionString ?? '');
    this.pool = new pg.Pool({ ...this.connection, max: 4, connectionTimeoutMillis: DEFAULT_TEST_TIMEOUT_MS, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection emits on the pool; unhandled, it would crash the app.
    this.pool.on('error', () => undefined);
  }

  protected async writeVersion(session: string, id: string, body: Readable, meta: Record<string, string>): Promise<VersionInfo> {
    await this.ensureSchema();
    const counter = counted(body);
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
      const createdAt = this.now();
      await client.query(`INSERT INTO ${this.t.versions} (session, version_id, created_at, meta) VALUES ($1, $2, $3, $4)`, [session, id, createdAt, JSON.stringify(meta)]);
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        const data = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await client!.query(`INSERT INTO ${this.t.chunks} (session, version_id, seq, data) VALUES ($1, $2, $3, $4)`, [session, id, seq++, data]);
      };
      for await (const chunk of counter) {
        pending.push(chunk as Buffer);
        pendingBytes += (chunk as Buffer).length;
        if (pendingBytes >= CHUNK) await flush();
      }
      if (pendingBytes > 0) await flush();
      const stored = await client.query<{ n: string }>(`SELECT coalesce(sum(length(data)), 0)::bigint AS n FROM ${this.t.chunks} WHERE session = $1 AND version_id = $2`, [session, id]);
      if (Number(stored.rows[0]?.n) !== counter.bytes) throw this.sizeMismatch(stored.rows[0]?.n, counter.bytes);
      await client.query(`UPDATE ${this.t.versions} SET size = $3 WHERE session = $1 AND version_id = $2`, [session, id, counter.bytes]);
      await client.query('COMMIT');
      return { id, size: counter.bytes, createdAt, meta };
    } catch (err) {
      await client?.query('ROLLBACK').catch(() => undefined);
      throw writeFailure(counter, err, (e) => classifyPgError(e, this.description, 'write the backup'));
    } finally {
      client?.release();
    }
  }

  protected async listSessionCandidates(): Promise<string[]> {
    const res = await this.query<{ session: string }>(`SELECT DISTINCT session FROM ${this.t.versions}`, [], 'list backups');
    return res.rows.map((r) => r.session);
  }

  async listVersions(session: string): Promise<VersionInfo[]> {
    checkSession(session);
    const res = await this.query<{ version_id: string; size: string; created_at: string; meta: Record<string, string> }>(
      `SELECT version_id, size, created_at, meta FROM ${this.t.versions} WHERE session = $1 ORDER BY version_id DESC`,
      [session],
      'list backups',
    );
    return res.rows.map((r) => ({ id: r.version_id, size: Number(r.size), createdAt: Number(r.created_at), meta: r.meta ?? {} }));
  }

  async getVersion(session: string, versionId: string): Promise<Readable> {
    checkSession(session);
    checkVersionId(versionId);
    await this.ensureSchema();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw classifyPgError(err, this.description, 'read the backup');
    }
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.query(err ? 'ROLLBACK' : 'COMMIT').catch(() => undefined).finally(() => client.release());
    };
    try {
      // A snapshot transaction: a prune running meanwhile cannot pull chunks out from under the reader.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const head = await client.query<{ chunks: string }>(`SELECT (SELECT count(*) FROM ${this.t.chunks} c WHERE c.session = v.session AND c.version_id = v.version_id) AS chunks FROM ${this.t.versions} v WHERE session = $1 AND version_id = $2`, [session, versionId]);
      if (head.rows.length === 0) throw this.versionMissing(session, versionId);
      const total = Number(head.rows[0]?.chunks);
      let seq = 0;
      const where = this.description;
      const chunks = this.t.chunks;
      return new Readable({
        async read() {
          try {
            if (seq >= total) {
              release();
              this.push(null);
              return;
            }
            const r = await client.query<{ data: Buffer }>(`SELECT data FROM ${chunks} WHERE session = $1 AND version_id = $2 AND seq = $3`, [session, versionId, seq]);
            const data = r.rows[0]?.data;
            if (!data) throw new BackupError('BACKUP_CORRUPT', `${where}: part ${seq} of backup ${versionId} is missing.`);
            seq++;
            this.push(data);
          } catch (err) {
            this.destroy(err instanceof BackupError ? err : classifyPgError(err, where, 'read the backup'));
          }
        },
        destroy(err, done) {
          release(err ?? undefined);
          done(err);
        },
      });
    } catch (err) {
      release(err as Error);
      throw classifyPgError(err, this.description, 'read the backup');
    }
  }

  async deleteVersion(session: string, versionId: string): Promise<void> {
    checkSession(session);
    checkVersionId(versionId);
    await this.query(`DELETE FROM ${this.t.versions} WHERE session = $1 AND version_id = $2`, [session, versionId], 'delete a backup');
  }

  async testConnection(options: { timeoutMs?: number } = {}): Promise<ConnectionReport> {
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
    // A dedicated client, so the answer is about this attempt and not a pooled connection made earlier.
    const client = new pg.Client({ ...this.connection, connectionTimeoutMillis: timeoutMs });
    client.on('error', () => undefined);
    const work = (async () => {
      try {
        await client.connect();
      } catch (err) {
        throw classifyPgError(err, this.description, 'connect');
      }
      try {
        await this.createSchemaWith(client);
      } catch (err) {
        throw classifyPgError(err, this.description, 'create the backup tables');
      }
      try {
        // Prove we may write, and leave nothing behind.
        await client.query('BEGIN');
        await client.query(`INSERT INTO ${this.t.leases} (session, owner, acquired_at, heartbeat_at, expires_at) VALUES ('.write-test', 'test', 0, 0, 0) ON CONFLICT (session) DO NOTHING`);
        await client.query('ROLLBACK');
      } catch (err) {
        throw classifyPgError(err, this.description, 'write to the backup tables');
      }
    })();
    try {
      await this.within(work, timeoutMs, () => void client.end().catch(() => undefined));
    } finally {
      await client.end().catch(() => undefined);
    }
    return { latencyMs: Date.now() - started };
  }

  protected async readLeaseRecord(session: string): Promise<LeaseRecord | null> {
    const res = await this.query<LeaseRow>(`SELECT owner, acquired_at, heartbeat_at, expires_at FROM ${this.t.leases} WHERE session = $1`, [session], 'read the lease');
    const row = res.rows[0];
    return row ? { lease: toLease(row) } : null;
  }

  protected async swapLease(session: string, prev: LeaseRecord | null, next: LeaseInfo): Promise<boolean> {
    const values = [session, next.owner, next.acquiredAt, next.heartbeatAt, next.expiresAt];
    // The WHERE clause (or the conflict clause for a first lease) is the compare-and-swap.
    const res = prev
      ? await this.query(
          `UPDATE ${this.t.leases} SET owner = $2, acquired_at = $3, heartbeat_at = $4, expires_at = $5 WHERE session = $1 AND owner = $6 AND expires_at = $7`,
          [...values, prev.lease.owner, prev.lease.expiresAt],
          'write the lease',
        )
      : await this.query(`INSERT INTO ${this.t.leases} (session, owner, acquired_at, heartbeat_at, expires_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session) DO NOTHING`, values, 'take the lease');
    return res.rowCount === 1;
  }

  protected async dropLease(session: string, prev: LeaseRecord): Promise<void> {
    await this.query(`DELETE FROM ${this.t.leases} WHERE session = $1 AND owner = $2 AND expires_at = $3`, [session, prev.lease.owner, prev.lease.expiresAt], 'release the lease');
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[], action: string): Promise<pg.QueryResult<R>> {
    await this.ensureSchema();
    try {
      return await this.pool.query<R>(sql, params);
    } catch (err) {
      throw classifyPgError(err, this.description, action);
    }
  }

  /** Creates the tables on first use; a failure is not cached, so the next call retries. */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= (async () => {
      const client = await this.pool.connect();
      try {
        await this.createSchemaWith(client);
      } finally {
        client.release();
      }
    })().catch((err: unknown) => {
      this.schemaReady = undefined;
      throw classifyPgError(err, this.description, 'create the backup tables');
    });
    return this.schemaReady;
  }

  private async createSchemaWith(client: pg.ClientBase): Promise<void> {
    // Tables created beforehand by an administrator are fine even if this user may not CREATE.
    const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL AS ok`, [this.t.versions, this.t.chunks, this.t.leases]);
    if (exists.rows[0]?.ok) return;
    await client.query('BEGIN');
    try {
      // Serialises first use across processes: concurrent CREATE TABLE IF NOT EXISTS can still collide.
      await client.query('SELECT pg_advisory_xact_lock(7268340917)');
      await client.query(schemaSql(this.t));
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}

function toLease(row: LeaseRow): LeaseInfo {
  return { owner: row.owner, acquiredAt: Number(row.acquired_at), heartbeatAt: Number(row.heartbeat_at), expiresAt: Number(row.expires_at) };
}
