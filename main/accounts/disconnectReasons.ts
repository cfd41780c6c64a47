import type { LogoutReason, SessionFailureCode } from '../../preload/contract';

/**
 * What the app does about a `disconnected(reason)` from whatsapp-web.js (docs/whatsapp-web.js.md, "Connection states
 * after ready" and "Two ways a phone unlink arrives").
 */
export type DisconnectOutcome =
  | { kind: 'logged-out'; reason: LogoutReason; message: string }
  | { kind: 'terminal'; code: SessionFailureCode; message: string }
  | { kind: 'transient'; code: SessionFailureCode; message: string };

export const LOGOUT_MESSAGES: Record<LogoutReason, string> = {
  'unlinked-from-phone': 'Logged out from your phone. Link it again to keep using this account here.',
  'logged-out-here': 'Logged out from this app. Link it again to use it here.',
  'revoked-offline': 'This computer was logged out while the app was closed (removed on the phone, or expired). Link it again.',
};

/**
 * Terminal outcomes are never retried in a loop: the user decides (WhatsApp refuses, or another
 * computer took the session). Everything unknown counts as transient and goes through backoff.
 */
export function classifyDisconnect(reason: unknown): DisconnectOutcome {
  switch (String(reason)) {
    case 'LOGOUT':
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
      return { kind: 'logged-out', reason: 'unlinked-from-phone', message: LOGOUT_MESSAGES['unlinked-from-phone'] };
    case 'CONFLICT':
      return { kind: 'terminal', code: 'CONFLICT', message: 'WhatsApp Web was opened for this account somewhere else. Press Retry to use it here again.' };
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return { kind: 'terminal', code: 'TOS_BLOCK', message: 'WhatsApp has blocked this account. Check the phone for details.' };
    case 'DEPRECATED_VERSION':
      return { kind: 'terminal', code: 'DEPRECATED_VERSION', message: 'WhatsApp no longer accepts this version of the app. Update the app.' };
    case 'PROXYBLOCK':
      return { kind: 'terminal', code: 'PROXYBLOCK', message: 'WhatsApp refused this network connection (proxy or network block). Check the network, then press Retry.' };
    default:
      return { kind: 'transient', code: 'DISCONNECTED', message: `The connection to WhatsApp dropped (${String(reason).slice(0, 40)}).` };
  }
}
