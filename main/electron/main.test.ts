// main.ts wired against a stand-in 'electron' module (no binary here) and the real engine
// (createApp with a temp data folder): what the desktop app does at start, on a call, on quit.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type Result } from '../../preload/contract';
import BetterSqlite3 from 'better-sqlite3';
import { trayIconPng } from '../desktop/trayIcon';
import { DATABASE_FILE } from '../db/AppDatabase';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

type Handler = (event: unknown, command: unknown, input?: unknown) => Promise<Result<unknown>>;

function fakeElectron(opts: { gotLock: boolean; userData: string; packaged: boolean; trayFails?: boolean; locale: string }) {
  const calls: string[] = [];
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, Handler>();
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));

  class FakeContents extends EventEmitter {
    mainFrame = { url: APP_ENTRY_URL, processId: 11, routingId: 1 };
    sent: unknown[][] = [];
    windowOpenHandler: (() => unknown) | null = null;
    closeDevTools = vi.fn();
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isDestroyed() {
      return false;
    }
    setWindowOpenHandler(h: () => unknown) {
      this.windowOpenHandler = h;
    }
  }
  class FakeWindow extends EventEmitter {
    static getAllWindows = () => windows;
    webContents = new FakeContents();
    loaded: string | null = null;
    visible = true;
    overlay: string | null = null;
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isVisible() {
      return this.visible;
    }
    focus() {
      calls.push('focus');
    }
    restore() {}
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
      calls.push('hide');
    }
    setOverlayIcon(_icon: unknown, description: string) {
      this.overlay = description || null;
    }
    /** What clicking the window's close button does: 'close' (which may be prevented), then 'closed'. */
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      windows.splice(windows.indexOf(this), 1);
      this.emit('closed');
      if (windows.length === 0) app.emit('window-all-closed');
    }
  }
  type Template = Array<{ id?: string; label?: string; type?: string; enabled?: boolean; checked?: boolean; click?: (item: { checked: boolean }) => void }>;
  class FakeTray extends EventEmitter {
    menu: Template = [];
    tooltip = '';
    destroyed = false;
    constructor(public image: unknown) {
      super();
      if (opts.trayFails) throw new Error('no status area on this desktop');
      trays.push(this);
    }
    setContextMenu(m: { template: Template }) {
      this.menu = m.template;
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setImage(image: unknown) {
      this.image = image;
    }
    displayBalloon() {}
    destroy() {
      this.destroyed = true;
    }
    /** Clicks the menu item `id` (a checkbox flips, as Electron flips it before the click). */
    choose(id: string) {
      const item = this.menu.find((i) => i.id === id);
      if (!item?.click || item.enabled === false) throw new Error(`menu item ${id} cannot be clicked`);
      item.click({ checked: item.type === 'checkbox' ? !item.checked : false });
    }
    labels() {
      return this.menu.filter((i) => i.label).map((i) => i.label!);
    }
    checked(id: string) {
      return this.menu.find((i) => i.id === id)?.checked;
    }
  }
  const trays: FakeTray[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  const loginItems: unknown[] = [];

  const paths: Record<string, string> = { userData: opts.userData };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: opts.packaged,
    setPath: (name: string, value: string) => {
      calls.push(`setPath ${name}`);
      paths[name] = value;
    },
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => opts.gotLock,
    whenReady: () => readyPromise,
    isReady: () => true,
    getPath: (name: string) => paths[name] ?? `/nonexistent/${name}`,
    exit: vi.fn((code: number) => calls.push(`exit ${code}`)),
    getVersion: () => '0.1.0',
    getLocale: () => opts.locale,
    getPreferredSystemLanguages: () => [opts.locale],
    setBadgeCount: vi.fn(() => true),
    dock: { setBadge: vi.fn() },
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
    setLoginItemSettings: (settings: unknown) => loginItems.push(settings),
    quit: vi.fn(() => {
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      calls.push(prevented ? 'quit held' : 'quit');
    }),
  });
  type PermissionRequest = (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
  type PermissionCheck = (wc: unknown, p: string) => boolean;
  type HeadersHook = (d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
  const session: {
    permissionRequest: PermissionRequest | null;
    permissionCheck: PermissionCheck | null;
    headers: HeadersHook | null;
    setPermissionRequestHandler(h: PermissionRequest): void;
    setPermissionCheckHandler(h: PermissionCheck): void;
    setDevicePermissionHandler(): void;
    webRequest: { onHeadersReceived(h: HeadersHook): void };
  } = {
    permissionRequest: null,
    permissionCheck: null,
    headers: null,
    setPermissionRequestHandler(h) {
      session.permissionRequest = h;
    },
    setPermissionCheckHandler(h) {
      session.permissionCheck = h;
    },
    setDevicePermissionHandler() {},
    webRequest: {
      onHeadersReceived(h) {
        session.headers = h;
      },
    },
  };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: Array<{ scheme: string }>) => calls.push(`privileged ${schemes.map((s) => s.scheme).join()}`),
    handle: (scheme: string) => calls.push(`handle ${scheme}`),
  };
  const menu: { template: Array<{ role?: string }> | null } = { template: null };
  const module = {
    app,
    Menu: {
      buildFromTemplate: (template: Array<{ role?: string }>) => ({ template }),
      setApplicationMenu: (m: { template: Array<{ role?: string }> }) => (menu.template = m.template),
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (c: string, h: Handler) => handlers.set(c, h), removeHandler: (c: string) => handlers.delete(c) },
    protocol,
    session: { defaultSession: session },
    dialog: { showErrorBox: (title: string) => calls.push(`error box ${title}`), showMessageBox: vi.fn(async () => ({ response: 0 })) },
    Notification: class {
      static isSupported = () => true;
      constructor(private readonly options: { title: string; body: string }) {}
      on() {}
      show() {
        notifications.push(this.options);
      }
    },
    Tray: FakeTray,
    nativeImage: { createFromBuffer: (buffer: Buffer) => ({ png: buffer.length }) },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    shell: {
      openPath: vi.fn(async (folder: string) => {
        calls.push(`open ${folder}`);
        return '';
      }),
    },
  };
  return { module, app, calls, windows, handlers, session, menu, ready, trays, notifications, loginItems };
}

