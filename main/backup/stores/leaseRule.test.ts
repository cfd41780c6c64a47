import { describe, expect, it } from 'vitest';
import type { LeaseInfo } from './BackupStore.js';
import { decideLease, leaseIsLive, mayRelease, renewLease } from './leaseRule.js';

const NOW = 1_000_000;
const TTL = 60_000;
const held = (owner: string, expiresAt: number, acquiredAt = NOW - 30_000): LeaseInfo => ({ owner, acquiredAt, heartbeatAt: acquiredAt, expiresAt });
const ask = (owner: string, force?: boolean) => ({ owner, now: NOW, ttlMs: TTL, ...(force ? { force } : {}) });
const fresh = (owner: string, acquiredAt = NOW): LeaseInfo => ({ owner, acquiredAt, heartbeatAt: NOW, expiresAt: NOW + TTL });

describe('who may take a lease', () => {
  const table: { when: string; current: LeaseInfo | null; asker: string; force?: boolean; answer: ReturnType<typeof decideLease> }[] = [
    { when: 'it is free', current: null, asker: 'a', answer: { take: true, lease: fresh('a') } },
    { when: 'this install holds it (same tenure: acquiredAt kept)', current: held('a', NOW + 10), asker: 'a', answer: { take: true, lease: fresh('a', NOW - 30_000) } },
    { when: 'another install holds it, live', current: held('b', NOW + 10), asker: 'a', answer: { take: false, holder: held('b', NOW + 10) } },
    { when: 'another install held it and it expired', current: held('b', NOW), asker: 'a', answer: { take: true, lease: fresh('a') } },
    { when: 'this install held it and it expired (a new tenure)', current: held('a', NOW - 1), asker: 'a', answer: { take: true, lease: fresh('a') } },
    { when: 'another install holds it, live, and this one takes over', current: held('b', NOW + 10), asker: 'a', force: true, answer: { take: true, lease: fresh('a') } },
    { when: 'it is free and this one forces', current: null, asker: 'a', force: true, answer: { take: true, lease: fresh('a') } },
  ];
  for (const row of table) {
    it(`${row.answer.take ? 'taken' : 'refused'} when ${row.when}`, () => {
      expect(decideLease(row.current, ask(row.asker, row.force))).toEqual(row.answer);
    });
  }

  it('a lease expires exactly at expiresAt, not a moment later', () => {
    expect(leaseIsLive(held('b', NOW + 1), NOW)).toBe(true);
    expect(leaseIsLive(held('b', NOW), NOW)).toBe(false);
    expect(leaseIsLive(null, NOW)).toBe(false);
  });
});

describe('heartbeat and release', () => {
  it('the holder extends its lease and keeps its tenure, even if it ran out while nobody took it', () => {
    expect(renewLease(held('a', NOW + 10), ask('a'), 'RemoteAuth-x')).toEqual(fresh('a', NOW - 30_000));
    expect(renewLease(held('a', NOW - 5), ask('a'), 'RemoteAuth-x')).toEqual(fresh('a', NOW - 30_000));
  });

  it('anyone else is told the lease is lost, and by whom when someone holds it', () => {
    expect(() => renewLease(held('b', NOW + 10), ask('a'), 'RemoteAuth-x')).toThrow(expect.objectContaining({ code: 'LEASE_LOST', message: expect.stringContaining('b took it over') }));
    expect(() => renewLease(null, ask('a'), 'RemoteAuth-x')).toThrow(expect.objectContaining({ code: 'LEASE_LOST', message: expect.stringContaining('RemoteAuth-x') }));
  });

  it('only the holder may release', () => {
    expect(mayRelease(held('a', NOW + 10), 'a')).toBe(true);
    expect(mayRelease(held('b', NOW + 10), 'a')).toBe(false);
    expect(mayRelease(null, 'a')).toBe(false);
  });
});
