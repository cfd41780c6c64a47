// What the tray (the menu bar on macOS) shows: the counts, the menu items and whether each can be used,
// the tooltip, which icon, and the badge. Pure functions of the accounts and the app's state, so the
// wording and the rules are tested without Electron; main/electron/tray.ts only turns them into a Menu.
// The words come from main's catalogs (main/i18n/) at call time, in the language of the setting.
import type { SessionState } from '../../preload/contract';
import { tm } from '../i18n';

/** What the tray needs of an account (the contract's Account has more). */
export interface TrayAccount {
  id: string;
  running: boolean;
  session: SessionState;
}

export interface TrayState {
  /** Accounts that "Pause all" stopped (desktop prefs), which "Resume all" starts again. */
  pausedIds: readonly string[];
  /**
   * Unread messages over every account: the sum of the accounts.activity event's `unread` (see
   * unreadTotal); 0 until the first of those events arrived.
   */
  unread: number;
  startAtLogin: boolean;
  startHidden: boolean;
  /** Closing the window keeps the accounts running (desktop prefs closeBehaviour 'keep-running'). */
  keepRunning: boolean;
  /** Pause all or Resume all is under way: both wait until it is done. */
  busy: boolean;
}

export type TrayItemId = 'status-ready' | 'status-attention' | 'status-unread' | 'show' | 'add-account' | 'pause-all' | 'resume-all' | 'start-at-login' | 'start-hidden' | 'keep-running' | 'quit';

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; id: TrayItemId; label: string; enabled: boolean }
  | { type: 'checkbox'; id: TrayItemId; label: string; enabled: boolean; checked: boolean };

/**
 * Logged out by the phone or while offline, or failed: the user must act. The same rule as the window's
 * "Needs attention" chip (renderer/components/sessionView.ts needsAttention), so the tray and the window agree.
 */
export function needsAttention(state: SessionState): boolean {
  return state.kind === 'failed' || (state.kind === 'logged-out' && state.reason !== 'logged-out-here');
}

export interface TrayCounts {
  total: number;
  ready: number;
  attention: number;
  running: number;
  /** Paused by "Pause all", still there and still stopped: what "Resume all" would start. */
  resumable: number;
}

export function trayCounts(accounts: readonly TrayAccount[], pausedIds: readonly string[]): TrayCounts {
  const paused = new Set(pausedIds);
  return {
    total: accounts.length,
    ready: accounts.filter((a) => a.session.kind === 'ready').length,
    attention: accounts.filter((a) => needsAttention(a.session)).length,
    running: accounts.filter((a) => a.running).length,
    resumable: accounts.filter((a) => paused.has(a.id) && !a.running).length,
  };
}

/** The sum of every account's unread count from the accounts.activity event (negative or odd values count as 0). */
export function unreadTotal(activity: ReadonlyArray<{ unread: number }>): number {
  return activity.reduce((sum, a) => sum + (Number.isFinite(a.unread) && a.unread > 0 ? Math.floor(a.unread) : 0), 0);
}

export function trayMenuModel(accounts: readonly TrayAccount[], state: TrayState): TrayMenuItem[] {
  const c = trayCounts(accounts, state.pausedIds);
  // Status lines are information, not actions: shown disabled, as menus show a heading.
  const status: TrayMenuItem[] =
    c.total === 0
      ? [{ type: 'normal', id: 'status-ready', label: tm('tray.noAccounts'), enabled: false }]
      : [
          { type: 'normal', id: 'status-ready', label: tm('tray.ready', { ready: c.ready, count: c.total }), enabled: false },
          { type: 'normal', id: 'status-attention', label: attentionText(c.attention), enabled: false },
        ];
  if (state.unread > 0) status.push({ type: 'normal', id: 'status-unread', label: tm('tray.unread', { count: state.unread }), enabled: false });
  return [
    ...status,
    { type: 'separator' },
    { type: 'normal', id: 'show', label: tm('tray.show'), enabled: true },
    { type: 'normal', id: 'add-account', label: tm('tray.addAccount'), enabled: true },
    { type: 'normal', id: 'pause-all', label: c.running > 0 ? tm('tray.pauseAllRunning', { running: c.running }) : tm('tray.pauseAll'), enabled: !state.busy && c.running > 0 },
    { type: 'normal', id: 'resume-all', label: c.resumable > 0 ? tm('tray.resumeAllPaused', { count: c.resumable }) : tm('tray.resumeAll'), enabled: !state.busy && c.resumable > 0 },
    { type: 'separator' },
    // Until the settings screen offers them, the tray is where these two choices are made.
    { type: 'checkbox', id: 'keep-running', label: tm('tray.keepRunning'), enabled: true, checked: state.keepRunning },
    { type: 'checkbox', id: 'start-at-login', label: tm('tray.startAtLogin'), enabled: true, checked: state.startAtLogin },
    { type: 'checkbox', id: 'start-hidden', label: tm('tray.startHidden'), enabled: state.startAtLogin, checked: state.startHidden },
    { type: 'separator' },
    { type: 'normal', id: 'quit', label: tm('tray.quit'), enabled: true },
  ];
}

function attentionText(n: number): string {
  return n === 0 ? tm('tray.attentionNone') : tm('tray.attention', { count: n });
}

export type TrayIconKind = 'normal' | 'unread' | 'attention';

export interface TrayIndicator {
  icon: TrayIconKind;
  /** The tray icon's hover text. */
  tooltip: string;
  /** The unread total for app.setBadgeCount (Linux launchers, the macOS dock). */
  badgeCount: number;
  /** The macOS dock badge: "!" when an account needs attention, else the unread total; '' for none. */
  dockText: string;
  /** Windows taskbar overlay: its accessible description, or null for no overlay. */
  overlay: string | null;
}

/** Attention wins over unread: a dropped account matters more than a message (docs/user-needs.md). */
export function trayIndicator(accounts: readonly TrayAccount[], unread: number): TrayIndicator {
  const c = trayCounts(accounts, []);
  const parts = [c.total === 0 ? tm('indicator.noAccounts') : tm('indicator.ready', { ready: c.ready, count: c.total })];
  if (c.attention > 0) parts.push(attentionText(c.attention));
  if (unread > 0) parts.push(tm('tray.unread', { count: unread }));
  // A list of counts: a comma reads the same in every language the app has.
  const tooltip = tm('indicator.tooltip', { status: parts.join(', ') });
  if (c.attention > 0) return { icon: 'attention', tooltip, badgeCount: unread, dockText: '!', overlay: tm('indicator.overlayAttention', { count: c.attention }) };
  if (unread > 0) return { icon: 'unread', tooltip, badgeCount: unread, dockText: unread > 99 ? '99+' : String(unread), overlay: tm('tray.unread', { count: unread }) };
  return { icon: 'normal', tooltip, badgeCount: 0, dockText: '', overlay: null };
}

/**
 * The label "Add account" from the tray gives: the first "Account N" (in pt-BR "Conta N") not taken; it
 * can be renamed in the window.
 */
export function nextAccountLabel(labels: readonly string[]): string {
  const taken = new Set(labels.map((l) => l.trim().toLowerCase()));
  for (let n = labels.length + 1; ; n++) {
    const label = tm('tray.newAccountLabel', { n });
    if (!taken.has(label.toLowerCase())) return label;
  }
}
