// Electron entry (built to dist/main/electron.cjs). The shell stays thin: the engine is main/index.ts,
// the same one the web host runs; this file adds the window, the IPC transport and the app lifecycle.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, session, shell as electronShell } from 'electron';
import { noBrowserLine } from '../browser/installCommand';
import { devHooks, type DevHooks } from '../devHooks';
import { createApp, stopBudgetMs, type App } from '../index';
import { createLogger, stderrSink, teeSink } from '../log';
import { LogFile } from '../logFile';
import { TimeoutError, withTimeout } from '../util/time';
import { serveAppRequest } from './appProtocol';
import { forwardAttention } from './attentionNotices';
import { keychainProtector } from './safeStorageProtector';
import { closeDevToolsWhenOpened, packagedMenuTemplate } from './devTools';
import { attachIpcTransport } from './ipcTransport';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security';
import { createMainWindow, focusWindow, guardWebContents, hardenSession } from './window';
import { desktopPrefs, importLegacyPrefs } from '../desktop/desktopPrefs';
import { tm } from '../i18n';
import { startDesktopShell, type DesktopShell } from './desktopShell';
import { desktopOptions } from './updater';

// dist/main/electron.cjs -> dist/preload/index.cjs and dist/renderer/
const preloadPath = path.join(__dirname, '../preload/index.cjs');
const rendererDir = path.join(__dirname, '../renderer');

// Every line also goes to <data folder>/logs (size-capped), which createApp opens once the folder is ours.
const logFile = new LogFile();
const log = createLogger(teeSink(stderrSink, logFile.sink));
let mainWindow: BrowserWindow | null = null;
let core: App | null = null;
let detachTransport: (() => void) | null = null;
let shell: DesktopShell | null = null;
let quitState: 'running' | 'stopping' | 'stopped' = 'running';
// A packaged app ignores the WA_ACCOUNTS_* variables (main/devHooks.ts says why). In development a
// malformed one is reported by start() like any other reason the app cannot start.
const { hooks, hooksProblem } = readDevHooks();
// Before the single-instance lock, which is taken on the userData folder.
if (hooks.dataDir) app.setPath('userData', hooks.dataDir);

function stopTimeoutMs(): number {
  return stopBudgetMs(hooks.engine) + 1_000;
}

function readDevHooks(): { hooks: DevHooks; hooksProblem: string | null } {
  try {
    return { hooks: devHooks(process.env, app.isPackaged), hooksProblem: null };
  } catch (err) {
    return { hooks: devHooks({}, app.isPackaged), hooksProblem: err instanceof Error ? err.message : String(err) };
  }
}

// Both must happen before 'ready': the scheme's privileges, and the sandbox for every renderer.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

function openWindow(): BrowserWindow {
  const win = createMainWindow(preloadPath, log, { packaged: app.isPackaged });
  // Closing keeps the accounts running behind the tray (main/desktop/closePolicy.ts decides).
  win.on('close', (event) => {
    const decision = shell?.onClose(quitState !== 'running') ?? { action: 'close' };
    if (decision.action === 'close') return;
    event.preventDefault();
    if (decision.action === 'quit') app.quit();
    else win.hide();
  });
  // Windows logging off or shutting down: quit in order instead of hiding.
  win.on('session-end', () => app.quit());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  shell?.refresh();
  return win;
}

/** Tray "Show", a notification's click, a second launch, the Dock: the window, opened if needed, in front. */
function showWindow(): void {
  if (mainWindow) focusWindow(mainWindow);
  else if (app.isReady() && core) openWindow();
}

