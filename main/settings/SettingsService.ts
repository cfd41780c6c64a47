// The app's settings (the Settings screen): read once from SQLite (migration 7), changed through
// settings.update, announced on every change ('changed', which main/index.ts sends to every window as
// settings.changed). A browser path is saved only once that browser started. The desktop shell's own
// small state (the "still running" notice shown, which accounts Pause all stopped) is kept here too,
// under keys the contract does not show.
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { AccountId } from '../../preload/contract';
import { AppSettings, DEFAULT_SETTINGS, SettingsPatch, type BrowserCheck } from '../../preload/settings';
import type { SettingsRepo } from '../db/SettingsRepo';
import { AppError } from '../errors';
import type { Logger } from '../log';

const DesktopState = z.object({
  closeNoticeShown: z.boolean(),
  /** Accounts that "Pause all" stopped: "Resume all" starts these again, and no others. */
  pausedIds: z.array(AccountId).max(10_000),
});
export type DesktopState = z.infer<typeof DesktopState>;
const DEFAULT_DESKTOP_STATE: DesktopState = { closeNoticeShown: false, pausedIds: [] };

export interface SettingsDeps {
  repo: SettingsRepo;
  /** Starts the browser once (main/browser/checkBrowser.ts); rejects with BROWSER_UNUSABLE. */
  checkBrowser(path: string): Promise<BrowserCheck>;
  log: Logger;
}

interface SettingsEvents {
  changed: [settings: AppSettings];
}

export class SettingsService extends EventEmitter<SettingsEvents> {
  private current: AppSettings;
  private desktop: DesktopState;
  /** One change at a time: a slow browser check must not let a later change be overwritten by an earlier one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SettingsDeps) {
    super();
    const stored = deps.repo.all();
    this.current = pick(AppSettings.shape, DEFAULT_SETTINGS, stored, deps.log);
    this.desktop = pick(DesktopState.shape, DEFAULT_DESKTOP_STATE, stored, deps.log);
  }

  get(): AppSettings {
    return { ...this.current };
  }

  /** Whether a setting was ever saved (the old desktop.json is imported only into a database that has none of its keys). */
  hasStored(keys: readonly string[]): boolean {
    const stored = this.deps.repo.all();
    return keys.some((k) => stored.has(k));
  }

  update(patch: SettingsPatch): Promise<AppSettings> {
    const run = this.queue.then(() => this.apply(patch));
    this.queue = run.catch(() => undefined);
    return run;
  }

  desktopState(): DesktopState {
    return { ...this.desktop, pausedIds: [...this.desktop.pausedIds] };
  }

  setDesktopState(patch: Partial<DesktopState>): DesktopState {
    const next = DesktopState.parse({ ...this.desktop, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
    this.save(patch);
    this.desktop = next;
    return this.desktopState();
  }

  private async apply(input: SettingsPatch): Promise<AppSettings> {
    // The registry parsed a window's change already; the tray's and the shell's are checked here.
    const parsed = SettingsPatch.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('INVALID_INPUT', issue.message, issue.path.join('.') || undefined);
    }
    const patch = parsed.data;
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== this.current[k as keyof AppSettings])) as SettingsPatch;
    if (Object.keys(changed).length === 0) return this.get();
    // A path that does not start a browser is refused here, so accounts never fail later for it.
    if (changed.browserPath) await this.deps.checkBrowser(changed.browserPath);
    this.save(changed);
    this.current = { ...this.current, ...changed };
    this.deps.log.info('settings changed', { settings: Object.keys(changed).join(', ') });
    this.emit('changed', this.get());
    return this.get();
  }

  private save(values: Record<string, unknown>): void {
    try {
      this.deps.repo.set(values);
    } catch (err) {
      // Disk full, database read-only: nothing changed, and the screen says why.
      throw new AppError('SAVE_FAILED', `The settings could not be saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Each key's stored value if it still fits its shape, else its default: one bad value does not reset the rest. */
function pick<T extends object>(shape: Record<string, z.ZodType>, defaults: T, stored: Map<string, unknown>, log: Logger): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const key of Object.keys(shape)) {
    if (!stored.has(key)) continue;
    const parsed = shape[key]!.safeParse(stored.get(key));
    if (parsed.success) out[key] = parsed.data;
    else log.warn('a stored setting is not valid; using its default', { setting: key });
  }
  return out as T;
}
