import type { RemoteBackup } from '../../preload/contract';
import type { AccountRecord, AccountsForBackup } from '../accounts/AccountsPort';
import type { BackupRepo } from '../db/BackupRepo';
import { AppError } from '../errors';
import { parseManifest } from './archive/manifest';
import type { BackupEngine } from './BackupEngine';
import { storeError, type StoreRegistry } from './StoreRegistry';

export interface RestoreServiceDeps {
  repo: BackupRepo;
  accounts: AccountsForBackup;
  stores: StoreRegistry;
  engine: BackupEngine;
  /** LocalAuth's dataPath: a restore puts the account's profile back under it. */
  sessionsDir: string;
}

/**
 * Brings an account in from a store (a new computer, or a session gone bad): what a store holds, and the
 * restore itself. Once restored, the account starts like any other and BackupService takes it from there.
 */
export class RestoreService {
  constructor(private readonly deps: RestoreServiceDeps) {}

  /** The accounts and versions a store holds, to choose what to restore. */
  async listRemote(storeId: string): Promise<RemoteBackup[]> {
    const store = await this.deps.stores.get(storeId);
    try {
      const out: RemoteBackup[] = [];
      for (const session of await store.listSessions()) {
        const accountId = session.replace(/^RemoteAuth-/, '');
        if (!/^[a-z0-9_-]{1,40}$/.test(accountId)) continue;
        const versions = await store.listVersions(session);
        const newest = versions[0];
        out.push({
          accountId,
          label: newest?.meta['label'] ?? null,
          phoneTail: parseManifest(newest?.meta['manifest'])?.phoneNumber ?? null,
          versions: versions.map((v) => ({ id: v.id, createdAt: v.createdAt, size: v.size, encrypted: v.meta['format'] === 'wa-encrypted-v1' })),
          existsHere: this.deps.accounts.find(accountId) !== undefined,
        });
      }
      return out;
    } catch (err) {
      throw storeError(err);
    }
  }

  /**
   * Restores into a temporary folder, verifies, swaps it in, then starts the account: Ready with no QR.
   * Over an existing account only when confirmed (`replace`).
   */
  async restore(input: { storeId: string; accountId: string; versionId?: string; passphrase?: string; label?: string; replace?: boolean; allowPlain?: boolean }): Promise<AccountRecord> {
    const { storeId, accountId: id } = input;
    const store = await this.deps.stores.get(storeId);
    const existing = this.deps.accounts.find(id);
    if (existing && !input.replace) {
      throw new AppError('CONFIRM_REQUIRED', `"${existing.label}" is already on this computer. Restoring replaces its session with the backup; confirm to go on.`);
    }
    if (existing) await this.deps.accounts.halt(id);
    const options = { ...(input.versionId ? { versionId: input.versionId } : {}), ...(input.passphrase ? { passphrase: input.passphrase } : {}), ...(input.allowPlain ? { allowPlain: true } : {}) };
    const result = await this.deps.engine.restore({ accountId: id, dataPath: this.deps.sessionsDir, store, ...options }).catch((err: unknown) => {
      throw storeError(err);
    });
    const label = input.label ?? existing?.label ?? result.version.meta['label'] ?? 'Restored account';
    return this.deps.accounts.adopt(id, label, () => {
      // Keep backing up to the store it came from.
      const c = this.deps.repo.config(id);
      this.deps.repo.configure(id, { enabled: true, storeId, intervalMin: c.intervalMin, encrypt: c.encrypt });
      // The card shows the backup it came from as the last one, not "no backup yet".
      this.deps.repo.recordSuccess(id, { at: result.version.createdAt, size: result.version.size, durationMs: 0 });
    });
  }
}
