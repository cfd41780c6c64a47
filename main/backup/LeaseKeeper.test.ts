import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { LeaseKeeper } from './LeaseKeeper';
import { MemoryStore, memoryRegistry } from './testing/memoryStores';

let dir: string;
let now: number;
let store: MemoryStore;
const keepers: LeaseKeeper[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-lease-'));
  now = 1_000_000;
  store = new MemoryStore('Folder /share', () => now);
});
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(keepers.splice(0).map((k) => k.releaseAll()));
  rmSync(dir, { recursive: true, force: true });
});

/** One computer: its own install id file, the shared store. */
function computer(name: string, onLost: (id: string) => void = () => {}): LeaseKeeper {
  const k = new LeaseKeeper({ stores: memoryRegistry({ 'st-shared1': store }), ttlMs: 9_000, installIdFile: join(dir, name, 'install-id'), onLost, now: () => now });
  keepers.push(k);
  return k;
}

it('names this computer by host and a per-install id that survives a restart', () => {
  const a = computer('a');
  expect(a.owner).toMatch(new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#[0-9a-f]{12}$`));
  expect(computer('a').owner).toBe(a.owner);
  expect(computer('b').owner).not.toBe(a.owner);
});

it('one computer per account: the second is told who holds it and since when it was seen; a take-over wins', async () => {
  const a = computer('a');
  const b = computer('b');
  expect(await a.acquire('acc-1', 'st-shared1', false)).toEqual({ acquired: true });
  now += 4_000;
  expect(await b.acquire('acc-1', 'st-shared1', false)).toEqual({
    acquired: false,
    message: `This account is open on another computer (${hostname()}, last seen 4 s ago). Take over to use it here; the other computer will stop it.`,
  });
  expect(await b.acquire('acc-1', 'st-shared1', true)).toEqual({ acquired: true });
  expect(store.leases.get('RemoteAuth-acc-1')?.owner).toBe(b.owner);
  // Asking again for a lease one holds is fine (a restart of the account).
  expect(await b.acquire('acc-1', 'st-shared1', false)).toEqual({ acquired: true });
});

it('renews a held lease, and tells once when another computer took it over', async () => {
  vi.useFakeTimers();
  const lost: string[] = [];
  const a = computer('a', (id) => lost.push(id));
  const b = computer('b');
  await a.acquire('acc-1', 'st-shared1', false);
  const first = store.leases.get('RemoteAuth-acc-1')!.expiresAt;
  now += 3_000;
  await vi.advanceTimersByTimeAsync(3_000); // ttl / 3
  expect(store.leases.get('RemoteAuth-acc-1')!.expiresAt).toBe(first + 3_000);
  await b.acquire('acc-1', 'st-shared1', true);
  await vi.advanceTimersByTimeAsync(9_000);
  expect(lost).toEqual(['acc-1']);
  expect(store.leases.get('RemoteAuth-acc-1')!.owner).toBe(b.owner);
});

it('a store that cannot be reached during a heartbeat is not a take-over', async () => {
  vi.useFakeTimers();
  const lost: string[] = [];
  const a = computer('a', (id) => lost.push(id));
  await a.acquire('acc-1', 'st-shared1', false);
  store.failWith = 'STORE_UNREACHABLE';
  await vi.advanceTimersByTimeAsync(9_000);
  expect(lost).toEqual([]);
});

it('takenOver: only when another live owner holds a lease this computer held', async () => {
  const a = computer('a');
  const b = computer('b');
  expect(await a.takenOver('acc-1')).toBe(false); // never held here
  await a.acquire('acc-1', 'st-shared1', false);
  expect(await a.takenOver('acc-1')).toBe(false); // still ours
  await b.acquire('acc-1', 'st-shared1', true);
  expect(await a.takenOver('acc-1')).toBe(true);
  expect(await a.takenOver('acc-1')).toBe(false); // said once: no longer held here
});

it("an expired lease of another computer is not a take-over; release frees the account for the next computer", async () => {
  const a = computer('a');
  const b = computer('b');
  const c = computer('c');
  await a.acquire('acc-1', 'st-shared1', false);
  await b.acquire('acc-1', 'st-shared1', true);
  now += 10_000;
  expect(await a.takenOver('acc-1')).toBe(false);
  await b.release('acc-1');
  expect(store.leases.has('RemoteAuth-acc-1')).toBe(false);
  expect(await c.acquire('acc-1', 'st-shared1', false)).toEqual({ acquired: true });
  await c.releaseAll();
  expect(store.leases.size).toBe(0);
});

it("a store error while taking the lease rejects with the store's code", async () => {
  store.failWith = 'STORE_AUTH_FAILED';
  await expect(computer('a').acquire('acc-1', 'st-shared1', false)).rejects.toMatchObject({ code: 'STORE_AUTH_FAILED' });
});
