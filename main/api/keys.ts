// API keys: long random secrets shown once; only their SHA-256 is kept (a key has 256 bits of entropy,
// so a fast hash is enough, no password hashing needed). A presented key is compared against every
// stored hash in constant time, so timing tells nothing about how close a guess was.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyView } from '../../preload/contract';
import type { ApiRepo, StoredKey } from '../db/ApiRepo';

export const KEY_PREFIX = 'wak_';

export function newKeySecret(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex').slice(0, 12)}`;
}

export const publicKey = ({ hash: _hash, ...view }: StoredKey): ApiKeyView => view;

export type KeyCheck = { ok: true; key: ApiKeyView } | { ok: false; message: string };

/** How stale a key's last-used time may get before it is written and the UI told again. */
const LAST_USED_GRAIN_MS = 60_000;

/** Finds the live key behind an `Authorization: Bearer <key>` header. */
export function checkKey(repo: ApiRepo, header: string | undefined, now: number, onStale: () => void = () => {}): KeyCheck {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return { ok: false, message: 'Send an API key: Authorization: Bearer <key> (create one in the app, API area).' };
  const presented = Buffer.from(hashKey(match[1]!), 'hex');
  let found: StoredKey | undefined;
  for (const key of repo.keys()) {
    const stored = Buffer.from(key.hash, 'hex');
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) found = key;
  }
  if (!found || found.revokedAt !== null) return { ok: false, message: 'This API key is not valid: it is wrong or was revoked.' };
  // A write per request cost every call a SQLite UPDATE (bench/api): the minute is all the UI shows.
  if (found.lastUsedAt === null || now - found.lastUsedAt >= LAST_USED_GRAIN_MS) {
    repo.touchKey(found.id, now);
    onStale();
  }
  return { ok: true, key: publicKey(found) };
}

export function keyAllows(key: ApiKeyView, accountId: string): boolean {
  return key.accounts === null || key.accounts.includes(accountId);
}
