import type { ApiError, ErrorCode } from '../../preload/contract';
import { isEnglish, t } from '../i18n';
import { isConnectionError } from '../stores/api';

/**
 * One sentence per code a failed call can carry, for the languages main does not write its messages in.
 * A Record, so a new code in the contract fails the type check until it has its sentence.
 */
const SENTENCES: Record<ErrorCode, () => string> = {
  INVALID_INPUT: () => t('errors:code.INVALID_INPUT'),
  UNKNOWN_COMMAND: () => t('errors:code.UNKNOWN_COMMAND'),
  NOT_FOUND: () => t('errors:code.NOT_FOUND'),
  UNAUTHORIZED: () => t('errors:code.UNAUTHORIZED'),
  INTERNAL: () => t('errors:code.INTERNAL'),
  DATABASE_TOO_NEW: () => t('errors:code.DATABASE_TOO_NEW'),
  DATA_FOLDER_IN_USE: () => t('errors:code.DATA_FOLDER_IN_USE'),
  DIAGNOSTICS_FAILED: () => t('errors:code.DIAGNOSTICS_FAILED'),
  CONFIRM_REQUIRED: () => t('errors:code.CONFIRM_REQUIRED'),
  NOT_LINKED: () => t('errors:code.NOT_LINKED'),
  NOT_READY: () => t('errors:code.NOT_READY'),
  STORE_IN_USE: () => t('errors:code.STORE_IN_USE'),
  BACKUP_FAILED: () => t('errors:code.BACKUP_FAILED'),
  BROWSER_UNUSABLE: () => t('errors:code.BROWSER_UNUSABLE'),
  NOT_AVAILABLE: () => t('errors:code.NOT_AVAILABLE'),
  STORE_UNREACHABLE: () => t('errors:code.STORE_UNREACHABLE'),
  STORE_AUTH_FAILED: () => t('errors:code.STORE_AUTH_FAILED'),
  STORE_NOT_FOUND: () => t('errors:code.STORE_NOT_FOUND'),
  STORE_PERMISSION: () => t('errors:code.STORE_PERMISSION'),
  STORE_FULL: () => t('errors:code.STORE_FULL'),
  STORE_ERROR: () => t('errors:code.STORE_ERROR'),
  VERSION_NOT_FOUND: () => t('errors:code.VERSION_NOT_FOUND'),
  SAVE_FAILED: () => t('errors:code.SAVE_FAILED'),
  LEASE_HELD: () => t('errors:code.LEASE_HELD'),
  LEASE_LOST: () => t('errors:code.LEASE_LOST'),
  BACKUP_CORRUPT: () => t('errors:code.BACKUP_CORRUPT'),
  WRONG_PASSPHRASE: () => t('errors:code.WRONG_PASSPHRASE'),
  KEY_MISMATCH: () => t('errors:code.KEY_MISMATCH'),
  KEY_UNAVAILABLE: () => t('errors:code.KEY_UNAVAILABLE'),
  SNAPSHOT_FAILED: () => t('errors:code.SNAPSHOT_FAILED'),
  PROFILE_MISSING: () => t('errors:code.PROFILE_MISSING'),
  RESTORE_FAILED: () => t('errors:code.RESTORE_FAILED'),
  BACKUP_NOT_ENCRYPTED: () => t('errors:code.BACKUP_NOT_ENCRYPTED'),
  BACKUP_UNVERIFIED: () => t('errors:code.BACKUP_UNVERIFIED'),
  BACKUP_TOO_LARGE: () => t('errors:code.BACKUP_TOO_LARGE'),
  LEGACY_SESSION: () => t('errors:code.LEGACY_SESSION'),
  NOT_A_BACKUP: () => t('errors:code.NOT_A_BACKUP'),
  HOST_UNREACHABLE: () => t('errors:code.HOST_UNREACHABLE'),
  TIMEOUT: () => t('errors:code.TIMEOUT'),
};

/** The sentence for a code in the page's language; a code this build does not know gets the generic one. */
export function errorCodeText(code: string): string {
  return Object.hasOwn(SENTENCES, code) ? SENTENCES[code as ErrorCode]() : t('errors:unknown', { code });
}

/**
 * The text to show next to the control whose command failed: main's own message, written for a person
 * (`fallback` when main gave none). Main writes in English, so another language shows the catalog's
 * sentence for the code instead. When main could not be reached at all, the connection banner
 * explains why and what to do; the control only says that its change did not happen.
 */
export function errorText(error: ApiError, fallback?: string): string {
  if (isConnectionError(error)) return t('errors:notConnected');
  if (!isEnglish()) return errorCodeText(error.code);
  return error.message || fallback || t('errors:unknown', { code: error.code });
}

/** The field main's INVALID_INPUT names (a path such as `settings.port`), so its message can stand beside that field. */
export function invalidField(error: ApiError): string | null {
  return error.code === 'INVALID_INPUT' && error.field ? error.field : null;
}
