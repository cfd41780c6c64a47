/** Stable codes so tests (and the phone page) can tell refusals apart without parsing messages. */
export type SimErrorCode =
  | 'CERT_FAILED'
  | 'NOT_STARTED'
  | 'QR_MALFORMED'
  | 'QR_UNKNOWN'
  | 'QR_EXPIRED'
  | 'QR_KEYS_MISMATCH'
  | 'DEVICE_LIMIT'
  | 'CODE_UNKNOWN'
  | 'CODE_WRONG_PHONE'
  | 'PHONE_UNKNOWN'
  | 'PHONE_EXISTS'
  | 'DEVICE_UNKNOWN'
  | 'DEVICE_OFFLINE'
  | 'CONTACT_INVALID'
  | 'MESSAGE_INVALID'
  | 'MESSAGE_UNKNOWN'
  | 'TIMEOUT';

export class SimError extends Error {
  constructor(
    readonly code: SimErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SimError';
  }
}
