import type { BackupErrorCode } from '../../preload/contract';

/**
 * Every failure of the backup engine is a BackupError with a stable code the UI can switch on and a
 * message a person can act on. The codes are the contract's BackupErrorCode, because they reach the
 * renderer unchanged as command errors. Messages never include secrets (keys, passwords, connection
 * strings with credentials) because they end up in logs and on screen.
 */

/** Finer cause for STORE_UNREACHABLE / STORE_NOT_FOUND, so "Test connection" can say exactly what is wrong. */
export type BackupErrorReason =
  | 'HOST_NOT_FOUND'
  | 'REFUSED'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'BUCKET_MISSING'
  | 'DATABASE_MISSING'
  | 'FOLDER_MISSING';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly reason?: BackupErrorReason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isBackupError(err: unknown, code?: BackupErrorCode): err is BackupError {
  return err instanceof BackupError && (code === undefined || err.code === code);
}

/** Node's system error code (ECONNREFUSED, ENOENT, ...) if the error carries one, possibly nested in `cause`. */
export function systemCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    // AggregateError (happy-eyeballs connect to several addresses) keeps the real failures in `errors`.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) e = errors[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps transport-level failures (DNS, TCP, timeouts) shared by every network store. `where` names the
 * server for the message, e.g. "S3 endpoint 10.0.0.5:9000" (never including credentials).
 */
export function classifyNetworkError(err: unknown, where: string): BackupError | undefined {
  const code = systemCode(err);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new BackupError('STORE_UNREACHABLE', `${where}: host not found. Check the address and your DNS or network.`, 'HOST_NOT_FOUND', { cause: err });
    case 'ECONNREFUSED':
      return new BackupError('STORE_UNREACHABLE', `${where}: connection refused. Is the server running and is the port right?`, 'REFUSED', { cause: err });
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return new BackupError('STORE_UNREACHABLE', `${where}: no answer in time. Check the address, firewall or VPN.`, 'TIMEOUT', { cause: err });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'ECONNABORTED':
      return new BackupError('STORE_UNREACHABLE', `${where}: the connection failed (${code}). Check your network.`, 'NETWORK', { cause: err });
    default:
      return undefined;
  }
}
