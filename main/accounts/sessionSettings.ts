import { DEFAULT_BACKOFF, type BackoffOptions } from './Backoff';

export interface SessionSettings {
  /** Watchdogs: page load to the first QR or sign-in; sign-in to ready; between sync progress steps. */
  timeouts: { pageMs: number; authToReadyMs: number; syncMs: number; teardownMs: number };
  /** How long a QR is shown as valid (WhatsApp: about 60 s for the first, 20 s for later ones). */
  qrFirstTtlMs: number;
  qrLaterTtlMs: number;
  /** Unscanned QRs before the account pauses instead of looping (docs/user-needs.md, "Endless QR codes"). */
  qrLimit: number;
  /** A pairing code is regenerated this often (whatsapp-web.js default: 3 min). */
  pairingIntervalMs: number;
  backoff: BackoffOptions;
  /** Development and test hook only: extra Chromium flags (the simulator's host mapping). */
  extraChromiumArgs: string[];
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  timeouts: { pageMs: 90_000, authToReadyMs: 120_000, syncMs: 180_000, teardownMs: 5_000 },
  qrFirstTtlMs: 60_000,
  qrLaterTtlMs: 20_000,
  qrLimit: 6,
  pairingIntervalMs: 180_000,
  backoff: DEFAULT_BACKOFF,
  extraChromiumArgs: [],
};
