import type { RemoteBackup, SkippedBackup } from '../../preload/contract';
import type { AccountRecord, AccountsForBackup } from '../accounts/AccountsPort';
import type { BackupRepo } from '../db/BackupRepo';
import { AppError } from '../errors';
import type { BackupEngine } from './BackupEngine';
import { clientIdOf, remoteListing, type ListedSession } from './remoteListing';
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
    return (await this.scanRemote(storeId)).backups;
  }

  /** Both layouts a store may hold (the app's, RemoteAuth's zips), and what it passed over with why. */
  async scanRemote(storeId: string): Promise<{ backups: RemoteBackup[]; skipped: SkippedBackup[] }> {
    const store = await this.deps.stores.get(storeId);
    try {
      const app: ListedSession[] = [];
      for (const session of await store.listSessions()) app.push({ session, origin: 'app', versions: await store.listVersions(session) });
      return remoteListing(app, await store.scanImports(), (id) => this.deps.accounts.find(id) !== undefined);
    } catch (err) {
      throw storeError(err);
    }
  }

  /**
   * Restores into a temporary folder, verifies, swaps it in, then starts the account: Ready with no QR.
   * Over an existing account only when confirmed (`replace`).
   */
  async restore(input: { storeId: string; accountId: string; versionId?: string; passphrase?: string; label?: string; replace?: boolean; allowPlain?: boolean; session?: string; origin?: 'app' | 'remoteauth' }): Promise<AccountRecord> {
    const { storeId, accountId: id } = input;
    const store = await this.deps.stores.get(storeId);
    const existing = this.deps.accounts.find(id);
    if (existing && !input.replace) {
      throw new AppError('CONFIRM_REQUIRED', `"${existing.label}" is already on this computer. Restoring replaces its session with the backup; confirm to go on.`);
    }
    if (existing) await this.deps.accounts.halt(id);
    const options = { ...(input.versionId ? { versionId: input.versionId } : {}), ...(input.passphrase ? { passphrase: input.passphrase } : {}), ...(input.allowPlain ? { allowPlain: true } : {}), ...(input.session ? { session: input.session } : {}), ...(input.origin ? { origin: input.origin } : {}) };
    const result = await this.deps.engine.restore({ accountId: id, dataPath: this.deps.sessionsDir, store, ...options }).catch((err: unknown) => {
      throw storeError(err);
    });
    // A RemoteAuth session has no label of its own: its clientId as the store names it is the best name there is.
    const fromStore = input.origin === 'remoteauth' && input.session ? clientIdOf(input.session) || 'RemoteAuth session' : undefined;
    const label = input.label ?? existing?.label ?? result.version.meta['label'] ?? fromStore ?? 'Restored account';
    return this.deps.accounts.adopt(id, label, () => {
      // Keep backing up to the store it came from.
      const c = this.deps.repo.config(id);
      this.deps.repo.configure(id, { enabled: true, storeId, intervalMin: c.intervalMin, encrypt: c.encrypt });
      // The card shows the backup it came from as the last one, not "no backup yet".
      this.deps.repo.recordSuccess(id, { at: result.version.createdAt, size: result.version.size, durationMs: 0 });
    });
  }
}
