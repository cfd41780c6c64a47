// What makes the desktop app keep running: the tray and its actions, the badge, start at login, and the
// choices behind them (desktop prefs). Every decision comes from main/desktop/ (plain, unit-tested);
// this file wires those decisions to the engine's events and to Electron.
import { app, dialog, Notification, type BrowserWindow } from 'electron';
import type { Account } from '../../preload/contract';
import { closePolicy, type CloseDecision } from '../desktop/closePolicy';
import type { DesktopPrefs, DesktopPrefsStore } from '../desktop/desktopPrefs';
import { applyLinuxAutostart, linuxAutostartEntry, linuxAutostartPath, loginItemSettings, startsHidden } from '../desktop/loginItem';
import { commandPauseTarget, pauseRunning, resumePaused } from '../desktop/pauseAll';
import { nextAccountLabel, unreadTotal, type TrayAccount } from '../desktop/trayModel';
import type { App } from '../index';
import type { Logger } from '../log';
import { AppTray, type TrayActions } from './tray';

export interface ShellDeps {
  core: App;
  prefs: DesktopPrefsStore;
  log: Logger;
  platform: NodeJS.Platform;
  /** The window if there is one; `show()` opens one if needed and brings it to the front. */
  getWindow(): BrowserWindow | null;
  show(): void;
}

export interface DesktopShell {
  /** Whether this start shows no window (started at login with "start without a window"). */
  startHidden: boolean;
  /** Asked by the window's 'close': hide (keeping the accounts), quit, or let it close. */
  onClose(quitting: boolean): CloseDecision;
  /** Shows the counts and the badge again (a new window needs its overlay icon). */
  refresh(): void;
  stop(): void;
}

export async function startDesktopShell(deps: ShellDeps): Promise<DesktopShell> {
  const { core, prefs, log, platform } = deps;
  let accounts: Array<TrayAccount & { label: string }> = core.accounts.list();
  let unread = 0;
  let busy = false;

  const refresh = () => {
    const p = prefs.get();
    const state = { pausedIds: p.pausedIds, unread, startAtLogin: p.startAtLogin, startHidden: p.startHidden, keepRunning: p.closeBehaviour === 'keep-running', busy };
    tray.update(accounts, state, deps.getWindow());
  };
  const whileBusy = (work: () => Promise<void>) => {
    if (busy) return;
    busy = true;
    refresh();
    void work()
      .catch((err: unknown) => log.error('tray action failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        busy = false;
        refresh();
      });
  };
  // The tray's ticks are settings like the Settings screen's: both reach the shell as settings.changed.
  const setPrefs = (patch: Partial<DesktopPrefs>) => {
    void prefs.update(patch).catch((err: unknown) => log.warn('could not save a tray choice', { error: err instanceof Error ? err.message : String(err) }));
  };
  let login = loginChoice(prefs.get());

  const tray = new AppTray(trayActions({ deps, whileBusy, setPrefs, labels: () => accounts.map((a) => a.label) }), platform);

  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name === 'accounts.changed') accounts = payload as Account[];
    else if (name === 'accounts.activity') unread = unreadTotal(payload as Array<{ unread: number }>);
    else if (name === 'settings.changed') {
      const next = loginChoice(prefs.get());
      if (next !== login) applyLoginItem(prefs.get(), deps);
      login = next;
    } else return;
    refresh();
  });
  const activity = await core.registry.dispatch('accounts.activity', undefined);
  if (activity.ok) unread = unreadTotal(activity.value as Array<{ unread: number }>);
  refresh();

  const p = prefs.get();
  const openedAtLogin = platform === 'darwin' && app.isPackaged ? app.getLoginItemSettings().wasOpenedAtLogin : false;
  return {
    startHidden: startsHidden({ argv: process.argv, openedAtLogin, choice: p }),
    onClose: (quitting) => {
      const now = prefs.get();
      const decision = closePolicy({ behaviour: now.closeBehaviour, quitting, platform, noticeShown: now.closeNoticeShown });
      if (decision.action === 'hide' && decision.notice) {
        showNotice(decision.notice, tray, deps);
        void prefs.update({ closeNoticeShown: true });
      }
      return decision;
    },
    refresh,
    stop: () => {
      unsubscribe();
      tray.destroy();
    },
  };
}

interface ActionContext {
  deps: ShellDeps;
  /** Runs Pause all or Resume all, one at a time, with both items disabled meanwhile. */
  whileBusy(work: () => Promise<void>): void;
  setPrefs(patch: Partial<DesktopPrefs>): void;
  labels(): string[];
}

function trayActions({ deps, whileBusy, setPrefs, labels }: ActionContext): TrayActions {
  const { core, prefs, log } = deps;
  const pauseTarget = commandPauseTarget(core.registry, core.accounts);
  return {
    show: () => deps.show(),
    'add-account': () => {
      // A new account starts linking at once; the window shows its QR.
      void core.registry.dispatch('accounts.add', { label: nextAccountLabel(labels()) }).then(() => deps.show());
    },
    'pause-all': () =>
      whileBusy(async () => {
        const paused = await pauseRunning(pauseTarget, log);
        await prefs.update({ pausedIds: [...new Set([...prefs.get().pausedIds, ...paused])] });
      }),
    'resume-all': () =>
      whileBusy(async () => {
        await resumePaused(pauseTarget, prefs.get().pausedIds, log);
        // What is left to resume: accounts that are still there and did not start.
        const stopped = new Set(core.accounts.list().filter((a) => !a.running).map((a) => a.id));
        await prefs.update({ pausedIds: prefs.get().pausedIds.filter((id) => stopped.has(id)) });
      }),
    'keep-running': (checked) => setPrefs({ closeBehaviour: checked ? 'keep-running' : 'quit' }),
    'start-at-login': (checked) => setPrefs({ startAtLogin: checked }),
    'start-hidden': (checked) => setPrefs({ startHidden: checked }),
    quit: () => app.quit(),
  };
}

function showNotice(notice: { title: string; body: string }, tray: AppTray, deps: ShellDeps): void {
  if (Notification.isSupported()) {
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', () => deps.show());
    n.show();
  } else if (deps.platform === 'win32') tray.balloon(notice.title, notice.body);
  else void dialog.showMessageBox({ type: 'info', title: notice.title, message: notice.title, detail: notice.body });
}

/** What start at login depends on, to apply it only when it changed. */
function loginChoice(p: DesktopPrefs): string {
  return `${p.startAtLogin}/${p.startHidden}`;
}

/** Start at login, as the choice says. Only an installed app registers itself: a development run would register Electron itself. */
function applyLoginItem(choice: DesktopPrefs, { platform, log }: ShellDeps): void {
  if (!app.isPackaged) {
    log.info('start at login applies to the installed app only; not registered for this development run');
    return;
  }
  try {
    const settings = loginItemSettings(choice, platform);
    if (settings) app.setLoginItemSettings(settings);
    else applyLinuxAutostart(linuxAutostartPath(process.env), linuxAutostartEntry(choice, process.env.APPIMAGE ?? process.execPath));
  } catch (err) {
    log.warn('could not change start at login', { error: err instanceof Error ? err.message : String(err) });
  }
}
