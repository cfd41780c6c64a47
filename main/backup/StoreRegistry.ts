import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { StoreSettings, StoreView } from '../../preload/contract';
import type { BackupRepo } from '../db/BackupRepo';
import { AppError, notFound } from '../errors';
import { isBackupError } from './errors';
import type { SecretStore } from './SecretStore';
import type { BackupStore } from './stores/BackupStore';
import { FolderStore } from './stores/FolderStore';
import { MongoStore } from './stores/MongoStore';
import { PostgresStore } from './stores/PostgresStore';
import { S3Store } from './stores/S3Store';
import { checkStoreSettings, sameDestination, secretRequiredAgain } from './storeSettingsCheck';
import { mongoConnection, postgresConnection } from './storeConnections';

const secretRef = (storeId: string) => `store:${storeId}`;

/** Builds a store client from settings and its secret (S3 secret key, database password). */
export function createStore(settings: StoreSettings, secret: string | undefined): BackupStore {
  switch (settings.kind) {
    case 'folder':
      return new FolderStore({ root: settings.path });
    case 's3':
      return new S3Store({
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        region: settings.region,
        bucket: settings.bucket,
        ...(settings.prefix ? { prefix: settings.prefix } : {}),
        forcePathStyle: settings.forcePathStyle ?? !!settings.endpoint,
        accessKeyId: settings.accessKeyId,
        secretAccessKey: secret ?? '',
      });
    case 'postgres':
      return new PostgresStore({ connection: postgresConnection(settings, secret) });
    case 'mongo': {
      const { uri, options } = mongoConnection(settings, secret);
      return new MongoStore({ uri, clientOptions: options, dbName: settings.database });
    }
  }
}

/** A store failure as the user sees it: the store's own code and message (they never hold secrets). */
export function storeError(err: unknown): AppError {
  if (isBackupError(err)) return new AppError(err.code, err.message);
  if (err instanceof AppError) return err;
  return new AppError('BACKUP_FAILED', `The backup could not be made: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
}

export interface StoreRegistryEvents {
  /** The whole list, after a store was added, edited or removed. */
  changed: [stores: StoreView[]];
}

/** The user's backup stores: settings in SQLite, secrets in the SecretStore, one open client per store. */
export class StoreRegistry extends EventEmitter<StoreRegistryEvents> {
  private readonly open = new Map<string, BackupStore>();
  /** Announcements in the order of the changes, though each list is read asynchronously. */
  private announced: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: BackupRepo,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
    private readonly factory: typeof createStore = createStore,
  ) {
    super();
  }

  async list(): Promise<StoreView[]> {
    return Promise.all(this.repo.stores().map((s) => this.view(s.id)));
  }

  async view(id: string): Promise<StoreView> {
    const row = this.repo.store(id);
    if (!row) throw notFound('That store');
    return { id: row.id, name: row.name, settings: row.settings, hasSecret: await this.secrets.has(secretRef(id)), description: this.describe(row.settings) };
  }

  async save(input: { id?: string; name: string; settings: StoreSettings; secret?: string }): Promise<StoreView> {
    checkStoreSettings(input.settings);
    const saved = input.id ? this.repo.store(input.id) : undefined;
    if (input.id && !saved) throw notFound('That store');
    // Moving a store elsewhere must not carry its saved secret along (issue 11: a secret goes only where it was saved for).
    if (saved && input.secret === undefined && !sameDestination(saved.settings, input.settings) && (await this.secrets.has(secretRef(saved.id)))) throw secretRequiredAgain();
    const id = input.id ?? `st-${randomBytes(6).toString('hex')}`;
    if (input.secret !== undefined) await this.secrets.set(secretRef(id), input.secret);
    this.repo.saveStore({ id, name: input.name, settings: input.settings }, this.now());
    await this.closeOne(id);
    this.announce();
    return this.view(id);
  }

  async remove(id: string): Promise<{ id: string }> {
    if (!this.repo.store(id)) throw notFound('That store');
    const users = this.repo.accountsUsing(id);
    if (users.length > 0) throw new AppError('STORE_IN_USE', `This store is chosen for backups of ${users.length} account(s). Choose another store for them (or turn their backup off) first.`);
    await this.closeOne(id);
    this.repo.deleteStore(id);
    await this.secrets.delete(secretRef(id));
    this.announce();
    return { id };
  }

  /** Within 10 s: the latency, or an AppError saying what is wrong (host, credentials, bucket, permission). */
  async test(input: { id?: string; settings?: StoreSettings; secret?: string }): Promise<{ latencyMs: number }> {
    const saved = input.id ? this.repo.store(input.id) : undefined;
    if (input.id && !saved) throw notFound('That store');
    const settings = input.settings ?? saved?.settings;
    if (!settings) throw notFound('That store');
    checkStoreSettings(settings);
    let secret = input.secret;
    if (secret === undefined && saved) {
      const kept = await this.secrets.get(secretRef(saved.id));
      if (kept !== undefined && !sameDestination(saved.settings, settings)) throw secretRequiredAgain();
      secret = kept;
    }
    const store = this.factory(settings, secret);
    try {
      return await store.testConnection({ timeoutMs: 10_000 });
    } catch (err) {
      throw storeError(err);
    } finally {
      await store.close().catch(() => undefined);
    }
  }

  /** The open client for a saved store (created on first use, kept until its settings change). */
  async get(id: string): Promise<BackupStore> {
    const existing = this.open.get(id);
    if (existing) return existing;
    const row = this.repo.store(id);
    if (!row) throw notFound('That store');
    const store = this.factory(row.settings, await this.secrets.get(secretRef(id)));
    this.open.set(id, store);
    return store;
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.closeOne(id)));
  }

  private announce(): void {
    this.announced = this.announced.then(() => this.list()).then(
      (stores) => void this.emit('changed', stores),
      () => undefined, // the list could not be read (data folder gone): the next change tries again
    );
  }

  private async closeOne(id: string): Promise<void> {
    const store = this.open.get(id);
    this.open.delete(id);
    await store?.close().catch(() => undefined);
  }

  private describe(settings: StoreSettings): string {
    switch (settings.kind) {
      case 'folder':
        return `Folder ${settings.path}`;
      case 's3':
        return `S3 bucket ${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ` (${settings.region})`}`;
      case 'postgres':
        return `PostgreSQL ${settings.database} at ${settings.host}:${settings.port}`;
      case 'mongo':
        return `MongoDB ${settings.database} at ${settings.host}:${settings.port}`;
    }
  }
}
