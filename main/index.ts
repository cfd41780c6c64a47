// Composition root: builds every service once, wires them, owns the start/stop order.
// Plain Node: the same engine runs under Vitest, inside the web host and inside Electron.
import { createRequire } from 'node:module';
import type { AppInfo } from '../preload/contract';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AccountManager } from './accounts/AccountManager';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from './accounts/AccountSession';
import { installEngineGuards } from './accounts/engineGuards';
import { BackupEngine } from './backup/BackupEngine';
import { BackupService, DEFAULT_BACKUP_SETTINGS, type BackupSettings } from './backup/BackupService';
import { DataKeyring, FileKeyProtector, type KeyProtector } from './backup/crypto/keys';
import { SecretStore } from './backup/SecretStore';
import { StoreRegistry } from './backup/StoreRegistry';
import { findBrowser, type BrowserChoice } from './browser/findBrowser';
import { BackupRepo } from './db/BackupRepo';
import { AccountsRepo } from './db/AccountsRepo';
import { AppDatabase } from './db/AppDatabase';
import { CommandRegistry } from './ipc/CommandRegistry';
import { EventHub } from './ipc/EventHub';
import { createLogger, type Logger } from './log';

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
}

export interface App {
  registry: CommandRegistry;
  accounts: AccountManager;
  backup: BackupService;
  events: EventHub;
  info(): AppInfo;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const requireHere = createRequire(__filename);

export async function createApp(opts: AppOptions): Promise<App> {
  const log = opts.log ?? createLogger();
  const database = AppDatabase.open(opts.dataDir);
  const events = new EventHub(log);
  const settings: SessionSettings = { ...DEFAULT_SESSION_SETTINGS, ...opts.engine, timeouts: { ...DEFAULT_SESSION_SETTINGS.timeouts, ...opts.engine?.timeouts } };
  const accounts = new AccountManager({
    repo: new AccountsRepo(database.db),
    sessionsDir: join(opts.dataDir, 'sessions'),
    settings,
    // 'none' (development hook) runs the app with no browser at all: accounts explain what to install.
    findBrowser: opts.findBrowser ?? (opts.browserPath === 'none' ? () => null : () => findBrowser({ setting: opts.browserPath, bundledDir: opts.bundledBrowserDir })),
    log,
  });
  accounts.on('changed', (list) => events.emit('accounts.changed', list));
  accounts.on('attention', (notice) => events.emit('accounts.attention', notice));
  const keysDir = join(opts.dataDir, 'keys');
  // Backup work space: whatever a crash left there is stale, so start it empty.
  const workDir = join(opts.dataDir, 'tmp');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const protector = opts.keyProtector ?? new FileKeyProtector(join(keysDir, 'local.key'));
  const keyring = new DataKeyring({ file: join(keysDir, 'backup-key.json'), protector });
  const backupRepo = new BackupRepo(database.db);
  const stores = new StoreRegistry(backupRepo, new SecretStore(join(keysDir, 'secrets.json'), protector));
  const backup = new BackupService({
    repo: backupRepo,
    accounts,
    stores,
    engine: new BackupEngine({ keyring, workDir, app: { name: 'WA Accounts', version: packageVersion('app') }, libraryVersion: packageVersion('whatsapp-web.js/package.json') }),
    keyring,
    sessionsDir: join(opts.dataDir, 'sessions'),
    installIdFile: join(keysDir, 'install-id'),
    settings: { ...DEFAULT_BACKUP_SETTINGS, ...opts.backup },
    log,
  });
  const unguard = opts.guardProcess === false ? () => {} : installEngineGuards(log, () => accounts.list().map((a) => a.id));

  const info = (): AppInfo => ({
    name: 'WA Accounts',
    version: packageVersion('app'),
    dataDir: opts.dataDir,
    host: opts.host,
    versions: {
      node: process.versions.node,
      electron: opts.versions?.electron ?? null,
      chrome: opts.versions?.chrome ?? null,
      whatsappWebJs: packageVersion('whatsapp-web.js/package.json'),
    },
  });

  const registry = new CommandRegistry(
    {
      'accounts.list': () => accounts.list(),
      'accounts.add': ({ label }) => accounts.add(label),
      'accounts.rename': ({ id, label }) => accounts.rename(id, label),
      'accounts.remove': ({ id }) => accounts.remove(id),
      'accounts.start': ({ id }) => accounts.startAccount(id),
      'accounts.stop': ({ id }) => accounts.stopAccount(id),
      'accounts.logout': ({ id }) => accounts.logout(id),
      'accounts.retry': ({ id }) => accounts.retry(id),
      'accounts.linkWithPhone': ({ id, phoneNumber }) => accounts.linkWithPhone(id, phoneNumber),
      'accounts.timeline': ({ id }) => accounts.timeline(id),
      'accounts.takeOver': ({ id }) => accounts.takeOver(id),
      'stores.list': () => stores.list(),
      'stores.save': (input) => stores.save(input),
      'stores.remove': ({ id }) => stores.remove(id),
      'stores.test': (input) => stores.test(input),
      'backup.configure': (input) => backup.configure(input),
      'backup.runNow': ({ accountId }) => backup.runNow(accountId),
      'backup.keyStatus': () => backup.keyStatus(),
      'backup.setPassphrase': ({ passphrase }) => backup.setPassphrase(passphrase),
      'backup.listRemote': ({ storeId }) => backup.listRemote(storeId),
      'backup.restore': (input) => backup.restore(input),
      'app.info': () => info(),
    },
    log,
  );

  let stopped = false;
  return {
    registry,
    accounts,
    backup,
    events,
    info,
    async start() {
      if (opts.autoStart !== false) void accounts.start().catch((err: unknown) => log.error('starting accounts failed', { error: String(err) }));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Browsers first (a closed profile is consistent), then the last backups, then the database.
      await accounts.stop();
      await backup.stop();
      unguard();
      database.close();
    },
  };
}

function packageVersion(spec: string): string {
  try {
    if (spec === 'app') return (requireHere(appPackageJson()) as { version: string }).version;
    return (requireHere(spec) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The app's own package.json: sources, built chunks and the packaged asar sit at different depths below it. */
function appPackageJson(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'wa-accounts') return candidate;
    if (dirname(dir) === dir) throw new Error('package.json not found');
  }
}
