import { join } from 'node:path';
import { isExecutableFile as executable } from '../util/executable';

export type BrowserSource = 'setting' | 'bundled' | 'system';

export interface BrowserChoice {
  executablePath: string;
  source: BrowserSource;
  /** A headless-shell binary runs leaner (no browser UI code); see docs/decisions/005-one-chromium-per-account.md. */
  headlessShell: boolean;
}

export interface FindBrowserOptions {
  /** The user's own choice (settings), tried first. */
  setting?: string | null;
  /** Folder of a browser shipped with the app (Electron: resources/browser), tried next. */
  bundledDir?: string | null;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  isExecutable?: (path: string) => boolean;
  /**
   * 'any' (the accounts' default) takes a headless-shell binary first, the leanest for a hidden page;
   * 'full' skips headless shells, for what must run a full browser: a visible window, Playwright's
   * pages, and stock whatsapp-web.js's defaults in the benchmarks.
   */
  kind?: 'any' | 'full';
}

/** Where each OS keeps Chrome, Chromium, Edge and Brave, in order of preference. */
export function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'Brave Browser.app/Contents/MacOS/Brave Browser'];
    return [...apps.map((a) => join('/Applications', a)), ...(env.HOME ? apps.map((a) => join(env.HOME!, 'Applications', a)) : [])];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    const rel = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'];
    return rel.flatMap((r) => roots.map((root) => `${root}\\${r}`));
  }
  // Debian's chromium-headless-shell on PATH is a shell script that does not exec: the pid puppeteer
  // would hold is the shell's, so a killed or orphaned browser could not be told apart. Use the binary.
  return ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
    '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/microsoft-edge', '/usr/bin/brave-browser'];
}

const BUNDLED_NAMES: Record<string, string[]> = {
  darwin: ['chrome-headless-shell', 'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'],
  win32: ['chrome-headless-shell.exe', 'chrome.exe'],
  linux: ['chrome-headless-shell', 'chrome'],
};

export function isHeadlessShell(path: string): boolean {
  return /headless[-_]shell/i.test(path);
}

/** The user's setting, then a browser bundled with the app, then the system's browsers; null if none. */
export function findBrowser(opts: FindBrowserOptions = {}): BrowserChoice | null {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const ok = opts.isExecutable ?? executable;
  const usable = (p: string) => ok(p) && (opts.kind !== 'full' || !isHeadlessShell(p));
  if (opts.setting && usable(opts.setting)) return { executablePath: opts.setting, source: 'setting', headlessShell: isHeadlessShell(opts.setting) };
  if (opts.bundledDir) {
    for (const name of BUNDLED_NAMES[platform] ?? BUNDLED_NAMES.linux!) {
      const p = join(opts.bundledDir, name);
      if (usable(p)) return { executablePath: p, source: 'bundled', headlessShell: isHeadlessShell(p) };
    }
  }
  for (const p of systemCandidates(platform, env)) if (usable(p)) return { executablePath: p, source: 'system', headlessShell: isHeadlessShell(p) };
  return null;
}

/** Every browser the search would consider, in its order (the Settings screen lists them): bundled, then the system's. */
export function detectedBrowsers(opts: Omit<FindBrowserOptions, 'setting' | 'kind'> = {}): BrowserChoice[] {
  const platform = opts.platform ?? process.platform;
  const ok = opts.isExecutable ?? executable;
  const bundled = opts.bundledDir ? (BUNDLED_NAMES[platform] ?? BUNDLED_NAMES.linux!).map((n) => join(opts.bundledDir!, n)) : [];
  return [
    ...bundled.filter(ok).map((p) => ({ executablePath: p, source: 'bundled' as const, headlessShell: isHeadlessShell(p) })),
    ...systemCandidates(platform, opts.env ?? process.env).filter(ok).map((p) => ({ executablePath: p, source: 'system' as const, headlessShell: isHeadlessShell(p) })),
  ];
}

/** What to tell a person who has no browser the app can use. */
export function browserInstallHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Install Google Chrome (or Chromium, Edge or Brave) in /Applications, or choose a browser in Settings, then press Retry.';
  if (platform === 'win32') return 'Install Google Chrome or Microsoft Edge, or choose a browser in Settings, then press Retry.';
  return 'Install Chromium (Debian/Ubuntu: sudo apt install chromium) or Google Chrome, or choose a browser in Settings, then press Retry.';
}

/**
 * The app's browser search as the hosts configure it: the user's setting and the bundled folder; the
 * setting 'none' (a development hook) means no browser at all, so accounts explain what to install.
 * `setting` may be a function that answers the setting at each search.
 */
export function appBrowserFinder(setting?: string | null | (() => string | null | undefined), bundledDir?: string | null): BrowserFinder {
  // A function: the Settings screen's choice, read at every search, so a new path applies to the next start.
  const current = typeof setting === 'function' ? setting : () => setting;
  return (kind) => {
    const choice = current();
    return choice === 'none' ? null : findBrowser({ setting: choice, bundledDir, kind });
  };
}

/** What accounts look for: by default any browser, `'full'` for one that can show a window ("Open WhatsApp"). */
export type BrowserFinder = (kind?: 'any' | 'full') => BrowserChoice | null;
