// The desktop app's own choices: what closing the window does, start at login, the one-time "still
// running" notice, and which accounts "Pause all" stopped. Kept in a small JSON file in the data folder
// (desktop.json, 0600, written to a temp file and renamed) until the settings screen stores settings in
// SQLite; then only this module changes. Plain Node: no Electron, tested with a temp folder.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AccountId } from '../../preload/contract';
import type { Logger } from '../log';

export const CloseBehaviour = z.enum(['keep-running', 'quit']);
export type CloseBehaviour = z.infer<typeof CloseBehaviour>;

const Prefs = z.object({
  /** Closing the window: keep the accounts running in the tray (the default), or quit. */
  closeBehaviour: CloseBehaviour.catch('keep-running'),
  startAtLogin: z.boolean().catch(false),
  /** When started at login: stay in the tray, no window. */
  startHidden: z.boolean().catch(true),
  /** The "WA Accounts is still running" notice was shown once already. */
  closeNoticeShown: z.boolean().catch(false),
  /** Accounts that "Pause all" stopped: "Resume all" starts these again, and no others. */
  pausedIds: z.array(AccountId).max(10_000).catch([]),
});
export type DesktopPrefs = z.infer<typeof Prefs>;

export const DEFAULT_DESKTOP_PREFS: DesktopPrefs = Object.freeze({
  closeBehaviour: 'keep-running',
  startAtLogin: false,
  startHidden: true,
  closeNoticeShown: false,
  pausedIds: [],
}) as DesktopPrefs;

export const DESKTOP_PREFS_FILE = 'desktop.json';

export class DesktopPrefsFile {
  private current: DesktopPrefs;

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {
    this.current = this.load();
  }

  static inDataFolder(dataDir: string, log: Logger): DesktopPrefsFile {
    return new DesktopPrefsFile(join(dataDir, DESKTOP_PREFS_FILE), log);
  }

  get(): DesktopPrefs {
    return { ...this.current, pausedIds: [...this.current.pausedIds] };
  }

  /** Applies the change and writes the file; a failed write keeps the change for this run and says so in the log. */
  update(patch: Partial<DesktopPrefs>): DesktopPrefs {
    this.current = Prefs.parse({ ...this.current, ...patch });
    try {
      this.write();
    } catch (err) {
      this.log.warn('could not save the desktop preferences', { error: err instanceof Error ? err.message : String(err) });
    }
    return this.get();
  }

  private load(): DesktopPrefs {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('could not read the desktop preferences; using the defaults', { error: String(err) });
      return { ...DEFAULT_DESKTOP_PREFS };
    }
    try {
      // Each field falls back to its default on its own (.catch): one bad value does not reset the rest.
      return Prefs.parse(JSON.parse(text) ?? {});
    } catch {
      this.log.warn('the desktop preferences file is unreadable; using the defaults', { file: DESKTOP_PREFS_FILE });
      return { ...DEFAULT_DESKTOP_PREFS };
    }
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      // flush: on disk before the rename, so a crash leaves the old file or the new one, never half of one.
      writeFileSync(temp, JSON.stringify(this.current, null, 2) + '\n', { mode: 0o600, flush: true });
      renameSync(temp, this.file);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
  }
}
