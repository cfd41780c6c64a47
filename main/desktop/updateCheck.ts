// "Check for updates" in the About area: asks electron-updater (generic provider; its URL is the build
// setting WA_ACCOUNTS_UPDATE_URL, see electron-builder.yml) and reads its answer into the contract's
// UpdateCheck. Electron-free: main/electron/updater.ts passes electron-updater's autoUpdater, the unit
// test a stand-in with the same shape.
import type { AppInfo, UpdateCheck } from '../../preload/contract';
import { TimeoutError, withTimeout } from '../util/time';

/** What this module uses of electron-updater's AppUpdater (autoUpdater). */
export interface Updater {
  checkForUpdates(): Promise<{ isUpdateAvailable?: boolean; updateInfo: { version: string } } | null>;
}

export interface UpdateContext {
  /** Only a packaged app has an app-update.yml and can replace itself. */
  packaged: boolean;
  /** The text of resources/app-update.yml (electron-builder writes it from `publish`), or null when there is none. */
  updateConfig: string | null;
  currentVersion: string;
  /** Loads electron-updater only when a check is really made (its autoUpdater needs a running Electron). */
  updater: () => Promise<Updater>;
  timeoutMs?: number;
}

export const UPDATE_CHECK_TIMEOUT_MS = 30_000;

/** The web host's answer: browser mode never replaces itself. */
export function browserModeUpdateCheck(): UpdateCheck {
  return {
    state: 'not-configured',
    message: 'In browser mode the app does not update itself: install the new version where the web host runs, then start it again.',
  };
}

/** Whether app-update.yml names a generic update server with an http(s) address (an empty WA_ACCOUNTS_UPDATE_URL gives none). */
export function updateServer(config: string | null): string | null {
  if (!config || !/^provider:\s*generic\s*$/m.test(config)) return null;
  const url = /^url:\s*['"]?(https?:\/\/[^\s'"]+)['"]?\s*$/m.exec(config)?.[1];
  return url ?? null;
}

export async function checkForUpdates(ctx: UpdateContext): Promise<UpdateCheck> {
  if (!ctx.packaged) return { state: 'not-configured', message: 'This is a development build: it does not check for updates.' };
  if (!updateServer(ctx.updateConfig)) {
    return { state: 'not-configured', message: 'This build has no update server (it was built without WA_ACCOUNTS_UPDATE_URL). Get new versions where you got this one.' };
  }
  const timeoutMs = ctx.timeoutMs ?? UPDATE_CHECK_TIMEOUT_MS;
  try {
    const result = await withTimeout(ctx.updater().then((u) => u.checkForUpdates()), timeoutMs);
    if (!result) return { state: 'not-configured', message: 'Updates are not active in this build.' };
    const version = result.updateInfo.version;
    if (result.isUpdateAvailable ?? version !== ctx.currentVersion) {
      return { state: 'available', version, message: `Version ${version} is available. It downloads in the background and is installed when you quit WA Accounts.` };
    }
    return { state: 'up-to-date', version, message: `WA Accounts ${ctx.currentVersion} is the newest version.` };
  } catch (err) {
    if (err instanceof TimeoutError) return failed(`the update server did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`);
    return failed(reason(err));
  }
}

function failed(why: string): UpdateCheck {
  return { state: 'failed', message: `Could not check for updates: ${why}. Try again later.` };
}

const UNREACHABLE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|net::ERR_/;

/** A reason a user can read, from electron-updater's errors (its HttpError carries statusCode; others a code). */
function reason(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNREACHABLE.test(code) || UNREACHABLE.test(message)) return 'the update server could not be reached';
  if (e.statusCode === 404 || /\b404\b/.test(message)) return 'the update server has no release information for this app (latest.yml is missing)';
  if (typeof e.statusCode === 'number') return `the update server answered HTTP ${e.statusCode}`;
  if (code === 'ERR_UPDATER_INVALID_VERSION') return 'the update server offers a version that is not valid';
  if (code === 'ERR_UPDATER_INVALID_UPDATE_INFO' || code === 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND') return 'the update server’s release information is not readable';
  // Never show credentials someone put into the server address.
  return message.replace(/\/\/[^/@\s]+@/g, '//').slice(0, 200);
}

/** What the desktop shell hands the engine (main/index.ts AppOptions.desktop). */
export interface DesktopOptions {
  checkForUpdates(): Promise<UpdateCheck>;
  codeSigning: NonNullable<AppInfo['codeSigning']>;
  /** Opens a folder in the computer's file manager (Electron's shell.openPath); rejects with its reason. */
  openFolder?(path: string): Promise<void>;
}
