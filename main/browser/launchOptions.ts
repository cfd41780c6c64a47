import type { BrowserChoice } from './findBrowser';

/**
 * Chromium flags that cost nothing for a hidden WhatsApp Web page and save about half of each account's
 * private memory (measured in docs/decisions/005-one-chromium-per-account.md): no GPU process, one renderer, none of new headless's
 * omnibox WebUI, the network service in the browser process; and no calls home on a closed network.
 */
export const LEAN_ARGS = [
  '--disable-gpu',
  '--disable-software-rasterizer',
  '--renderer-process-limit=1',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
  '--enable-features=NetworkServiceInProcess2',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
] as const;

export interface LaunchOptions {
  executablePath: string;
  /** Set for a temporary account's NoAuth profile (main/accounts/wwebjsClient.ts); LocalAuth sets its own. */
  userDataDir?: string;
  headless: boolean | 'shell';
  args: string[];
  /**
   * DevTools over a pipe, never a port: puppeteer's default opens an unauthenticated DevTools port on
   * 127.0.0.1 that any local user could use to drive the account's WhatsApp page. With a pipe the
   * browser also exits when the host dies (its end of the pipe closes).
   */
  pipe: true;
}

/**
 * A fresh object for every client: whatsapp-web.js merges defaults by reference and LocalAuth writes
 * userDataDir into it (docs/whatsapp-web.js.md, "Options are merged by reference"), so two accounts must never share one.
 */
export function launchOptions(browser: BrowserChoice, extraArgs: readonly string[] = [], isRoot = process.getuid?.() === 0): LaunchOptions {
  return {
    executablePath: browser.executablePath,
    headless: browser.headlessShell ? 'shell' : true,
    pipe: true,
    // Chromium refuses to start as root with its sandbox on (CI containers run as root).
    args: [...LEAN_ARGS, ...(isRoot ? ['--no-sandbox'] : []), ...extraArgs],
  };
}

/**
 * The account's proxy for all of its browser's traffic. Chromium never falls back to a direct
 * connection for a fixed proxy, so a proxy that is down fails the page load at once (net::ERR_PROXY_*)
 * instead of leaking the account's traffic past it.
 */
export function proxyArgs(server: string | undefined): string[] {
  return server ? [`--proxy-server=${server}`] : [];
}

/**
 * The same browser as a visible window ("Open WhatsApp"): puppeteer's `headless: false`, which needs a
 * full browser (a headless shell has no window to show).
 */
export function windowed(options: LaunchOptions): LaunchOptions {
  return { ...options, headless: false };
}
