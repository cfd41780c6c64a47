import type { ApiError } from '../../preload/contract';

/** The text to show next to an input for a failed command (the message main wrote for a person). */
export function errorText(error: ApiError): string {
  return error.message || `Something went wrong (${error.code}).`;
}
