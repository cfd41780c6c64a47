// Small pieces of AccountManager.ts: what it is built from, account ids, and writes that must survive a full disk.
import { randomBytes } from 'node:crypto';
import type { BrowserFinder } from '../browser/findBrowser';
import type { AccountsRepo } from '../db/AccountsRepo';
import type { ProxyRepo } from '../db/ProxyRepo';
import type { Logger } from '../log';
import type { SecretVault } from './accountProxy';
import type { AccountSession, SessionSettings } from './AccountSession';
import type { StartGate } from './AccountsPort';

export interface AccountManagerDeps {
  repo: AccountsRepo;
  /** LocalAuth's dataPath, under the data folder. */
  sessionsDir: string;
  settings: SessionSettings;
  findBrowser: BrowserFinder;
  log: Logger;
  /** Each account's proxy settings; its password goes to `secrets` (the app's secret store, handed in by main/index.ts). */
  proxyRepo: ProxyRepo;
  secrets?: SecretVault;
  /** Accounts started at once when the app starts (each start loads a browser: CPU-bound). */
  startConcurrency?: number;
  /** Asked before every start (the composition root passes backup's lease check); default: always go. */
  startGate?: StartGate;
  now?: () => number;
}

/** `acc-` + 10 random base-36 characters: matches the contract's id pattern and LocalAuth's clientId rule. */
export function newAccountId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(10);
  let id = 'acc-';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

/** better-sqlite3 raises SQLITE_FULL; file writes raise ENOSPC. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * A write that follows a session's life. A full disk must not end the app (or be swallowed): the
 * account stops, failed with DISK_FULL, and the person is told; anything else is the app's own bug.
 */
export function writeOrBlock(log: Logger, id: string, session: AccountSession, work: () => void): void {
  try {
    work();
  } catch (err) {
    if (!isDiskFull(err)) throw err;
    if (session.state.kind === 'failed' && session.state.code === 'DISK_FULL') return;
    log.error('the data folder’s disk is full', { account: id });
    void session.block('DISK_FULL', 'The disk holding the app’s data is full, so this account’s history could not be saved. Free some space, then press Retry.');
  }
}
