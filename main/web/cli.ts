// `npm run web` (and `npm start` where no Electron binary can be had): the same app, served to a browser.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { noBrowserLine } from '../browser/installCommand';
import { devEngineFromEnv } from '../devHooks';
import { createApp } from '../index';
import { createLogger, stderrSink, teeSink } from '../log';
import { LogFile } from '../logFile';
import { WebHost } from './WebHost';

const USAGE = 'Usage: node dist/main/web.cjs [--port N] [--host 127.0.0.1] [--data-dir DIR]';

/** Where Electron would keep userData for this app, so both hosts share one data folder by default. */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  const name = 'WA Accounts';
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), name);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) return void console.log(USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535 (got "${values.port}").\n${USAGE}`);
    process.exit(2);
  }
  // Every line also goes to <data folder>/logs (size-capped), which createApp opens once the folder is ours.
  const logFile = new LogFile();
  const log = createLogger(teeSink(stderrSink, logFile.sink));
  const dataDir = resolve(values['data-dir'] ?? process.env.WA_ACCOUNTS_DATA_DIR ?? defaultDataDir());
  const browserPath = process.env.WA_ACCOUNTS_BROWSER ?? null;
  const app = await createApp({ dataDir, host: 'web', log, logFile, engine: devEngineFromEnv(), browserPath });
  const host = new WebHost({
    registry: app.registry,
    events: app.events,
    rendererDir: resolve(__dirname, '../renderer'),
    host: values.host ?? '127.0.0.1',
    port,
    log,
    exports: app.transfers,
  });
  await host.start();
  await app.start();
  const bind = values.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(bind)) {
    console.warn(`Warning: listening on ${bind}: anyone who can reach this address and has the link can use the app, and the traffic (the link's token included) is plain HTTP that others on the network can read. Use it only on a network you trust.`);
  }
  console.log(`Data folder: ${dataDir}`);
  // The same search the accounts use, so a browser chosen in Settings counts.
  if (!app.findBrowser()) console.log(noBrowserLine());
  console.log(`Open ${host.url}`);
  for (const other of host.urls.slice(1)) console.log(`  or, from another device: ${other}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.stop();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  console.error(e.code === 'DATABASE_TOO_NEW' || e.code === 'DATA_FOLDER_IN_USE' || e.code === 'EADDRINUSE' ? e.message : `The web host could not start: ${e.message ?? String(err)}`);
  process.exit(1);
});