const dirs: string[] = [];
const booted: Array<ReturnType<typeof fakeElectron>> = [];
afterEach(async () => {
  // Quit every instance a test left running, so its database is closed before its folder goes.
  for (const fake of booted.splice(0)) {
    if (fake.calls.at(-1) === 'quit' || fake.calls.some((c) => c.startsWith('exit'))) continue;
    fake.app.quit();
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
  }
  vi.resetModules();
  vi.doUnmock('electron');
  vi.unstubAllEnvs();
  delete (process as { resourcesPath?: string }).resourcesPath;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function boot(gotLock = true, { packaged = false, window = gotLock, trayFails = false, locale = 'en-US', before = (_userData: string) => {} } = {}) {
  // No browser in these tests: an added account must not try to reach WhatsApp (it reports what to install).
  vi.stubEnv('WA_ACCOUNTS_BROWSER', 'none');
  const userData = mkdtempSync(path.join(tmpdir(), 'electron-main-'));
  dirs.push(userData);
  // Where a packaged app's resources are (Electron sets it; plain Node has none).
  if (packaged) Object.assign(process, { resourcesPath: path.join(userData, 'no-resources') });
  before(userData);
  const fake = fakeElectron({ gotLock, userData, packaged, trayFails, locale });
  booted.push(fake);
  vi.doMock('electron', () => fake.module);
  await import('./main');
  fake.ready();
  await vi.waitFor(() => {
    if (window && fake.windows.length === 0) throw new Error('no window yet');
  });
  return fake;
}

describe('Electron main process', () => {
  it('registers the app:// scheme and the sandbox before ready, then opens one hardened window on the app page', async () => {
    const fake = await boot();
    expect(fake.calls.slice(0, 2)).toEqual([`privileged ${APP_SCHEME}`, 'enableSandbox']);
    expect(fake.calls).toContain(`handle ${APP_SCHEME}`);
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loaded).toBe(APP_ENTRY_URL);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(win.options.webPreferences.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
  });

  it('denies permissions, navigation and new windows, and forces the CSP on responses', async () => {
    const fake = await boot();
    const answer = vi.fn();
    fake.session.permissionRequest!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(fake.session.permissionCheck!({}, 'notifications')).toBe(false);
    const headers = vi.fn();
    fake.session.headers!({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    const contents = fake.windows[0]!.webContents;
    const nav = { preventDefault: vi.fn() };
    contents.emit('will-navigate', nav, 'https://example.com/');
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!()).toEqual({ action: 'deny' });
  });

  it('serves the contract over IPC to the app window, keeps the data in userData, and forwards events', async () => {
    const fake = await boot();
    const contents = fake.windows[0]!.webContents;
    const fromApp = { sender: contents, senderFrame: contents.mainFrame };
    const invoke = fake.handlers.get(IPC_INVOKE)!;
    const added = await invoke(fromApp, 'accounts.add', { label: '  Work  ' });
    expect(added).toMatchObject({ ok: true, value: { label: 'Work' } });
    expect(contents.sent.some(([channel, name]) => channel === IPC_EVENT && name === 'accounts.changed')).toBe(true);
    const info = await invoke(fromApp, 'app.info');
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir: fake.app.getPath('userData') } });
    const fromIframe = { sender: contents, senderFrame: { ...contents.mainFrame, routingId: 5 } };
    expect(await invoke(fromIframe, 'accounts.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('holds the quit until the engine has stopped, then quits', async () => {
    const fake = await boot();
    fake.app.quit();
    expect(fake.calls).toContain('quit held');
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
    expect(fake.app.quit).toHaveBeenCalledTimes(2);
    expect(fake.handlers.has(IPC_INVOKE)).toBe(false); // transport detached before the engine stopped
  });

  it('focuses the existing window on a second launch', async () => {
    const fake = await boot();
    fake.app.emit('second-instance');
    expect(fake.calls).toContain('focus');
    expect(fake.windows).toHaveLength(1);
  });

  it('exits at once, opening nothing, when another instance holds the lock', async () => {
    const fake = await boot(false);
    expect(fake.app.exit).toHaveBeenCalledWith(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('in development keeps Electron’s menu and DevTools, and honours WA_ACCOUNTS_DATA_DIR', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'electron-dev-data-'));
    dirs.push(dataDir);
    vi.stubEnv('WA_ACCOUNTS_DATA_DIR', dataDir);
    const fake = await boot();
    expect(fake.menu.template).toBeNull();
    expect(fake.windows[0]!.options.webPreferences.devTools).toBe(true);
    const contents = fake.windows[0]!.webContents;
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).not.toHaveBeenCalled();
    const info = await fake.handlers.get(IPC_INVOKE)!({ sender: contents, senderFrame: contents.mainFrame }, 'app.info');
    expect(info).toMatchObject({ ok: true, value: { dataDir } });
  });

  it('in development, a malformed WA_ACCOUNTS_DEV_ENGINE stops the start with a message', async () => {
    vi.stubEnv('WA_ACCOUNTS_DEV_ENGINE', '{not json');
    const fake = await boot(true, { window: false });
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1));
    expect(fake.calls).toContain('error box WA Accounts could not start');
    expect(fake.windows).toHaveLength(0);
  });

  it('when packaged: a menu without DevTools or reload, windows without DevTools, and the WA_ACCOUNTS_* hooks ignored', async () => {
    vi.stubEnv('WA_ACCOUNTS_DEV_ENGINE', '{not json'); // would stop a development build (above)
    vi.stubEnv('WA_ACCOUNTS_DATA_DIR', path.join(tmpdir(), 'someone-elses-folder'));
    const fake = await boot(true, { packaged: true });
    expect(fake.calls).not.toContain('setPath userData');
    const roles = JSON.stringify(fake.menu.template);
    expect(roles).toMatch(/editMenu/);
    expect(roles).not.toMatch(/devtools|reload|viewMenu/i);
    expect(fake.windows[0]!.options.webPreferences.devTools).toBe(false);
    const contents = fake.windows[0]!.webContents;
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1);
    const info = await fake.handlers.get(IPC_INVOKE)!({ sender: contents, senderFrame: contents.mainFrame }, 'app.info');
    expect(info).toMatchObject({ ok: true, value: { dataDir: fake.app.getPath('userData') } });
    expect(fake.app.exit).not.toHaveBeenCalled();
  });
});

