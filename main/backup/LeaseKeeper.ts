import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { sessionName } from './BackupEngine';
import { isBackupError } from './errors';
import type { StoreRegistry } from './StoreRegistry';

export interface LeaseKeeperDeps {
  stores: StoreRegistry;
  /** How long a lease lasts without a heartbeat: a crashed owner's lease expires after this. */
  ttlMs: number;
  /** File holding this install's id, under the data folder. */
  installIdFile: string;
  /** Another computer took an account over while we held it. */
  onLost: (accountId: string) => void;
  now: () => number;
}

/**
 * One computer per account: while an account with backup runs here, this install holds its lease in the
 * account's store (owner `<host>#<install id>`), and renews it; a take-over elsewhere is noticed here.
 */
export class LeaseKeeper {
  readonly owner: string;
  private readonly held = new Map<string, { storeId: string; heartbeat: NodeJS.Timeout }>();

  constructor(private readonly deps: LeaseKeeperDeps) {
    this.owner = `${hostname()}#${installId(deps.installIdFile)}`;
  }

  /** Takes the lease (or, with `force`, takes it over); store errors reject as BackupErrors. */
  async acquire(accountId: string, storeId: string, force: boolean): Promise<{ acquired: true } | { acquired: false; message: string }> {
    const store = await this.deps.stores.get(storeId);
    const got = await store.acquireLease(sessionName(accountId), this.owner, this.deps.ttlMs, { force });
    if (!got.acquired) {
      const host = got.holder.owner.split('#')[0] ?? 'another computer';
      const seen = Math.max(0, Math.round((this.deps.now() - got.holder.heartbeatAt) / 1000));
      return { acquired: false, message: `This account is open on another computer (${host}, last seen ${seen} s ago). Take over to use it here; the other computer will stop it.` };
    }
    this.keep(accountId, storeId);
    return { acquired: true };
  }

  /** Whether another live owner holds the lease of an account we held (it was taken over). */
  async takenOver(accountId: string): Promise<boolean> {
    const held = this.held.get(accountId);
    if (!held) return false;
    const holder = await this.deps.stores.get(held.storeId).then((s) => s.readLease(sessionName(accountId))).catch(() => null);
    if (!holder || holder.owner === this.owner || holder.expiresAt < this.deps.now()) return false;
    this.forget(accountId);
    return true;
  }

  async release(accountId: string): Promise<void> {
    const held = this.held.get(accountId);
    if (!held) return;
    this.forget(accountId);
    await this.deps.stores.get(held.storeId).then((s) => s.releaseLease(sessionName(accountId), this.owner)).catch(() => undefined);
  }

  async releaseAll(): Promise<void> {
    await Promise.allSettled([...this.held.keys()].map((id) => this.release(id)));
  }

  private keep(accountId: string, storeId: string): void {
    this.forget(accountId);
    const heartbeat = setInterval(() => {
      void this.deps.stores.get(storeId)
        .then((store) => store.heartbeatLease(sessionName(accountId), this.owner, this.deps.ttlMs))
        .catch((err: unknown) => {
          if (!isBackupError(err, 'LEASE_LOST')) return;
          this.forget(accountId);
          this.deps.onLost(accountId);
        });
    }, Math.max(1_000, Math.floor(this.deps.ttlMs / 3)));
    this.held.set(accountId, { storeId, heartbeat });
  }

  private forget(accountId: string): void {
    clearInterval(this.held.get(accountId)?.heartbeat);
    this.held.delete(accountId);
  }
}

/** A random id per install, kept in the data folder. */
function installId(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const id = randomBytes(6).toString('hex');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, id, { mode: 0o600 });
    return id;
  }
}
