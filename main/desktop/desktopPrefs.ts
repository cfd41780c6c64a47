// The desktop app's own choices, as the tray and the close policy read them: what closing the window
// does and start at login (user settings, changed in Settings or from the tray), the one-time "still
// running" notice and which accounts "Pause all" stopped (the shell's state). All of it lives in the
// settings table (main/settings/SettingsService.ts). Earlier versions kept it in desktop.json, which is
// taken over once and removed. Plain Node: no Electron, tested with a temp folder.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AccountId } from '../../preload/contract';
import { CloseBehaviour } from '../../preload/settings';
import type { Logger } from '../log';
import type { SettingsService } from '../settings/SettingsService';

export { CloseBehaviour };

export interface DesktopPrefs {
  closeBehaviour: CloseBehaviour;
  startAtLogin: boolean;
  /** When started at login: stay in the tray, no window. */
  startHidden: boolean;
  /** The "WA Accounts is still running" notice was shown once already. */
  closeNoticeShown: boolean;
  /** Accounts that "Pause all" stopped: "Resume all" starts these again, and no others. */
  pausedIds: string[];
}

export interface DesktopPrefsStore {
  get(): DesktopPrefs;
  /** Saves the change; settings that changed reach every window (settings.changed). */
  update(patch: Partial<DesktopPrefs>): Promise<DesktopPrefs>;
}

export function desktopPrefs(settings: SettingsService): DesktopPrefsStore {
  const get = (): DesktopPrefs => {
    const s = settings.get();
    return { closeBehaviour: s.closeBehaviour, startAtLogin: s.startAtLogin, startHidden: s.startHidden, ...settings.desktopState() };
  };
  return {
    get,
    async update({ closeNoticeShown, pausedIds, ...choices }) {
      if (closeNoticeShown !== undefined || pausedIds !== undefined) settings.setDesktopState({ closeNoticeShown, pausedIds });
      await settings.update(choices);
      return get();
    },
  };
}

/** Where earlier versions kept these choices. */
export const LEGACY_PREFS_FILE = 'desktop.json';

const Legacy = z.object({
  closeBehaviour: CloseBehaviour.optional().catch(undefined),
  startAtLogin: z.boolean().optional().catch(undefined),
  startHidden: z.boolean().optional().catch(undefined),
  closeNoticeShown: z.boolean().optional().catch(undefined),
  pausedIds: z.array(AccountId).max(10_000).optional().catch(undefined),
});

/**
 * Takes desktop.json over into the settings table, then removes it: once, into a database that has none
 * of its keys (a newer choice is never overwritten by the old file). An unreadable file is removed
 * with a warning: the defaults apply, as they did for that file before.
 */
export async function importLegacyPrefs(dataDir: string, settings: SettingsService, log: Logger): Promise<void> {
  const file = join(dataDir, LEGACY_PREFS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  try {
    const old = Legacy.parse(JSON.parse(text) ?? {});
    if (!settings.hasStored(Object.keys(Legacy.shape))) {
      const clean = Object.fromEntries(Object.entries(old).filter(([, v]) => v !== undefined)) as Partial<DesktopPrefs>;
      await desktopPrefs(settings).update(clean);
      log.info('desktop preferences moved into the settings', { settings: Object.keys(clean).join(', ') });
    }
  } catch (err) {
    if (err instanceof SyntaxError) log.warn('the old desktop preferences file is unreadable; using the defaults', { file: LEGACY_PREFS_FILE });
    else throw err;
  }
  rmSync(file, { force: true });
}
