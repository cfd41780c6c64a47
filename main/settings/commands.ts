// The Settings screen's commands, and "Open data folder".
import type { BrowserInfo } from '../../preload/settings';
import { checkBrowser } from '../browser/checkBrowser';
import { detectedBrowsers, type BrowserChoice, type BrowserFinder } from '../browser/findBrowser';
import { AppError } from '../errors';
import type { Handlers } from '../ipc/CommandRegistry';
import type { SettingsService } from './SettingsService';

export interface SettingsCommandDeps {
  settings: SettingsService;
  /** The accounts' own browser search (it reads the setting), to say which browser they start in now. */
  findBrowser: BrowserFinder;
  bundledBrowserDir?: string | null;
  dataDir: string;
  /** Where a browser check's throwaway profile goes. */
  workDir: string;
  openFolder?: (path: string) => Promise<void>;
  /** Replaces the real check (main/browser/checkBrowser.ts) in unit tests. */
  check?: typeof checkBrowser;
}

export type SettingsCommands = 'settings.get' | 'settings.update' | 'settings.browsers' | 'settings.checkBrowser' | 'app.openDataFolder';

const info = (b: BrowserChoice): BrowserInfo => ({ path: b.executablePath, source: b.source, headlessShell: b.headlessShell });

export function settingsHandlers(d: SettingsCommandDeps): Pick<Handlers, SettingsCommands> {
  // One browser check at a time: each starts a browser, and a caller that repeats "Check" must not start many.
  let checking: Promise<unknown> = Promise.resolve();
  const check = d.check ?? checkBrowser;
  const oneCheck = <T,>(work: () => Promise<T>): Promise<T> => {
    const run = checking.then(work, work);
    checking = run.catch(() => undefined);
    return run;
  };
  return {
    'settings.get': () => d.settings.get(),
    'settings.update': (patch) => d.settings.update(patch),
    'settings.browsers': () => {
      const inUse = d.findBrowser();
      return { detected: detectedBrowsers({ bundledDir: d.bundledBrowserDir }).map(info), inUse: inUse ? info(inUse) : null };
    },
    'settings.checkBrowser': ({ path }) => oneCheck(() => check(path, { workDir: d.workDir })),
    'app.openDataFolder': async () => {
      if (!d.openFolder) throw new AppError('NOT_AVAILABLE', `Opening a folder works in the desktop app. The data folder is ${d.dataDir}`);
      try {
        await d.openFolder(d.dataDir);
      } catch (err) {
        throw new AppError('NOT_AVAILABLE', `The data folder could not be opened (${err instanceof Error ? err.message : String(err)}). It is ${d.dataDir}`);
      }
      return { path: d.dataDir };
    },
  };
}
