import { BackupError } from '../errors.js';
import type { LeaseInfo } from './BackupStore.js';

/**
 * Who may hold a session's lease, for every store. Stores differ only in how they read a lease and
 * replace it atomically (StoreBase.acquireLease); the rule itself is written here once.
 */
export interface LeaseAsk {
  /** The install asking. */
  owner: string;
  now: number;
  ttlMs: number;
  /** An explicit take-over: the user chose to move the account to this computer. */
  force?: boolean;
}

export type LeaseDecision = { take: true; lease: LeaseInfo } | { take: false; holder: LeaseInfo };

export function leaseIsLive(lease: LeaseInfo | null | undefined, now: number): lease is LeaseInfo {
  return !!lease && lease.expiresAt > now;
}

/**
 * A lease may be taken when it is free, expired, already the asker's, or on an explicit take-over; a
 * live lease of another install is kept, and its holder is the answer. Taking a lease one already holds
 * keeps its acquiredAt (it is the same tenure); any other take starts a new one.
 */
export function decideLease(current: LeaseInfo | null | undefined, ask: LeaseAsk): LeaseDecision {
  const live = leaseIsLive(current, ask.now) ? current : null;
  if (live && live.owner !== ask.owner && !ask.force) return { take: false, holder: live };
  const acquiredAt = live?.owner === ask.owner ? live.acquiredAt : ask.now;
  return { take: true, lease: { owner: ask.owner, acquiredAt, heartbeatAt: ask.now, expiresAt: ask.now + ask.ttlMs } };
}

/**
 * A heartbeat extends the lease only for the install that holds it (even if it ran out meanwhile and
 * nobody took it); anyone else learns it lost the lease.
 */
export function renewLease(current: LeaseInfo | null | undefined, ask: Omit<LeaseAsk, 'force'>, session: string): LeaseInfo {
  if (!current || current.owner !== ask.owner) throw leaseLost(session, current?.owner);
  return { ...current, heartbeatAt: ask.now, expiresAt: ask.now + ask.ttlMs };
}

/** Only the holder may release a lease; releasing someone else's is a no-op. */
export function mayRelease(current: LeaseInfo | null | undefined, owner: string): current is LeaseInfo {
  return current?.owner === owner;
}

export function leaseLost(session: string, holder?: string): BackupError {
  return new BackupError('LEASE_LOST', `This computer no longer holds ${session}${holder ? `: ${holder} took it over` : '; another one took it over or it was released'}.`);
}