async function start(): Promise<void> {
  await app.whenReady();
  // Electron's default menu offers DevTools and reload: a packaged app gets one without them.
  if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate(process.platform)));
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererDir, request.method));

  const { browserPath } = hooks;
  const bundledBrowserDir = app.isPackaged ? path.join(process.resourcesPath, 'browser') : null;
  try {
    if (hooksProblem) throw new Error(hooksProblem);
    core = await createApp({
      dataDir: app.getPath('userData'),
      host: 'electron',
      versions: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
      log,
      logFile,
      engine: hooks.engine,
      browserPath,
      bundledBrowserDir,
      // Backup key and store secrets behind the OS keychain where there is one (else a 0600 key file).
      ...keychainOption(),
      desktop: { ...desktopOptions(log), openFolder: openFolder },
      systemLocale: [app.getLocale(), ...app.getPreferredSystemLanguages()],
    });
    await core.start();
    // Each account says what to install; this line tells whoever started the app from a terminal (the
    // accounts' own search: a browser chosen in Settings counts).
    if (!core.findBrowser()) console.log(noBrowserLine());
    // The menu was built before the language setting was read; build it again in that language, and on each change.
    const appMenu = () => app.isPackaged && Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate(process.platform)));
    appMenu();
    core.events.subscribe((name) => name === 'settings.changed' && appMenu());
  } catch (err) {
    // E.g. a database written by a newer version: say so and leave the data untouched.
    const message = err instanceof Error ? err.message : String(err);
    log.error('could not start', { message });
    dialog.showErrorBox(tm('app.startFailedTitle'), message);
    await core?.stop().catch(() => undefined);
    quitState = 'stopped';
    app.exit(1);
    return;
  }

  detachTransport = attachIpcTransport({
    ipcMain,
    getWindow: () => mainWindow,
    registry: core.registry,
    events: core.events,
    log,
  });
  if (process.platform === 'win32') app.setAppUserModelId('app.waaccounts.desktop');
  forwardAttention(
    core.events,
    ({ title, body, onClick }) => {
      // Settings' "Desktop notifications" off: the notices stay in the window only.
      if (!Notification.isSupported() || !core?.settings.get().notifications) return;
      const n = new Notification({ title, body });
      n.on('click', onClick);
      n.show();
    },
    showWindow,
  );
  // The tray, its menu and the badge (attention and unread totals), start at login: choices kept in the settings.
  try {
    await importLegacyPrefs(app.getPath('userData'), core.settings, log);
    shell = await startDesktopShell({ core, prefs: desktopPrefs(core.settings), log, platform: process.platform, getWindow: () => mainWindow, show: showWindow });
  } catch (err) {
    // Without a tray a hidden window could not be found again: closing it then quits, as before.
    log.error('could not create the tray icon', { error: err instanceof Error ? err.message : String(err) });
  }
  if (!shell?.startHidden) openWindow();
}

/** "Open data folder" in Settings: the OS file manager; Electron answers a reason instead of throwing. */
async function openFolder(folder: string): Promise<void> {
  const problem = await electronShell.openPath(folder);
  if (problem) throw new Error(problem);
}

function keychainOption(): { keyProtector?: NonNullable<ReturnType<typeof keychainProtector>> } {
  const protector = keychainProtector(safeStorage);
  if (!protector) log.warn('no OS keychain available; backup keys are kept in a key file readable only by this user');
  return protector ? { keyProtector: protector } : {};
}

async function shutdown(): Promise<void> {
  detachTransport?.();
  detachTransport = null;
  shell?.stop();
  shell = null;
  if (!core) return;
  try {
    // The engine says what its stop needs (leases, browsers, last backups); give it that and a second more.
    await withTimeout(core.stop(), stopTimeoutMs());
  } catch (err) {
    if (err instanceof TimeoutError) log.warn('stop took too long; quitting anyway', { ms: stopTimeoutMs() });
    else log.error('error while stopping', { message: err instanceof Error ? err.message : String(err) });
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folder; it gets 'second-instance' and comes to the front.
  app.exit(0);
} else {
  app.on('second-instance', showWindow);

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents);
    if (app.isPackaged) closeDevToolsWhenOpened(contents);
  });

  // Listening is what keeps Electron from quitting when the last window goes: the accounts keep running
  // behind the tray. A quit on close is asked for by the window's 'close' (closePolicy), never here.
  app.on('window-all-closed', () => {
    if (!shell && quitState === 'running' && process.platform !== 'darwin') app.quit();
  });

  // macOS: a click on the Dock icon brings the (possibly hidden) window back.
  app.on('activate', showWindow);

  // Graceful quit: hold the quit until the engine has stopped (accounts closed, database closed).
  app.on('before-quit', (event) => {
    if (quitState === 'stopped') return;
    event.preventDefault();
    if (quitState === 'stopping') return;
    quitState = 'stopping';
    void shutdown().finally(() => {
      quitState = 'stopped';
      app.quit();
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  start().catch((err: unknown) => {
    log.error('startup failed', { message: err instanceof Error ? err.message : String(err) });
    app.exit(1);
  });
}
