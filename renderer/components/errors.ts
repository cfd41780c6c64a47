import type { ApiError } from '../../preload/contract';
import { isConnectionError } from '../stores/api';

/**
 * The text to show next to the control whose command failed: main's own message, written for a person.
 * When main could not be reached at all, the connection banner explains why and what to do; the control
 * only says that its change did not happen.
 */
export function errorText(error: ApiError): string {
  if (isConnectionError(error)) return 'Not saved: the app is not connected (see the message above).';
  return error.message || `Something went wrong (${error.code}).`;
}
