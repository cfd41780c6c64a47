// Composition root: builds every service once, wires them, owns the start/stop order.
// Plain Node: the same engine runs under Vitest, inside the web host and inside Electron.
import type { Account, AppInfo } from '../preload/contract';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AccountManager } from './accounts/AccountManager';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from './accounts/AccountSession';
import { installEngineGuards } from './accounts/engineGuards';
import { BackupEngine } from './backup/BackupEngine';
import { BackupService, DEFAULT_BACKUP_SETTINGS, LEASE_RELEASE_BUDGET_MS, type BackupSettings } from './backup/BackupService';
import { RestoreService } from './backup/RestoreService';
import { AccountFiles } from './backup/AccountFiles';
import { FileTransfers } from './backup/FileTransfers';
import { DataKeyring, FileKeyProtector, type KeyProtector } from './backup/crypto/keys';
import { SecretStore } from './backup/SecretStore';
import { StoreRegistry } from './backup/StoreRegistry';
import { appBrowserFinder, type BrowserChoice } from './browser/findBrowser';
import { BackupRepo } from './db/BackupRepo';
import { AccountsRepo } from './db/AccountsRepo';
import { ProxyRepo } from './db/ProxyRepo';
import { AppDatabase } from './db/AppDatabase';
import { CommandRegistry, type Handlers } from './ipc/CommandRegistry';
import { EventHub } from './ipc/EventHub';
import { PerAccountQueue } from './ipc/perAccount';
import { createLogger, type Logger } from './log';
import { packageVersion } from './packageVersion';
import { acquireDataLock, type DataLock } from './dataLock';
import { privateDataFolder } from './fileModes';
import { createAccountView, type AccountView } from './accountView';
import { ApiService } from './api/ApiService';
import { apiHandlers } from './api/commands';
import { ApiRepo } from './db/ApiRepo';
import { createActivityView, type ActivityView } from './accountActivity';
import { appDiagnostics, type DiagnosticsExporter } from './diagnostics/DiagnosticsExporter';
import type { LogFile } from './logFile';
import { MessageNoticeRepo } from './db/MessageNoticeRepo';
import { browserModeUpdateCheck, type DesktopOptions } from './desktop/updateCheck';

export interface AppOptions {
  /** Absolute path of the data folder (Electron: userData). Everything the app writes lives under it. */
  dataDir: string;
  host: 'electron' | 'web';
  versions?: { electron?: string | null; chrome?: string | null };
  log?: Logger;
  /** Session timings and the development hook for extra Chromium flags (the simulator). */
  engine?: Partial<SessionSettings>;
  /** The user's browser setting, and the folder of a browser bundled with the app. */
  browserPath?: string | null;
  bundledBrowserDir?: string | null;
  /** Replaces the browser search (tests that must never start one pass `() => null`). */
  findBrowser?: () => BrowserChoice | null;
  /** Restart accounts that were running when the app last stopped (default true). */
  autoStart?: boolean;
  /** Catch the library's stray rejections instead of crashing (default true; hosts want it). */
  guardProcess?: boolean;
  /** Protects the backup key and store secrets: Electron passes safeStorage; default: a key file (0600). */
  keyProtector?: KeyProtector;
  backup?: Partial<BackupSettings>;
  /** Only the desktop app has these: its update check and whether its build was code-signed (main/desktop/). */
  desktop?: DesktopOptions;
  /** The log file the host's logger writes to: opened in <data folder>/logs once the folder is ours, closed by stop(). */
  logFile?: LogFile;
}

