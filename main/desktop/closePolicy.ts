// What closing the window does. The app's job is to keep accounts linked, so by default closing hides
// the window and the accounts keep running behind the tray icon; only Quit (tray menu, app menu, Cmd+Q)
// stops them. Pure: main/electron/main.ts asks this on every 'close' and applies the answer.
import { tm } from '../i18n';
import type { CloseBehaviour } from './desktopPrefs';

export interface CloseContext {
  behaviour: CloseBehaviour;
  /** A quit is under way (Quit was chosen, the OS is logging out, a signal): let the window go. */
  quitting: boolean;
  platform: NodeJS.Platform;
  /** The "still running" notice was shown once already (desktop prefs). */
  noticeShown: boolean;
}

export interface CloseNotice {
  title: string;
  body: string;
}

export type CloseDecision =
  /** Let the window close (the quit that is under way continues). */
  | { action: 'close' }
  /** Keep the window and the accounts: hide it; the first time, tell where the app went. */
  | { action: 'hide'; notice: CloseNotice | null }
  /** The user chose "quit on close": quit the app, which stops the accounts in order. */
  | { action: 'quit' };

export function closePolicy(ctx: CloseContext): CloseDecision {
  if (ctx.quitting) return { action: 'close' };
  if (ctx.behaviour === 'quit') return { action: 'quit' };
  return { action: 'hide', notice: ctx.noticeShown ? null : stillRunningNotice(ctx.platform) };
}

/** Where the app went, in the words of each platform (and of the setting's language); also how to bring it back if no tray icon shows. */
export function stillRunningNotice(platform: NodeJS.Platform): CloseNotice {
  const title = tm('close.title');
  if (platform === 'darwin') return { title, body: tm('close.bodyMac') };
  if (platform === 'win32') return { title, body: tm('close.bodyWindows') };
  // Some Linux desktops (GNOME without an AppIndicator extension) show no tray icons at all.
  return { title, body: tm('close.bodyLinux') };
}
