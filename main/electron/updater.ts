// The desktop app's update check and its build facts, for the engine's app.checkForUpdates and app.info.
// How electron-updater's answer reads is main/desktop/updateCheck.ts (unit-tested with a stand-in); this
// file only finds the packed files and loads electron-updater when a check is really made.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { app } from 'electron';
import { BUILD_INFO_FILE, codeSigningOf } from '../desktop/buildInfo';
import { checkForUpdates, type DesktopOptions, type Updater } from '../desktop/updateCheck';
import type { Logger } from '../log';

function readPacked(name: string): string | null {
  // process.resourcesPath exists only under Electron; a packaged app keeps electron-builder's files there.
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (!resources) return null;
  try {
    return readFileSync(path.join(resources, name), 'utf8');
  } catch {
    return null;
  }
}

const requireHere = createRequire(__filename);

/**
 * electron-updater's autoUpdater, loaded on first use: creating it needs a running Electron app. Through
 * require: the package is CommonJS whose autoUpdater is a lazy getter, which an ESM import() may not expose.
 */
async function loadUpdater(log: Logger): Promise<Updater> {
  const { autoUpdater } = requireHere('electron-updater') as typeof import('electron-updater');
  // Its log lines go to the app's log (it logs addresses and versions, never a secret).
  autoUpdater.logger = {
    info: (m?: unknown) => log.info('updater', { detail: String(m) }),
    warn: (m?: unknown) => log.warn('updater', { detail: String(m) }),
    error: (m?: unknown) => log.error('updater', { detail: String(m) }),
  };
  // A found update downloads in the background and is installed when the user quits (the About area says so).
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  return autoUpdater;
}

export function desktopOptions(log: Logger): DesktopOptions {
  let updater: Promise<Updater> | null = null;
  return {
    codeSigning: codeSigningOf({ packaged: app.isPackaged, text: app.isPackaged ? readPacked(BUILD_INFO_FILE) : null }),
    checkForUpdates: () =>
      checkForUpdates({
        packaged: app.isPackaged,
        updateConfig: app.isPackaged ? readPacked('app-update.yml') : null,
        currentVersion: app.getVersion(),
        updater: () =>
          (updater ??= loadUpdater(log).catch((err: unknown) => {
            updater = null;
            throw err;
          })),
      }),
  };
}
