import { BackupError, classifyNetworkError } from '../errors.js';

/** Table names derive from a validated prefix, so interpolating them into SQL is safe. */
export function tableNames(prefix: string): { versions: string; chunks: string; leases: string } {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new RangeError('tablePrefix must match [a-z_][a-z0-9_]{0,40}');
  return { versions: `${prefix}_versions`, chunks: `${prefix}_chunks`, leases: `${prefix}_leases` };
}

export function schemaSql(t: ReturnType<typeof tableNames>): string {
  return `
CREATE TABLE IF NOT EXISTS ${t.versions} (
  session text NOT NULL, version_id text NOT NULL, size bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL, meta jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (session, version_id));
CREATE TABLE IF NOT EXISTS ${t.chunks} (
  session text NOT NULL, version_id text NOT NULL, seq integer NOT NULL, data bytea NOT NULL,
  PRIMARY KEY (session, version_id, seq),
  FOREIGN KEY (session, version_id) REFERENCES ${t.versions} (session, version_id) ON DELETE CASCADE);
CREATE TABLE IF NOT EXISTS ${t.leases} (
  session text PRIMARY KEY, owner text NOT NULL, acquired_at bigint NOT NULL,
  heartbeat_at bigint NOT NULL, expires_at bigint NOT NULL);`;
}

/** `PostgreSQL database "x" at host:port` from a connection string, without user or password. */
export function describeConnection(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'default';
    return `PostgreSQL database "${db}" at ${u.host || 'local socket'}`;
  } catch {
    return 'PostgreSQL database';
  }
}

/** Maps pg / Node errors to BackupError. SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html */
export function classifyPgError(err: unknown, where: string, action: string): BackupError {
  if (err instanceof BackupError) return err;
  const net = classifyNetworkError(err, where);
  if (net) return net;
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case '28P01':
    case '28000':
      return new BackupError('STORE_AUTH_FAILED', `${where}: the user name or password was rejected. Check the connection string's credentials.`, undefined, { cause: err });
    case '3D000':
      return new BackupError('STORE_NOT_FOUND', `${where}: the database does not exist. Create it or fix its name.`, 'DATABASE_MISSING', { cause: err });
    case '42501':
      return new BackupError('STORE_PERMISSION', `${where}: this user may not ${action}. Grant it CREATE on the schema (first use) and SELECT/INSERT/UPDATE/DELETE on the backup tables.`, undefined, { cause: err });
    case '53100':
    case '54000':
      return new BackupError('STORE_FULL', `${where}: the database server is out of disk space; the previous backup is kept.`, undefined, { cause: err });
    case '57P01':
    case '57P02':
    case '57P03':
    case '08000':
    case '08001':
    case '08003':
    case '08004':
    case '08006':
      return new BackupError('STORE_UNREACHABLE', `${where}: the server closed or refused the connection (${code}).`, 'NETWORK', { cause: err });
    default:
      break;
  }
  if (/timeout/i.test(message)) return new BackupError('STORE_UNREACHABLE', `${where}: no answer in time. Check the address, firewall or VPN.`, 'TIMEOUT', { cause: err });
  if (/Connection terminated|ended unexpectedly/i.test(message)) return new BackupError('STORE_UNREACHABLE', `${where}: the connection was lost.`, 'NETWORK', { cause: err });
  return new BackupError('STORE_ERROR', `${where}: could not ${action} (${typeof code === 'string' ? code : 'error'}).`, undefined, { cause: err });
}
