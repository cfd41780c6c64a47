import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isBackupError } from '../errors.js';
import type { BackupStore } from '../stores/BackupStore.js';
import { closedPort, startHangingServer } from './hangingServer.js';
import { failingStream, randomStream, readAll, sha256Of } from './streams.js';

type Unsupported = { unsupported: string };

export interface StoreHarness {
  /** A working store. */
  create(options: { keep?: number; remoteAuthZipDir?: string }): Promise<BackupStore>;
  /** The same store with wrong credentials, or why this kind of store cannot be checked here. */
  badCredentials: (() => Promise<BackupStore>) | Unsupported;
  /** The same kind of store pointed at host:port (nothing listening / never answering), or why not applicable. */
  atAddress: ((host: string, port: number) => Promise<BackupStore>) | Unsupported;
  /** The bucket / database / folder does not exist, or why that cannot happen for this kind of store. */
  missingContainer: (() => Promise<BackupStore>) | Unsupported;
}

/**
 * One behavioural contract for every BackupStore. `getHarness` is called inside each test so the
 * harness may depend on servers started in the caller's beforeAll.
 */
export function runStoreContract(label: string, getHarness: () => StoreHarness): void {
  describe(`${label} store contract`, () => {
    const open: BackupStore[] = [];
    let work: string;
    const session = () => `RemoteAuth-c${randomBytes(4).toString('hex')}`;
    const make = async (o: { keep?: number; remoteAuthZipDir?: string } = {}) => {
      const s = await getHarness().create(o);
      open.push(s);
      return s;
    };
    const track = (s: BackupStore) => (open.push(s), s);
    const small = (text: string) => Readable.from([Buffer.from(text)]);

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'store-contract-'));
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
    });
    afterAll(async () => {
      await rm(work, { recursive: true, force: true });
    });

    it('round-trips a 20 MB random stream byte for byte', async () => {
      const store = await make();
      const s = session();
      const src = randomStream(20 * 1024 * 1024);
      const info = await store.putVersion(s, src.stream);
      expect(info.size).toBe(20 * 1024 * 1024);
      const back = await sha256Of(await store.getVersion(s, info.id));
      expect(back.bytes).toBe(20 * 1024 * 1024);
      expect(back.hex).toBe(src.digest());
    }, 60_000);

    it('lists versions newest first with size, time and meta, and keeps only the last K', async () => {
      const store = await make({ keep: 3 });
      const s = session();
      expect(await store.listVersions(s)).toEqual([]);
      const before = Date.now();
      const ids: string[] = [];
      for (let i = 1; i <= 4; i++) ids.push((await store.putVersion(s, small('v'.repeat(i)), { meta: { n: String(i) } })).id);
      const listed = await store.listVersions(s);
      expect(listed.map((v) => v.id)).toEqual([ids[3], ids[2], ids[1]]);
      expect(listed.map((v) => v.size)).toEqual([4, 3, 2]);
      expect(listed.map((v) => v.meta['n'])).toEqual(['4', '3', '2']);
      for (const v of listed) expect(v.createdAt).toBeGreaterThanOrEqual(before - 1000);
      await expect(store.getVersion(s, ids[0]!)).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
      expect((await readAll(await store.getVersion(s, ids[3]!))).toString()).toBe('vvvv');
    });

    it('lists the sessions that have a complete backup, for restoring on a new computer', async () => {
      const store = await make();
      const [a, b] = [session(), session()];
      await store.putVersion(a, small('a'));
      await store.putVersion(b, small('b'));
      await store.putVersion(b, small('b2'));
      const listed = await store.listSessions();
      expect(listed).toEqual(expect.arrayContaining([a, b]));
      expect(listed.filter((x) => x === a || x === b)).toHaveLength(2);
      await store.delete({ session: a });
      expect(await store.listSessions()).not.toContain(a);
    });

    it('keeps the previous version listed and restorable when a save fails halfway', async () => {
      const store = await make();
      const s = session();
      const good = await store.putVersion(s, small('the good backup'));
      const err = await store.putVersion(s, failingStream(3 * 1024 * 1024)).catch((e: unknown) => e);
      expect(isBackupError(err, 'SAVE_FAILED')).toBe(true); // the source broke, not the store: the error must say so
      const listed = await store.listVersions(s);
      expect(listed.map((v) => v.id)).toEqual([good.id]);
      expect((await readAll(await store.getVersion(s, good.id))).toString()).toBe('the good backup');
    }, 30_000);

    it('works as a stock RemoteAuth Store: sessionExists, save from dataPath, extract with mkdir -p, delete', async () => {
      const dataPath = join(work, `data-${randomBytes(3).toString('hex')}`);
      const store = await make({ remoteAuthZipDir: dataPath });
      const s = session();
      expect(await store.sessionExists({ session: s })).toBe(false);
      const zip = randomBytes(100_000);
      await rm(dataPath, { recursive: true, force: true });
      await import('node:fs/promises').then((fs) => fs.mkdir(dataPath, { recursive: true }));
      await writeFile(join(dataPath, `${s}.zip`), zip);
      await store.save({ session: s });
      expect(await store.sessionExists({ session: s })).toBe(true);
      const target = join(work, 'fresh', 'machine', `${s}.zip`); // parent folders do not exist yet
      await store.extract({ session: s, path: target });
      expect((await readFile(target)).equals(zip)).toBe(true);
      await store.delete({ session: s });
      expect(await store.sessionExists({ session: s })).toBe(false);
    });

    it('leases: one holder at a time, heartbeat, release, explicit take-over, expiry of a crashed owner', async () => {
      const store = await make();
      const s = session();
      expect(await store.readLease(s)).toBeNull();
      const a = await store.acquireLease(s, 'host-a', 60_000);
      expect(a.acquired).toBe(true);
      const b = await store.acquireLease(s, 'host-b', 60_000);
      expect(b).toMatchObject({ acquired: false, holder: { owner: 'host-a' } });
      expect((await store.readLease(s))?.owner).toBe('host-a');
      const beat = await store.heartbeatLease(s, 'host-a', 120_000);
      expect(beat.expiresAt).toBeGreaterThan(a.acquired ? a.lease.expiresAt : 0);
      await expect(store.heartbeatLease(s, 'host-b', 60_000)).rejects.toMatchObject({ code: 'LEASE_LOST' });
      await store.releaseLease(s, 'host-b'); // not the holder: must not drop host-a's lease
      expect((await store.readLease(s))?.owner).toBe('host-a');
      await store.releaseLease(s, 'host-a');
      expect(await store.readLease(s)).toBeNull();

      expect((await store.acquireLease(s, 'host-a', 60_000)).acquired).toBe(true);
      expect((await store.acquireLease(s, 'host-b', 60_000, { force: true })).acquired).toBe(true);
      await expect(store.heartbeatLease(s, 'host-a', 60_000)).rejects.toMatchObject({ code: 'LEASE_LOST' });

      // host-b "crashes" holding a short lease: once it expires host-c gets it without forcing.
      expect((await store.acquireLease(s, 'host-b', 300, { force: true })).acquired).toBe(true);
      expect((await store.acquireLease(s, 'host-c', 60_000)).acquired).toBe(false);
      await new Promise((r) => setTimeout(r, 450));
      expect(await store.readLease(s)).toBeNull();
      expect((await store.acquireLease(s, 'host-c', 60_000)).acquired).toBe(true);
    });

    it('testConnection succeeds against a working store', async () => {
      const store = await make();
      const report = await store.testConnection();
      expect(report.latencyMs).toBeLessThan(10_000);
    });

    itOrExplain(() => getHarness().missingContainer, 'a missing bucket/database/folder is STORE_NOT_FOUND, never "no backup"', async (missingContainer) => {
      const store = track(await missingContainer());
      await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
      await expect(store.listVersions(session())).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
      await expect(store.sessionExists({ session: session() })).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    });

    itOrExplain(() => getHarness().badCredentials, 'wrong credentials are STORE_AUTH_FAILED (testConnection, list, sessionExists)', async (badCredentials) => {
      const store = track(await badCredentials());
      await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_AUTH_FAILED' });
      await expect(store.listVersions(session())).rejects.toMatchObject({ code: 'STORE_AUTH_FAILED' });
      await expect(store.sessionExists({ session: session() })).rejects.toMatchObject({ code: 'STORE_AUTH_FAILED' });
    });

    itOrExplain(() => getHarness().atAddress, 'a refused port is STORE_UNREACHABLE/REFUSED quickly, and sessionExists rejects instead of answering false', async (atAddress) => {
      const store = track(await atAddress('127.0.0.1', await closedPort()));
      const t0 = Date.now();
      await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_UNREACHABLE', reason: 'REFUSED' });
      expect(Date.now() - t0).toBeLessThan(10_000);
      await expect(store.sessionExists({ session: session() })).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
    }, 30_000);

    itOrExplain(() => getHarness().atAddress, 'a host name that does not resolve is STORE_UNREACHABLE/HOST_NOT_FOUND within 10 s', async (atAddress) => {
      // .invalid never resolves (RFC 6761), with or without a network.
      const store = track(await atAddress('backup-host.invalid', 9));
      const t0 = Date.now();
      await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_UNREACHABLE', reason: 'HOST_NOT_FOUND' });
      expect(Date.now() - t0).toBeLessThan(10_000);
    }, 30_000);

    itOrExplain(() => getHarness().atAddress, 'a server that accepts but never answers is STORE_UNREACHABLE within 10 s', async (atAddress) => {
      const hang = await startHangingServer();
      try {
        const store = track(await atAddress('127.0.0.1', hang.port));
        const t0 = Date.now();
        await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
        expect(Date.now() - t0).toBeLessThan(10_500);
      } finally {
        await hang.close();
      }
    }, 30_000);
  });
}

/**
 * Runs the check when the store supports it; otherwise the test is reported as skipped at run time
 * with the reason printed, so a reader of the log knows what was not verified and why.
 */
function itOrExplain<T>(get: () => T | Unsupported, name: string, body: (value: T) => Promise<void>, timeout?: number): void {
  it(name, async (ctx) => {
    const value = get();
    if (typeof value === 'object' && value !== null && 'unsupported' in value) {
      console.log(`SKIPPED "${name}": ${(value as Unsupported).unsupported}`);
      ctx.skip();
      return;
    }
    await body(value as T);
  }, timeout);
}
