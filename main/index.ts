// Composition root: builds every service once, wires them, owns the start/stop order.
// Plain Node: the same engine runs under Vitest, inside the web host and inside Electron.
import { createRequire } from 'node:module';
import type { AppInfo } from '../preload/contract';
import { AccountManager } from './accounts/AccountManager';
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
}

export interface App {
  registry: CommandRegistry;
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
  const accounts = new AccountManager(new AccountsRepo(database.db));
  accounts.on('changed', (list) => events.emit('accounts.changed', list));

  const info = (): AppInfo => ({
    name: 'WA Accounts',
    version: packageVersion('../package.json'),
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
      'app.info': () => info(),
    },
    log,
  );

  let stopped = false;
  return {
    registry,
    events,
    info,
    async start() {},
    async stop() {
      if (stopped) return;
      stopped = true;
      database.close();
    },
  };
}

function packageVersion(spec: string): string {
  // Built code lives in dist/main/, sources in main/: both are one folder below the project root.
  const candidates = spec.startsWith('..') ? [spec, '../' + spec] : [spec];
  for (const c of candidates) {
    try {
      return (requireHere(c) as { version: string }).version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}
