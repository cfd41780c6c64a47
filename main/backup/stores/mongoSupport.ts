import { BackupError, classifyNetworkError, systemCode } from '../errors.js';

/** `MongoDB database "x" at host:port` from a URI, without credentials. */
export function describeMongo(uri: string, dbName: string | undefined): string {
  const m = /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)(?:\/([^?]*))?/.exec(uri);
  const db = dbName ?? (m?.[2] ? decodeURIComponent(m[2]) : 'test');
  return `MongoDB database "${db}" at ${m?.[1] ?? 'an invalid address'}`;
}

/** The first network failure recorded per server during server selection (ECONNREFUSED, ENOTFOUND, ...). */
function selectionCause(err: unknown): unknown {
  const servers = (err as { reason?: { servers?: Map<string, { error?: unknown }> } })?.reason?.servers;
  if (servers instanceof Map) {
    for (const s of servers.values()) if (s.error) return s.error;
  }
  return undefined;
}

/** Server error codes: https://www.mongodb.com/docs/manual/reference/error-codes/ */
export function classifyMongoError(err: unknown, where: string, action: string): BackupError {
  if (err instanceof BackupError) return err;
  const cause = selectionCause(err);
  const net = classifyNetworkError(cause ?? err, where);
  if (net) return net;
  const e = (err ?? {}) as { code?: unknown; codeName?: string; name?: string; message?: string };
  if (e.code === 18 || e.codeName === 'AuthenticationFailed' || /Authentication failed/i.test(e.message ?? '')) {
    return new BackupError('STORE_AUTH_FAILED', `${where}: the user name or password was rejected. Check the connection string's credentials.`, undefined, { cause: err });
  }
  if (e.code === 13 || e.codeName === 'Unauthorized') {
    return new BackupError('STORE_PERMISSION', `${where}: this user may not ${action}. Give it the readWrite role on the database.`, undefined, { cause: err });
  }
  if (e.code === 14031 || e.codeName === 'OutOfDiskSpace' || /no space left/i.test(e.message ?? '')) {
    return new BackupError('STORE_FULL', `${where}: the database server is out of disk space; the previous backup is kept.`, undefined, { cause: err });
  }
  if (e.name === 'MongoServerSelectionError' || e.name === 'MongoNetworkTimeoutError' || e.name === 'MongoOperationTimeoutError') {
    return new BackupError('STORE_UNREACHABLE', `${where}: no server answered in time. Check the address, firewall or VPN.`, 'TIMEOUT', { cause: err });
  }
  if (e.name === 'MongoNetworkError' || e.name === 'MongoTopologyClosedError') {
    return new BackupError('STORE_UNREACHABLE', `${where}: the connection failed (${systemCode(err) ?? 'network error'}).`, 'NETWORK', { cause: err });
  }
  return new BackupError('STORE_ERROR', `${where}: could not ${action} (${e.codeName ?? e.name ?? 'error'}).`, undefined, { cause: err });
}
