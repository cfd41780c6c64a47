// The one place tests, specs, benchmarks, the demo and the simulator's tools take their browser from.
// It is found exactly as the product finds one (main/browser/findBrowser.ts: setting, bundled, system),
// with CHROMIUM_PATH standing in for the user's setting. `npm test` checks first that one exists
// (scripts/prereqs/cli.ts) and installs it where it can.
import { findBrowser, type BrowserChoice } from '../main/browser/findBrowser';
import { noBrowserLine } from '../main/browser/installCommand';

export interface TestBrowserOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** 'full' (default): a full browser, as stock whatsapp-web.js and Playwright pages use; 'any': the accounts' choice. */
  kind?: 'any' | 'full';
}

export function testBrowserChoice(opts: TestBrowserOptions = {}): BrowserChoice | null {
  const env = opts.env ?? process.env;
  return findBrowser({ setting: env.CHROMIUM_PATH || null, env, platform: opts.platform, kind: opts.kind ?? 'full' });
}

/** The browser's path, or an error that says what to install. */
export function testBrowserPath(opts: TestBrowserOptions = {}): string {
  const choice = testBrowserChoice(opts);
  if (!choice) throw new Error(`${noBrowserLine()} (or set CHROMIUM_PATH)`);
  return choice.executablePath;
}

/** For the app under test: the user's setting it would have, when CHROMIUM_PATH names one. */
export function testBrowserSetting(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.CHROMIUM_PATH || null;
}
