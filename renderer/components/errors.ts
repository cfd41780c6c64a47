import type { ApiError } from '../../preload/contract';
import { isConnectionError } from '../stores/api';

/**
 * The text to show next to the control whose command failed: main's own message, written for a person
 * (`fallback` when main gave none). When main could not be reached at all, the connection banner
 * explains why and what to do; the control only says that its change did not happen.
 */
export function errorText(error: ApiError, fallback?: string): string {
  if (isConnectionError(error)) return 'Not saved: the app is not connected (see the message above).';
  return error.message || fallback || `Something went wrong (${error.code}).`;
}

/** The field main's INVALID_INPUT names (a path such as `settings.port`), so its message can stand beside that field. */
export function invalidField(error: ApiError): string | null {
  return error.code === 'INVALID_INPUT' && error.field ? error.field : null;
}
