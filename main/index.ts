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
import { appBrowserFinder, type BrowserChoice, type BrowserFinder } from './browser/findBrowser';
import { BackupRepo } from './db/BackupRepo';
import { AccountsRepo } from './db/AccountsRepo';
import { ProxyRepo } from './db/ProxyRepo';
import { AppDatabase } from './db/AppDatabase';
import { CommandRegistry } from './ipc/CommandRegistry';
import { EventHub } from './ipc/EventHub';
import { createLogger, type Logger } from './log';
import { packageVersion } from './packageVersion';
import { acquireDataLock, type DataLock } from './dataLock';
import { privateDataFolder } from './fileModes';
import { createAccountView, type AccountView } from './accountView';
import { ApiService } from './api/ApiService';
import { ApiRepo } from './db/ApiRepo';
import { createActivityView } from './accountActivity';
import { appDiagnostics } from './diagnostics/DiagnosticsExporter';
import type { LogFile } from './logFile';
import { MessageNoticeRepo } from './db/MessageNoticeRepo';
import { browserModeUpdateCheck, type DesktopOptions } from './desktop/updateCheck';
import { commandHandlers } from './commands';
import { SettingsRepo } from './db/SettingsRepo';
import { SettingsService } from './settings/SettingsService';
import { settingsHandlers } from './settings/commands';
import { checkBrowser } from './browser/checkBrowser';
import { setMainLanguage } from './i18n';

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
  /** The computer's language(s), for the language setting 'system' (Electron: app.getLocale(); default: Intl's). */
  systemLocale?: string | readonly string[];
}

export interface App {
  registry: CommandRegistry;
  accounts: AccountManager;
  backup: BackupService;
  /** Exports waiting to be fetched once (the web host serves them at EXPORT_PATH). */
  transfers: FileTransfers;
  /** The local API for scripts (off until the user turns it on). */
  api: ApiService;
  /** The Settings screen's choices (SQLite); the desktop shell follows them too. */
  settings: SettingsService;
  /** The accounts' browser search as it stands (the setting first): null when no account could start. */
  findBrowser: BrowserFinder;
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
  const { protector, secrets } = keyStores(opts);
  const workDir = join(opts.dataDir, 'tmp');
  const { settings, findBrowser } = createSettings(opts, database, events, workDir, log);
  const accounts = new AccountManager({
    repo: new AccountsRepo(database.db),
    proxyRepo: new ProxyRepo(database.db),
    secrets,
    sessionsDir,
    settings: sessionSettingsOf(opts),
    findBrowser,
    // With backup on, an account starts only where it holds the store's lease (built just below).
    startGate: (id, o) => backup.startGate(id, o),
    log,
  });
  const { backup, restores, stores, files, transfers } = createBackup(opts, database, accounts, sessionsDir, log, { protector, secrets, workDir, settings });
  const view = createAccountView(accounts, backup, (list) => events.emit('accounts.changed', list));
  accounts.on('attention', (notice) => events.emit('accounts.attention', notice));
  const activity = createActivityView(accounts, accounts.messaging, new MessageNoticeRepo(database.db), {
    announce: (list) => events.emit('accounts.activity', list),
    // Desktop notifications off in Settings: no new-message notice leaves main.
    notify: (notice) => settings.get().notifications && events.emit('accounts.message', notice),
  });
  forwardBackupEvents(backup, stores, events);
  const unguard = opts.guardProcess === false ? () => {} : installEngineGuards(log, () => accounts.list().map((a) => a.id));
  const info = (): AppInfo => appInfo(opts);
  const diagnostics = appDiagnostics({ ...opts, info, view, accounts, stores, settings, log });
  const api = new ApiService({ repo: new ApiRepo(database.db), accounts, messaging: accounts.messaging, backup, log, version: packageVersion('app'), protector });
  forwardEvents(api, settings, view, events);
  const registry = new CommandRegistry({
    ...commandHandlers({ accounts, backup, restores, files, transfers, stores, view, activity, api, info, diagnostics }),
    ...settingsHandlers({ settings, findBrowser, bundledBrowserDir: opts.bundledBrowserDir, dataDir: opts.dataDir, workDir, openFolder: opts.desktop?.openFolder }),
    'app.checkForUpdates': opts.desktop?.checkForUpdates ?? browserModeUpdateCheck,
  }, log);

  let stopped = false;
  return {
    registry,
    accounts,
    backup,
    transfers,
    api,
    settings,
    findBrowser,
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

interface BackupParts {
  protector: KeyProtector;
  secrets: SecretStore;
  workDir: string;
  settings: SettingsService;
}

/** One secret store (store and proxy passwords): it rewrites its whole file, so two would undo each other's writes. */
function keyStores(opts: AppOptions): { protector: KeyProtector; secrets: SecretStore } {
  const protector = opts.keyProtector ?? new FileKeyProtector(join(opts.dataDir, 'keys', 'local.key'));
  return { protector, secrets: new SecretStore(join(opts.dataDir, 'keys', 'secrets.json'), protector) };
}

function forwardEvents(api: ApiService, settings: SettingsService, view: AccountView, events: EventHub): void {
  api.on('changed', (status) => events.emit('api.changed', status));
  api.on('delivery', (delivery) => events.emit('api.delivery', delivery));
  // A new default backup interval shows on every account that has no backup yet.
  settings.on('changed', () => events.emit('accounts.changed', view.list()));
}

function forwardBackupEvents(backup: BackupService, stores: StoreRegistry, events: EventHub): void {
  backup.on('key', (key) => events.emit('backup.changed', key));
  backup.on('saved', (saved) => events.emit('backup.saved', saved));
  stores.on('changed', (list) => events.emit('stores.changed', list));
}

function sessionSettingsOf(opts: AppOptions): SessionSettings {
  return { ...DEFAULT_SESSION_SETTINGS, ...opts.engine, timeouts: { ...DEFAULT_SESSION_SETTINGS.timeouts, ...opts.engine?.timeouts } };
}

function createSettings(opts: AppOptions, database: AppDatabase, events: EventHub, workDir: string, log: Logger) {
  const settings = new SettingsService({ repo: new SettingsRepo(database.db), checkBrowser: (path) => checkBrowser(path, { workDir }), log });
  // Main's own words (tray, notifications) in the chosen language, from the start and after each change.
  const locale = opts.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale;
  setMainLanguage(settings.get().language, locale);
  settings.on('changed', (value) => {
    setMainLanguage(value.language, locale);
    events.emit('settings.changed', value);
  });
  // The user's browser (Settings) first, read at each start; then the host's (a development variable).
  const findBrowser = opts.findBrowser ?? appBrowserFinder(() => settings.get().browserPath ?? opts.browserPath, opts.bundledBrowserDir);
  return { settings, findBrowser };
}

function createBackup(opts: AppOptions, database: AppDatabase, accounts: AccountManager, sessionsDir: string, log: Logger, { protector, secrets, workDir, settings }: BackupParts) {
  const keysDir = join(opts.dataDir, 'keys');
  // Work space (backups, browser checks): whatever a crash left there is stale, so start it empty.
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const keyring = new DataKeyring({ file: join(keysDir, 'backup-key.json'), protector });
  // An account whose backup was never set up starts from the interval chosen in Settings.
  const repo = new BackupRepo(database.db, () => settings.get().backupIntervalMin);
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
