// The backup service's timings: when the first backup runs, how long a quit may take, the lease, retries.
export interface BackupSettings {
  /** The first backup waits until the account has been ready this long (a fresh session settles first). */
  firstDelayMs: number;
  /** On quit, the last backups may take at most this long in total. */
  quitBudgetMs: number;
  /** The lease in the store: how long it lasts without a heartbeat (a crashed owner's lease expires). */
  leaseTtlMs: number;
  /** First retry after a failed backup; doubles up to the account's interval. */
  retryBaseMs: number;
  /** Versions kept per account. */
  keep: number;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { firstDelayMs: 60_000, quitBudgetMs: 8_000, leaseTtlMs: 90_000, retryBaseMs: 30_000, keep: 3 };
/** Releasing leases is one small write per store: a store that does not answer in time keeps the lease until it expires. */
export const LEASE_RELEASE_BUDGET_MS = 2_000;
