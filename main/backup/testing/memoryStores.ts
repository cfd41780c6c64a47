// An in-memory store for unit tests of the services above the stores (LeaseKeeper, BackupService,
// RestoreService): the leases follow the stores' one rule (stores/leaseRule.ts), versions are plain
// records, and a test can make the store fail. Not a BackupStore for the engine: no archives.
import type { BackupErrorCode, StoreView } from '../../../preload/contract';
import { notFound } from '../../errors';
import { BackupError } from '../errors';
import type { StoreRegistry } from '../StoreRegistry';
import type { BackupStore, LeaseInfo, LeaseResult, VersionInfo } from '../stores/BackupStore';
import type { ImportScan } from '../stores/remoteAuthLayouts';
import { decideLease, mayRelease, renewLease } from '../stores/leaseRule';

export class MemoryStore {
  readonly leases = new Map<string, LeaseInfo>();
  readonly versions = new Map<string, VersionInfo[]>();
  /** Every call fails with this code until cleared (a store that went away). */
  failWith: BackupErrorCode | null = null;
  closed = 0;

  constructor(
    readonly description: string,
    private readonly now: () => number = Date.now,
  ) {}

  async acquireLease(session: string, owner: string, ttlMs: number, options: { force?: boolean } = {}): Promise<LeaseResult> {
    this.check();
    const decision = decideLease(this.leases.get(session), { owner, now: this.now(), ttlMs, force: options.force });
    if (!decision.take) return { acquired: false, holder: decision.holder };
    this.leases.set(session, decision.lease);
    return { acquired: true, lease: decision.lease };
  }

  async heartbeatLease(session: string, owner: string, ttlMs: number): Promise<LeaseInfo> {
    this.check();
    const lease = renewLease(this.leases.get(session), { owner, now: this.now(), ttlMs }, session);
    this.leases.set(session, lease);
    return lease;
  }

  async releaseLease(session: string, owner: string): Promise<void> {
    this.check();
    if (mayRelease(this.leases.get(session), owner)) this.leases.delete(session);
  }

  async readLease(session: string): Promise<LeaseInfo | null> {
    this.check();
    return this.leases.get(session) ?? null;
  }

  async listSessions(): Promise<string[]> {
    this.check();
    return [...this.versions.keys()];
  }

  /** What scanImports answers: sessions in RemoteAuth's layout, and what the listing skipped. */
  imports: ImportScan = { sessions: [], skipped: [] };

  async scanImports(): Promise<ImportScan> {
    this.check();
    return this.imports;
  }

  async listVersions(session: string): Promise<VersionInfo[]> {
    this.check();
    return this.versions.get(session) ?? [];
  }

  async close(): Promise<void> {
    this.closed += 1;
  }

  private check(): void {
    if (this.failWith) throw new BackupError(this.failWith, `${this.description} failed (${this.failWith}).`);
  }
}

/** The part of StoreRegistry the services use, over MemoryStores by id. */
export function memoryRegistry(stores: Record<string, MemoryStore>): StoreRegistry {
  const get = async (id: string) => {
    const store = stores[id];
    if (!store) throw notFound('That store');
    return store as unknown as BackupStore;
  };
  const view = async (id: string): Promise<StoreView> => {
    await get(id);
    return { id, name: id, settings: { kind: 'folder', path: `/stores/${id}` }, hasSecret: false, description: stores[id]!.description };
  };
  return { get, view, close: async () => {} } as unknown as StoreRegistry;
}