export interface App {
  registry: CommandRegistry;
  accounts: AccountManager;
  backup: BackupService;
  /** Exports waiting to be fetched once (the web host serves them at EXPORT_PATH). */
  transfers: FileTransfers;
  /** The local API for scripts (off until the user turns it on). */
  api: ApiService;
  events: EventHub;
  info(): AppInfo;
  /** An account as the contract sends it, with its backup status. */
  account(id: string): Account;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What App.stop() needs at most, which a host's own shutdown deadline must not cut short: the lease
 * release (LEASE_RELEASE_BUDGET_MS), the browsers' teardown (in parallel, the session settings'
 * teardownMs), the last backups (the backup settings' quitBudgetMs), and a second for the database.
 */
export function stopBudgetMs(engine: Partial<SessionSettings> = {}, backup: Partial<BackupSettings> = {}): number {
  const teardown = engine.timeouts?.teardownMs ?? DEFAULT_SESSION_SETTINGS.timeouts.teardownMs;
  return LEASE_RELEASE_BUDGET_MS + teardown + (backup.quitBudgetMs ?? DEFAULT_BACKUP_SETTINGS.quitBudgetMs) + 1_000;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const log = opts.log ?? createLogger();
  // Private before anything is written; one app per data folder, whatever the host (main/dataLock.ts).
  privateDataFolder(opts.dataDir);
  const lock = acquireDataLock(opts.dataDir);
  opts.logFile?.open(join(opts.dataDir, 'logs'));
  const database = openDatabase(opts.dataDir, lock);
  const events = new EventHub(log);
  const sessionsDir = join(opts.dataDir, 'sessions');
  const settings: SessionSettings = { ...DEFAULT_SESSION_SETTINGS, ...opts.engine, timeouts: { ...DEFAULT_SESSION_SETTINGS.timeouts, ...opts.engine?.timeouts } };
  // One secret store (store and proxy passwords): it rewrites its whole file, so two would undo each other's writes.
  const protector = opts.keyProtector ?? new FileKeyProtector(join(opts.dataDir, 'keys', 'local.key'));
  const secrets = new SecretStore(join(opts.dataDir, 'keys', 'secrets.json'), protector);
  const accounts = new AccountManager({
    repo: new AccountsRepo(database.db),
    proxyRepo: new ProxyRepo(database.db),
    secrets,
    sessionsDir,
    settings,
    findBrowser: opts.findBrowser ?? appBrowserFinder(opts.browserPath, opts.bundledBrowserDir),
    // With backup on, an account starts only where it holds the store's lease (built just below).
    startGate: (id, o) => backup.startGate(id, o),
    log,
  });
  const { backup, restores, stores, files, transfers } = createBackup(opts, database, accounts, sessionsDir, log, { protector, secrets });
  const view = createAccountView(accounts, backup, (list) => events.emit('accounts.changed', list));
  accounts.on('attention', (notice) => events.emit('accounts.attention', notice));
  const activity = createActivityView(accounts, accounts.messaging, new MessageNoticeRepo(database.db), {
    announce: (list) => events.emit('accounts.activity', list),
    notify: (notice) => events.emit('accounts.message', notice),
  });
  backup.on('key', (key) => events.emit('backup.changed', key));
  backup.on('saved', (saved) => events.emit('backup.saved', saved));
  stores.on('changed', (list) => events.emit('stores.changed', list));
  const unguard = opts.guardProcess === false ? () => {} : installEngineGuards(log, () => accounts.list().map((a) => a.id));
  const info = (): AppInfo => appInfo(opts);
  const diagnostics = appDiagnostics({ ...opts, info, view, accounts, stores, log });
  const api = new ApiService({ repo: new ApiRepo(database.db), accounts, messaging: accounts.messaging, backup, log, version: packageVersion('app'), protector });
  api.on('changed', (status) => events.emit('api.changed', status));
  api.on('delivery', (delivery) => events.emit('api.delivery', delivery));
  const registry = new CommandRegistry({ ...commandHandlers({ accounts, backup, restores, files, transfers, stores, view, activity, api, info, diagnostics }), 'app.checkForUpdates': opts.desktop?.checkForUpdates ?? browserModeUpdateCheck }, log);

  let stopped = false;
  return {
    registry,
    accounts,
    backup,
    transfers,
    api,
    events,
    info,
    account: (id) => view.get(id),
    async start() {
      // Backup follows the accounts' states before the first of them starts.
      backup.start();
      await api.start();
      if (opts.autoStart !== false) void accounts.start().catch((err: unknown) => log.error('starting accounts failed', { error: String(err) }));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Leases first (another computer may take over even if the host's budget runs out), then the
      // browsers (a closed profile is consistent), then the last backups, then the database. Each step
      // has its own budget and together they fit STOP_BUDGET_MS.
      await backup.releaseLeases();
      // Scripts stop being served before their accounts go away.
      await api.stop();
      await accounts.stop();
      await backup.stop();
      unguard();
      database.close();
      lock.release();
      await opts.logFile?.close();
    },
  };
}

function createBackup(opts: AppOptions, database: AppDatabase, accounts: AccountManager, sessionsDir: string, log: Logger, { protector, secrets }: { protector: KeyProtector; secrets: SecretStore }) {
  const keysDir = join(opts.dataDir, 'keys');
  // Backup work space: whatever a crash left there is stale, so start it empty.
  const workDir = join(opts.dataDir, 'tmp');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const keyring = new DataKeyring({ file: join(keysDir, 'backup-key.json'), protector });
  const repo = new BackupRepo(database.db);
  const stores = new StoreRegistry(repo, secrets);
  const engine = new BackupEngine({ keyring, workDir, app: { name: 'WA Accounts', version: packageVersion('app') }, libraryVersion: packageVersion('whatsapp-web.js/package.json') });
  const backup = new BackupService({
    repo,
    accounts,
    stores,
    engine,
    keyring,
    installIdFile: join(keysDir, 'install-id'),
    settings: { ...DEFAULT_BACKUP_SETTINGS, ...opts.backup },
    log,
  });
  const restores = new RestoreService({ repo, accounts, stores, engine, sessionsDir });
  const transfers = new FileTransfers({ workDir, app: { name: 'WA Accounts', version: packageVersion('app') }, libraryVersion: packageVersion('whatsapp-web.js/package.json') });
  const files = new AccountFiles({ accounts, transfers, keyring, sessionsDir, workDir });
  return { backup, restores, stores, files, transfers };
}

interface Services {
  accounts: AccountManager;
  backup: BackupService;
  restores: RestoreService;
  files: AccountFiles;
  transfers: FileTransfers;
  stores: StoreRegistry;
  view: AccountView;
  activity: ActivityView;
  api: ApiService;
  info: () => AppInfo;
  diagnostics: DiagnosticsExporter;
}

/**
 * Every command of the contract, to the service that does it; answers that are an Account carry its
 * backup status. Commands that change an account run one at a time per account (main/ipc/perAccount.ts);
 * Back up now is left out: its upload may take minutes and needs no more than its consistent copy.
 */
function commandHandlers({ accounts, backup, restores, files, transfers, stores, view, activity, api, info, diagnostics }: Services): Omit<Handlers, 'app.checkForUpdates'> {
  const queue = new PerAccountQueue();
  const one = <T,>(id: string, work: () => Promise<T> | T) => queue.run(id, work);
  return {
    'accounts.list': () => view.list(),
    'accounts.add': ({ label, temporary }) => view.join(accounts.add(label, { temporary: temporary === true })),
    'accounts.setProxy': ({ id, proxy }) => one(id, async () => view.join(await accounts.setProxy(id, proxy))),
    'accounts.rename': ({ id, label }) => one(id, () => view.join(accounts.rename(id, label))),
    'accounts.remove': ({ id }) => one(id, () => accounts.remove(id)),
    'accounts.start': ({ id }) => one(id, () => view.join(accounts.startAccount(id))),
    'accounts.stop': ({ id }) => one(id, async () => view.join(await accounts.stopAccount(id))),
    'accounts.logout': ({ id }) => one(id, async () => view.join(await accounts.logout(id))),
    'accounts.retry': ({ id }) => one(id, () => view.join(accounts.retry(id))),
    'accounts.linkWithPhone': ({ id, phoneNumber }) => one(id, () => view.join(accounts.linkWithPhone(id, phoneNumber))),
    'accounts.timeline': ({ id }) => accounts.timeline(id),
    'accounts.takeOver': ({ id }) => one(id, () => view.join(accounts.takeOver(id))),
    'accounts.activity': () => activity.list(),
    'accounts.markRead': ({ id }) => activity.markRead(id),
    'accounts.setMessageNotice': ({ id, enabled }) => one(id, () => activity.setMessageNotice(id, enabled)),
    'accounts.openWindow': ({ id }) => one(id, async () => ({ ...(await accounts.windows.open(id)), account: view.get(id) })),
    'accounts.closeWindow': ({ id }) => one(id, async () => {
      await accounts.windows.close(id);
      return view.get(id);
    }),
    // Not queued: a picture only reads the page, every few seconds, and must not wait behind a restart.
    'accounts.picture': ({ id }) => accounts.windows.picture(id),
    'stores.list': () => stores.list(),
    'stores.save': (input) => stores.save(input),
    'stores.remove': ({ id }) => stores.remove(id),
    'stores.test': (input) => stores.test(input),
    'backup.configure': (input) =>
      one(input.accountId, async () => {
        await backup.configure(input);
        return view.get(input.accountId);
      }),
    'backup.runNow': async ({ accountId }) => {
      await backup.runNow(accountId);
      return view.get(accountId);
    },
    'backup.keyStatus': () => backup.keyStatus(),
    'backup.setPassphrase': ({ passphrase }) => backup.setPassphrase(passphrase),
    'backup.listRemote': ({ storeId }) => restores.listRemote(storeId),
    'backup.restore': (input) => one(input.accountId, async () => view.join(await restores.restore(input))),
    'backup.scanRemote': ({ storeId }) => restores.scanRemote(storeId),
    'backup.upload': ({ uploadId, data }) => transfers.upload(uploadId, data),
    'backup.importFile': async (input) => view.join(await files.importFile(input)),
    'backup.export': (input) => one(input.accountId, () => files.exportAccount(input)),
    'backup.exportRead': ({ exportId, offset }) => transfers.readExport(exportId, offset),
    'app.info': () => info(),
    'app.exportDiagnostics': () => diagnostics.export(),
    ...apiHandlers(api),
  };
}

function appInfo(opts: AppOptions): AppInfo {
  return {
    name: 'WA Accounts',
    version: packageVersion('app'),
    dataDir: opts.dataDir,
    host: opts.host,
    codeSigning: opts.host === 'web' ? null : (opts.desktop?.codeSigning ?? 'development'),
    versions: {
      node: process.versions.node,
      electron: opts.versions?.electron ?? null,
      chrome: opts.versions?.chrome ?? null,
      whatsappWebJs: packageVersion('whatsapp-web.js/package.json'),
    },
  };
}

function openDatabase(dataDir: string, lock: DataLock): AppDatabase {
  try {
    return AppDatabase.open(dataDir);
  } catch (err) {
    lock.release();
    throw err;
  }
}