describe('Electron main process: keeps running behind the tray', () => {
  const invoke = (fake: ReturnType<typeof fakeElectron>, command: string, input?: unknown) => {
    const contents = fake.windows[0]!.webContents;
    return fake.handlers.get(IPC_INVOKE)!({ sender: contents, senderFrame: contents.mainFrame }, command, input);
  };
  // What the settings table holds (the data folder's database; WAL lets a second reader in).
  const prefsFile = (fake: ReturnType<typeof fakeElectron>) => {
    const db = new BetterSqlite3(path.join(fake.app.getPath('userData'), DATABASE_FILE), { readonly: true });
    try {
      const rows = db.prepare('SELECT key, value FROM app_settings').all() as Array<{ key: string; value: string }>;
      return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)])) as Record<string, unknown>;
    } finally {
      db.close();
    }
  };

  it('closing the window hides it and the accounts keep running; the first close says where the app went, once', async () => {
    const fake = await boot();
    await invoke(fake, 'accounts.add', { label: 'Work' });
    const win = fake.windows[0]!;
    win.close();
    expect(fake.windows).toEqual([win]);
    expect(win.visible).toBe(false);
    // (Other notifications may come from the account, which has no browser here.)
    const stillRunning = () => fake.notifications.filter((n) => n.title === 'WA Accounts is still running');
    expect(stillRunning()).toEqual([{ title: 'WA Accounts is still running', body: expect.stringMatching(/stay linked/) }]);
    expect(fake.app.quit).not.toHaveBeenCalled();
    // The engine still answers, the account is still running.
    expect(await invoke(fake, 'accounts.list')).toMatchObject({ ok: true, value: [{ label: 'Work', running: true }] });
    win.show();
    win.close();
    expect(stillRunning()).toHaveLength(1);
    await vi.waitFor(() => expect(prefsFile(fake)).toMatchObject({ closeNoticeShown: true }));
    // A second launch brings the hidden window back.
    fake.app.emit('second-instance');
    expect(win.visible).toBe(true);
  });

  it('without a tray icon (it could not be created) the window still opens, and closing it quits as before', async () => {
    const fake = await boot(true, { trayFails: true });
    expect(fake.windows).toHaveLength(1);
    fake.windows[0]!.close();
    if (process.platform === 'darwin') return;
    expect(fake.calls).toContain('quit held');
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
  });

  it('the last window going away never quits by itself (it did on Windows and Linux)', async () => {
    const fake = await boot();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('the tray shows how many accounts are ready and need attention, and its Quit stops the engine before quitting', async () => {
    const fake = await boot();
    const tray = fake.trays[0]!;
    expect(tray.labels().slice(0, 1)).toEqual(['No accounts yet']);
    expect(tray.labels()).toEqual(expect.arrayContaining(['Show WA Accounts', 'Add account', 'Pause all', 'Resume all', 'Quit WA Accounts']));
    await invoke(fake, 'accounts.add', { label: 'Work' });
    await vi.waitFor(() => expect(tray.labels().slice(0, 2)).toEqual(['0 of 1 account ready', expect.stringMatching(/attention/)]));
    expect(tray.tooltip).toMatch(/^WA Accounts: 0 of 1 ready/);
    // The account has no browser here: it failed, so the icon and the badge show attention.
    await vi.waitFor(() => expect(tray.tooltip).toMatch(/1 needs attention/));
    expect(tray.image).toEqual({ png: trayIconPng('attention', 32).length });
    if (process.platform === 'darwin') expect(fake.app.dock.setBadge).toHaveBeenLastCalledWith('!');
    else if (process.platform === 'win32') expect(fake.windows[0]!.overlay).toBe('1 account needs attention');
    else expect(fake.app.setBadgeCount).toHaveBeenLastCalledWith(0);
    tray.choose('quit');
    expect(fake.calls).toContain('quit held');
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
    expect(tray.destroyed).toBe(true);
    expect(fake.handlers.has(IPC_INVOKE)).toBe(false);
  });

  it('Add account from the tray adds one, named for the count, and shows the window', async () => {
    const fake = await boot();
    fake.windows[0]!.close();
    fake.trays[0]!.choose('add-account');
    await vi.waitFor(async () => expect(await invoke(fake, 'accounts.list')).toMatchObject({ ok: true, value: [{ label: 'Account 1' }] }));
    await vi.waitFor(() => expect(fake.windows[0]!.visible).toBe(true));
  });

  it('Pause all stops the running accounts and remembers them; Resume all starts exactly those again', async () => {
    const fake = await boot();
    const a = (await invoke(fake, 'accounts.add', { label: 'A' })) as { ok: true; value: { id: string } };
    const b = (await invoke(fake, 'accounts.add', { label: 'B' })) as { ok: true; value: { id: string } };
    await invoke(fake, 'accounts.stop', { id: b.value.id });
    const tray = fake.trays[0]!;
    await vi.waitFor(() => expect(tray.labels()).toContain('Pause all (1 running)'));
    tray.choose('pause-all');
    await vi.waitFor(() => expect(tray.labels()).toContain('Resume all (1 paused)'));
    await vi.waitFor(() => expect(prefsFile(fake)).toMatchObject({ pausedIds: [a.value.id] }));
    expect(await invoke(fake, 'accounts.list')).toMatchObject({ value: [{ label: 'A', running: false }, { label: 'B', running: false }] });
    tray.choose('resume-all');
    await vi.waitFor(() => expect(tray.labels()).toContain('Pause all (1 running)'));
    expect(await invoke(fake, 'accounts.list')).toMatchObject({ value: [{ label: 'A', running: true }, { label: 'B', running: false }] });
    await vi.waitFor(() => expect(prefsFile(fake)).toMatchObject({ pausedIds: [] }));
  });

  it('Settings reach the shell: the tray ticks what the screen chose, notifications off keeps notices out of the OS, Open data folder opens it', async () => {
    const fake = await boot();
    const tray = fake.trays[0]!;
    expect(await invoke(fake, 'settings.update', { closeBehaviour: 'quit', notifications: false })).toMatchObject({ ok: true, value: { closeBehaviour: 'quit', notifications: false } });
    await vi.waitFor(() => expect(tray.checked('keep-running')).toBe(false));
    // The window hears of it too (every window follows settings.changed).
    expect(fake.windows[0]!.webContents.sent).toContainEqual([IPC_EVENT, 'settings.changed', expect.objectContaining({ closeBehaviour: 'quit' })]);
    await invoke(fake, 'accounts.add', { label: 'Work' });
    // The account has no browser here, so it needs attention: the window shows it, the OS does not.
    await vi.waitFor(() => expect(tray.tooltip).toMatch(/1 needs attention/));
    expect(fake.notifications).toEqual([]);
    expect(await invoke(fake, 'app.openDataFolder')).toEqual({ ok: true, value: { path: fake.app.getPath('userData') } });
    expect(fake.calls).toContain(`open ${fake.app.getPath('userData')}`);
  });

  it('the tray speaks the language of the setting: the computer\'s by default, and the chosen one at once', async () => {
    const fake = await boot(true, { locale: 'pt-BR' });
    const tray = fake.trays[0]!;
    expect(tray.labels()[0]).toBe('Nenhuma conta ainda');
    await invoke(fake, 'settings.update', { language: 'en' });
    await vi.waitFor(() => expect(tray.labels()[0]).toBe('No accounts yet'));
    await invoke(fake, 'settings.update', { language: 'system' });
    await vi.waitFor(() => expect(tray.labels()[0]).toBe('Nenhuma conta ainda'));
  });

  it("an earlier version's desktop.json is taken over into the settings and removed", async () => {
    const fake = await boot(true, { before: (dir) => writeFileSync(path.join(dir, 'desktop.json'), JSON.stringify({ closeBehaviour: 'quit', pausedIds: ['acc-9'] })) });
    expect(existsSync(path.join(fake.app.getPath('userData'), 'desktop.json'))).toBe(false);
    expect(await invoke(fake, 'settings.get')).toMatchObject({ ok: true, value: { closeBehaviour: 'quit' } });
    expect(prefsFile(fake)).toMatchObject({ closeBehaviour: 'quit', pausedIds: ['acc-9'] });
    expect(fake.trays[0]!.checked('keep-running')).toBe(false);
  });

  it('with "keep running" unticked, closing the window quits, stopping the engine first', async () => {
    const fake = await boot();
    fake.trays[0]!.choose('keep-running');
    await vi.waitFor(() => expect(prefsFile(fake)).toMatchObject({ closeBehaviour: 'quit' }));
    fake.windows[0]!.close();
    expect(fake.calls).toContain('quit held');
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
    expect(fake.notifications.filter((n) => /still running/.test(n.title))).toEqual([]);
  });

  it('start at login: a development run registers nothing; an installed app registers itself', async () => {
    const config = mkdtempSync(path.join(tmpdir(), 'xdg-config-'));
    dirs.push(config);
    vi.stubEnv('XDG_CONFIG_HOME', config);
    const dev = await boot();
    dev.trays[0]!.choose('start-at-login');
    await vi.waitFor(() => expect(prefsFile(dev)).toMatchObject({ startAtLogin: true }));
    expect(dev.loginItems).toEqual([]);
    expect(existsSync(path.join(config, 'autostart'))).toBe(false);
    dev.app.quit();
    await vi.waitFor(() => expect(dev.calls.at(-1)).toBe('quit'));
    vi.resetModules();

    const packaged = await boot(true, { packaged: true });
    packaged.trays[0]!.choose('start-at-login');
    // Saved first, then applied when the change comes back as settings.changed.
    if (process.platform === 'linux') await vi.waitFor(() => expect(readFileSync(path.join(config, 'autostart', 'wa-accounts.desktop'), 'utf8')).toMatch(/^Exec=.* --hidden$/m));
    else await vi.waitFor(() => expect(packaged.loginItems.at(-1)).toMatchObject({ openAtLogin: true }));
  });

  it('started with --hidden (at login), opens no window until Show is chosen', async () => {
    process.argv.push('--hidden');
    try {
      const fake = await boot(true, { window: false });
      await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
      expect(fake.windows).toHaveLength(0);
      fake.trays[0]!.choose('show');
      expect(fake.windows).toHaveLength(1);
    } finally {
      process.argv.splice(process.argv.indexOf('--hidden'), 1);
    }
  });

  it('Check for updates: a development build says it does not check, and About calls it a development build', async () => {
    const fake = await boot();
    expect(await invoke(fake, 'app.checkForUpdates')).toEqual({ ok: true, value: { state: 'not-configured', message: 'This is a development build: it does not check for updates.' } });
    expect(await invoke(fake, 'app.info')).toMatchObject({ ok: true, value: { codeSigning: 'development' } });
  });

  it('Check for updates: a packaged build without an update server says so, and an unsigned build is called unsigned', async () => {
    const fake = await boot(true, { packaged: true });
    const answer = await invoke(fake, 'app.checkForUpdates');
    expect(answer).toMatchObject({ ok: true, value: { state: 'not-configured', message: expect.stringMatching(/WA_ACCOUNTS_UPDATE_URL/) } });
    expect(await invoke(fake, 'app.info')).toMatchObject({ ok: true, value: { codeSigning: 'unsigned' } });
  });
});
