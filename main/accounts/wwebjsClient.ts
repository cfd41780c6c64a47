import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import wwebjs from 'whatsapp-web.js';
import type { BrowserChoice } from '../browser/findBrowser';
import { launchOptions, proxyArgs, windowed } from '../browser/launchOptions';
import { withTimeout } from '../util/time';
import type { ResolvedProxy } from './accountProxy';
import { profileDir } from './sessionFolder';

export type Client = InstanceType<typeof wwebjs.Client>;

/**
 * A LocalAuth profile that must restore: if WhatsApp asks for a QR instead, the session was revoked
 * while the app was closed. Plain LocalAuth would just show a QR (docs/whatsapp-web.js.md, "auth_failure never fires with the built-in strategies").
 */
class RestoreOnlyLocalAuth extends wwebjs.LocalAuth {
  override onAuthenticationNeeded = async () => ({ failed: true, restart: false, failureEventPayload: 'session revoked' });
}

/** The same for a temporary account that linked and then lost its connection within one run. */
class RestoreOnlyNoAuth extends wwebjs.NoAuth {
  override onAuthenticationNeeded = async () => ({ failed: true, restart: false, failureEventPayload: 'session revoked' });
}

export interface ClientOptions {
  accountId: string;
  /** LocalAuth's dataPath; for a temporary account, the temp folder its NoAuth profile is made in. */
  sessionsDir: string;
  /** NoAuth: nothing of the session is saved by the library; the profile is deleted by the app (temporaryAccounts.ts). */
  temporary?: boolean;
  /** The account's proxy, with the credentials the page answers a proxy's sign-in request with. */
  proxy?: ResolvedProxy;
  /** A linked account must restore; a QR means its session was revoked. */
  restoreOnly: boolean;
  browser: BrowserChoice;
  extraChromiumArgs: string[];
  pageTimeoutMs: number;
  pairWithPhone?: { phoneNumber: string; intervalMs: number };
  /** A visible browser window on the same profile instead of headless ("Open WhatsApp"). */
  visible?: boolean;
}

/** One whatsapp-web.js Client for one account, with every path absolute and a fresh options object. */
export function createClient(o: ClientOptions): Client {
  const hidden = launchOptions(o.browser, [...o.extraChromiumArgs, ...proxyArgs(o.proxy?.server)]);
  const puppeteer = o.visible ? windowed(hidden) : hidden;
  return new wwebjs.Client({
    authStrategy: o.temporary ? temporaryAuth(o, puppeteer) : new (o.restoreOnly ? RestoreOnlyLocalAuth : wwebjs.LocalAuth)({ clientId: o.accountId, dataPath: o.sessionsDir }),
    // Never the library's default './.wwebjs_cache' in the current directory (docs/whatsapp-web.js.md, "The default web cache writes into the current directory").
    webVersionCache: { type: 'none' },
    puppeteer,
    // The library calls puppeteer's page.authenticate with it, which answers the proxy's 407 (HTTP and HTTPS proxies).
    ...(o.proxy?.credentials ? { proxyAuthentication: o.proxy.credentials } : {}),
    authTimeoutMs: o.pageTimeoutMs,
    qrMaxRetries: 0,
    takeoverOnConflict: false,
    ...(o.pairWithPhone ? { pairWithPhoneNumber: { phoneNumber: o.pairWithPhone.phoneNumber, showNotification: false, intervalMs: o.pairWithPhone.intervalMs } } : {}),
  });
}

/**
 * NoAuth never chooses a folder: without userDataDir puppeteer makes one in the OS temp folder and
 * removes it only on a clean close, so a crash would leave the session where the app never looks.
 * Give it one under the data folder instead, removed on stop, quit and the next start.
 */
function temporaryAuth(o: ClientOptions, puppeteer: { userDataDir?: string }): InstanceType<typeof wwebjs.NoAuth> {
  const dir = profileDir(o.sessionsDir, o.accountId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  puppeteer.userDataDir = dir;
  return o.restoreOnly ? new RestoreOnlyNoAuth() : new wwebjs.NoAuth();
}

/**
 * DevTools runs over a pipe (main/browser/launchOptions.ts), and puppeteer drops its error listener
 * from that pipe once the connection closes: a browser that dies after that (our SIGKILL in
 * closeClient, a crash after the library's own destroy) makes the pipe emit ECONNRESET with nobody
 * listening, an uncaught exception that ends the app. A read error on a dead browser's pipe means
 * nothing here: listen for good.
 */
export function ignorePipeErrors(client: Client): void {
  for (const stream of client.pupBrowser?.process()?.stdio ?? []) stream?.on('error', () => undefined);
}

/** Destroys the client and makes sure its browser process is gone (SIGKILL if it lingers). */
export async function closeClient(client: Client, timeoutMs: number): Promise<void> {
  const proc: ChildProcess | null | undefined = client.pupBrowser?.process();
  ignorePipeErrors(client);
  await withTimeout(client.destroy(), timeoutMs).catch(() => undefined);
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    proc.kill('SIGKILL');
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 5_000);
      proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

/**
 * On a phone unlink the library deletes the profile while Chromium still runs, recreates it and
 * re-injects into the same browser (docs/whatsapp-web.js.md, "Phone unlink re-injects into the same browser"): that re-link is never persisted,
 * the delete fails on Windows (EBUSY; docs/user-needs.md, "Windows locks files on unlink") and the re-inject rejects unhandled once we close
 * the browser. Our `disconnected` handler runs before any of it, so switch it off there; the session
 * closes the browser and deletes the profile itself, after the browser has exited.
 */
export function disarmLogoutReinit(client: Client | undefined): void {
  if (!client) return;
  const c = client as unknown as { inject: () => Promise<void>; authStrategy: Record<string, unknown> };
  const noop = async () => {};
  c.inject = noop;
  c.authStrategy.logout = noop;
  c.authStrategy.beforeBrowserInitialized = noop;
  c.authStrategy.afterBrowserInitialized = noop;
}

/**
 * A QR that outlived its lifetime: if the page went UNPAIRED_IDLE it stops issuing QRs and the library's
 * own refresh is broken (docs/whatsapp-web.js.md, "QR refresh after UNPAIRED_IDLE is broken"), so ask
 * the page itself. Rejects only when that request fails.
 */
export async function refreshQrIfIdle(client: Client): Promise<void> {
  const state = await client.getState().catch(() => null);
  if (state === 'UNPAIRED_IDLE') await client.pupPage?.evaluate("window.require('WAWebCmd').Cmd.refreshQR()");
}

/** The signed-in number and name, once `ready` came. */
export function signedInAs(client: Client): { phoneNumber: string; pushName: string } {
  const info = client.info as unknown as { wid?: { user?: string }; pushname?: string } | undefined;
  return { phoneNumber: info?.wid?.user ?? '', pushName: info?.pushname ?? '' };
}

export function errText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 160);
}
