// The app's own settings (the Settings screen), shared by the contract (preload/contract.ts re-exports
// them), main's settings service (main/settings/) and the renderer. Each has a default, so a setting
// that was never changed, or a newer version's setting this version does not know, never blocks a start.
import { z } from 'zod';

/** The languages the UI is translated into; 'system' follows the computer's language (English if it is neither). */
export const LANGUAGES = ['en', 'pt-BR'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
export const LanguageSetting = z.enum(['system', ...LANGUAGES]);
export type LanguageSetting = z.infer<typeof LanguageSetting>;

/**
 * The language a setting means. 'system' takes the first of the computer's preferred languages (the
 * window's navigator.languages, main's locale) that we have, by its exact tag or by its language alone
 * (any Portuguese reads best in the Brazilian catalog), else English. Main and the window both use this,
 * so they agree.
 */
export function resolveLanguage(setting: LanguageSetting, preferred: string | readonly string[]): Language {
  if (setting !== 'system') return setting;
  for (const tag of typeof preferred === 'string' ? [preferred] : preferred) {
    const lower = tag.trim().toLowerCase().replace(/_/g, '-');
    const found = LANGUAGES.find((l) => l.toLowerCase() === lower) ?? LANGUAGES.find((l) => l.split('-')[0] === lower.split(/[-.]/)[0]);
    if (found) return found;
  }
  return 'en';
}

export const CloseBehaviour = z.enum(['keep-running', 'quit']);
export type CloseBehaviour = z.infer<typeof CloseBehaviour>;

/** A browser executable's path as the user types it: absolute, one line, not absurdly long. */
export const BrowserPath = z
  .string()
  .trim()
  .min(1, 'Type the path of the browser program')
  .max(4096, 'The path is too long')
  .refine((p) => !/[\0\r\n]/.test(p), 'The path must be one line')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Type the full path, such as /usr/bin/chromium or C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');

export const AppSettings = z.object({
  language: LanguageSetting,
  /** The browser accounts run in; null: the app finds one (main/browser/findBrowser.ts). */
  browserPath: BrowserPath.nullable(),
  startAtLogin: z.boolean(),
  /** When started at login: stay in the tray, no window. */
  startHidden: z.boolean(),
  /** Closing the window: keep the accounts running in the tray, or quit. */
  closeBehaviour: CloseBehaviour,
  /** Desktop notifications at all (an account needs attention, a new message where its switch is on). */
  notifications: z.boolean(),
  /** The backup interval an account starts with when its backup is turned on. */
  backupIntervalMin: z.number().int().min(1, 'Type a number of minutes from 1 to 1440').max(1440, 'Type a number of minutes from 1 to 1440'),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
  language: 'system',
  browserPath: null,
  startAtLogin: false,
  startHidden: true,
  closeBehaviour: 'keep-running',
  notifications: true,
  backupIntervalMin: 15,
});

/** A change to some settings; the others keep their value. */
export const SettingsPatch = AppSettings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** A browser the app found on this computer, or the one the user typed, once it started. */
export const BrowserInfo = z.object({
  path: z.string(),
  /** Where it came from: the user's setting, shipped with the app, or installed on the system. */
  source: z.enum(['setting', 'bundled', 'system']),
  /** A headless shell runs accounts but cannot show "Open WhatsApp"'s window. */
  headlessShell: z.boolean(),
});
export type BrowserInfo = z.infer<typeof BrowserInfo>;

/** What the Settings screen shows about browsers: every one found, and the one new accounts start in. */
export const BrowserList = z.object({
  detected: z.array(BrowserInfo),
  inUse: BrowserInfo.nullable(),
});
export type BrowserList = z.infer<typeof BrowserList>;

/** A browser that started once and said its version ("Chrome/131.0.6778.85"). */
export const BrowserCheck = z.object({ path: z.string(), version: z.string() });
export type BrowserCheck = z.infer<typeof BrowserCheck>;
