// "Start at login", optionally without a window. macOS and Windows keep login items through Electron's
// app.setLoginItemSettings; Electron has none on Linux, where the freedesktop autostart folder is the
// standard (~/.config/autostart/*.desktop, honoured by GNOME, KDE, Xfce and others). Pure functions plus
// one file write; main/electron/main.ts applies them in the packaged app.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface LoginChoice {
  startAtLogin: boolean;
  startHidden: boolean;
}

/** Passed to the app when it starts at login without a window (Windows run key, Linux autostart entry). */
export const HIDDEN_ARG = '--hidden';

/** The part of Electron's `Settings` (app.setLoginItemSettings) this app sets. */
export interface LoginItemSettings {
  openAtLogin: boolean;
  /** Windows only: the arguments of the run key; the same list must be passed to getLoginItemSettings. */
  args?: string[];
}

/**
 * What to hand app.setLoginItemSettings, or null where Electron has no login items (Linux: see
 * linuxAutostartEntry). macOS cannot pass arguments to a login item and Electron 45 no longer has
 * openAsHidden: there the app asks getLoginItemSettings().wasOpenedAtLogin instead (startsHidden).
 */
export function loginItemSettings(choice: LoginChoice, platform: NodeJS.Platform): LoginItemSettings | null {
  if (platform === 'darwin') return { openAtLogin: choice.startAtLogin };
  if (platform === 'win32') return { openAtLogin: choice.startAtLogin, args: choice.startAtLogin && choice.startHidden ? [HIDDEN_ARG] : [] };
  return null;
}

/** Whether this start should show no window: started at login (by the flag or, on macOS, as the OS says) with "start hidden" on. */
export function startsHidden({ argv, openedAtLogin, choice }: { argv: readonly string[]; openedAtLogin: boolean; choice: LoginChoice }): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return openedAtLogin && choice.startAtLogin && choice.startHidden;
}

export const AUTOSTART_FILE_NAME = 'wa-accounts.desktop';

/** ~/.config/autostart/wa-accounts.desktop, or under $XDG_CONFIG_HOME when it is set (an absolute path). */
export function linuxAutostartPath(env: { XDG_CONFIG_HOME?: string; HOME?: string }): string {
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME ?? '', '.config');
  return join(config, 'autostart', AUTOSTART_FILE_NAME);
}

/** Quoting of the Desktop Entry spec's Exec key: the whole argument in double quotes, with ", `, $ and \ escaped. */
function execArg(arg: string): string {
  return /^[A-Za-z0-9_./:=+-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/**
 * The autostart entry that starts `executable` at login (an AppImage: the AppImage file, not its
 * temporary mount), or null when start at login is off and the entry must go.
 */
export function linuxAutostartEntry(choice: LoginChoice, executable: string): string | null {
  if (!choice.startAtLogin) return null;
  if (/[\n\r]/.test(executable)) throw new Error('The app’s path contains a line break; it cannot be written to an autostart entry.');
  const exec = [executable, ...(choice.startHidden ? [HIDDEN_ARG] : [])].map(execArg).join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=WA Accounts', 'Comment=Keep your WhatsApp accounts linked', `Exec=${exec}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/** Writes or removes the autostart entry. */
export function applyLinuxAutostart(file: string, entry: string | null): void {
  if (entry === null) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, entry, { mode: 0o644 });
}
