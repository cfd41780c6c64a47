import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import QRCode from 'qrcode';
import wwebjs from 'whatsapp-web.js';
import type { SessionState } from '../../preload/contract';
import { browserInstallHint, type BrowserChoice } from '../browser/findBrowser';
import { launchOptions } from '../browser/launchOptions';
import type { Logger } from '../log';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './Backoff';
import { classifyDisconnect, LOGOUT_MESSAGES } from './disconnectReasons';
import { releaseStaleProfile } from './profileLock';
import { deleteProfile, profileDir } from './sessionFolder';

export interface SessionSettings {
  /** Watchdogs: page load to the first QR or sign-in; sign-in to ready; between sync progress steps. */
  timeouts: { pageMs: number; authToReadyMs: number; syncMs: number; teardownMs: number };
  /** How long a QR is shown as valid (WhatsApp: about 60 s for the first, 20 s for later ones). */
  qrFirstTtlMs: number;
  qrLaterTtlMs: number;
  /** Unscanned QRs before the account pauses instead of looping (users.md pain 10). */
  qrLimit: number;
  /** A pairing code is regenerated this often (whatsapp-web.js default: 3 min). */
  pairingIntervalMs: number;
  backoff: BackoffOptions;
  /** Development and test hook only: extra Chromium flags (the simulator's host mapping). */
  extraChromiumArgs: string[];
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  timeouts: { pageMs: 90_000, authToReadyMs: 120_000, syncMs: 180_000, teardownMs: 10_000 },
  qrFirstTtlMs: 60_000,
  qrLaterTtlMs: 20_000,
  qrLimit: 6,
  pairingIntervalMs: 180_000,
  backoff: DEFAULT_BACKOFF,
  extraChromiumArgs: [],
};

export interface AccountSessionDeps {
  id: string;
  /** LocalAuth's dataPath: `<data folder>/sessions`. */
  sessionsDir: string;
  settings: SessionSettings;
  findBrowser: () => BrowserChoice | null;
  linked: boolean;
  log: Logger;
  now?: () => number;
}

export interface AccountSessionEvents {
  state: [state: SessionState, reason: string];
  linked: [linked: boolean];
  /** A problem the user has to act on (the shell shows an OS notification). */
  attention: [title: string, body: string];
}

type Client = InstanceType<typeof wwebjs.Client>;

/**
 * A LocalAuth profile that must restore: if WhatsApp asks for a QR instead, the session was revoked
 * while the app was closed. Plain LocalAuth would just show a QR (wwebjs-1.34.7.md §4.3 f, §7 item 11).
 */
class RestoreOnlyLocalAuth extends wwebjs.LocalAuth {
  override onAuthenticationNeeded = async () => ({ failed: true, restart: false, failureEventPayload: 'session revoked' });
}

/**
 * One account: one whatsapp-web.js Client with its own Chromium, supervised. Every launch gets a new
 * generation number; events from an older client are ignored, and after any disconnect the client is
 * destroyed and a fresh one created (a re-link inside the old browser is not persisted, §7 item 6).
 */
export class AccountSession extends EventEmitter<AccountSessionEvents> {
  private client?: Client;
  private gen = 0;
  private current: SessionState = { kind: 'stopped' };
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly backoff: Backoff;
  private qrShown = 0;
  private pairPhone?: string;
  private linked: boolean;
  private loggingOut = false;
  private readonly now: () => number;

  constructor(private readonly deps: AccountSessionDeps) {
    super();
    this.backoff = new Backoff(deps.settings.backoff);
    this.linked = deps.linked;
    this.now = deps.now ?? Date.now;
  }

  get state(): SessionState {
    return this.current;
  }

  get isLinked(): boolean {
    return this.linked;
  }

  get running(): boolean {
    return this.client !== undefined || this.timers.has('retry');
  }

  /** The browser's process id while one runs (tests and the memory benchmark read it). */
  get browserPid(): number | undefined {
    return this.client?.pupBrowser?.process()?.pid;
  }

  /** Starts (or restarts) with fresh attempts: restores a linked account, otherwise shows a QR. */
  async start(opts: { pairWithPhone?: string } = {}): Promise<void> {
    await this.teardown();
    this.backoff.reset();
    this.qrShown = 0;
    this.pairPhone = opts.pairWithPhone;
    await this.launch();
  }

  /** Closes the browser and keeps the session on disk. */
  async stop(reason = 'stopped'): Promise<void> {
    await this.teardown();
    this.setState({ kind: 'stopped' }, reason);
  }

  /** Unlinks this computer on the phone (when WhatsApp can be reached) and deletes the local session. */
  async logout(): Promise<void> {
    this.loggingOut = true;
    try {
      if (this.linked && this.current.kind !== 'ready') {
        // Sign in quietly first so the phone's list of linked devices drops this computer too.
        await this.start().catch(() => undefined);
        await this.waitFor(['ready', 'logged-out', 'failed'], this.deps.settings.timeouts.pageMs).catch(() => undefined);
      }
      const client = this.client;
      if (client && this.current.kind === 'ready') {
        await withTimeout(client.logout(), this.deps.settings.timeouts.teardownMs).catch((err: unknown) =>
          this.deps.log.warn('logout on the phone failed; deleting the local session anyway', { error: errText(err) }));
      }
      await this.teardown();
      await deleteProfile(this.deps.sessionsDir, this.deps.id);
      this.setLinked(false);
      this.setState({ kind: 'logged-out', reason: 'logged-out-here', message: LOGOUT_MESSAGES['logged-out-here'] }, 'logged out by the user');
    } finally {
      this.loggingOut = false;
    }
  }

  /** Refuses to start (e.g. another computer holds the account's lease): the user decides. */
  async block(code: string, message: string): Promise<void> {
    await this.teardown();
    this.terminal(code, message);
  }

  /** Stops for good (the account is being removed or the app quits). */
  async dispose(): Promise<void> {
    await this.teardown();
    this.removeAllListeners();
  }

  /** Resolves when the state reaches one of `kinds`; rejects after `timeoutMs`. */
  waitFor(kinds: SessionState['kind'][], timeoutMs: number): Promise<SessionState> {
    if (kinds.includes(this.current.kind)) return Promise.resolve(this.current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('state', onState);
        reject(new Error(`still ${this.current.kind} after ${timeoutMs} ms`));
      }, timeoutMs);
      const onState = (s: SessionState) => {
        if (!kinds.includes(s.kind)) return;
        clearTimeout(timer);
        this.off('state', onState);
        resolve(s);
      };
      this.on('state', onState);
    });
  }

  private async launch(): Promise<void> {
    const gen = ++this.gen;
    this.clearTimers();
    const { settings, id, sessionsDir, log } = this.deps;
    const browser = this.deps.findBrowser();
    if (!browser) {
      return this.terminal('BROWSER_NOT_FOUND', `No Chrome, Chromium, Edge or Brave was found. ${browserInstallHint()}`);
    }
    this.setState({ kind: 'starting', phase: this.linked ? 'restore' : 'launch' }, this.linked ? 'restoring the saved session' : 'starting to link');
    const lock = await releaseStaleProfile(profileDir(sessionsDir, id));
    if (gen !== this.gen) return;
    if (lock.status === 'held') {
      return this.terminal('PROFILE_LOCKED', `This account's browser profile is in use by ${lock.holder}. Close it, then press Retry.`);
    }
    if (lock.status === 'orphan-ended') log.warn('ended browsers left over from a crash', { pids: lock.pids });
    // A new link always starts from an empty profile: nothing of an unlinked session can leak into it.
    if (!this.linked) await deleteProfile(sessionsDir, id);
    if (gen !== this.gen) return;

    const Auth = this.linked ? RestoreOnlyLocalAuth : wwebjs.LocalAuth;
    const client = new wwebjs.Client({
      authStrategy: new Auth({ clientId: id, dataPath: sessionsDir }),
      // Never the library's default './.wwebjs_cache' in the current directory (§3, §7 item 12).
      webVersionCache: { type: 'none' },
      puppeteer: launchOptions(browser, settings.extraChromiumArgs),
      authTimeoutMs: settings.timeouts.pageMs,
      qrMaxRetries: 0,
      takeoverOnConflict: false,
      ...(this.pairPhone ? { pairWithPhoneNumber: { phoneNumber: this.pairPhone, showNotification: false, intervalMs: settings.pairingIntervalMs } } : {}),
    });
    this.client = client;
    const on = (event: string, fn: (arg: unknown) => void) =>
      client.on(event, (arg: unknown) => {
        if (gen === this.gen) fn(arg);
      });
    on('qr', (qr) => void this.onQr(String(qr), gen));
    on('code', (code) => this.onCode(String(code)));
    on('loading_screen', (percent) => this.onProgress(Number(percent)));
    on('authenticated', () => this.onAuthenticated());
    on('ready', () => this.onReady(client));
    on('change_state', (s) => this.onConnectionState(String(s)));
    on('disconnected', (reason) => void this.onDisconnected(String(reason)));
    on('auth_failure', () => void this.onRevoked());
    this.arm('page', settings.timeouts.pageMs, () => void this.transient('PAGE_TIMEOUT', `WhatsApp Web did not load within ${seconds(settings.timeouts.pageMs)}.`, gen));

    try {
      await client.initialize();
    } catch (err) {
      if (gen === this.gen) await this.transient('LAUNCH_FAILED', `The browser for this account could not start WhatsApp Web (${errText(err)}).`, gen);
      return;
    }
    if (gen !== this.gen) return;
    client.pupBrowser?.on('disconnected', () => {
      if (gen === this.gen) void this.transient('BROWSER_EXITED', "This account's browser closed unexpectedly.", gen);
    });
  }

  private async onQr(qr: string, gen: number): Promise<void> {
    const { settings } = this.deps;
    this.clearTimer('page');
    this.qrShown += 1;
    if (this.qrShown > settings.qrLimit) return this.pause();
    const ttl = this.qrShown === 1 ? settings.qrFirstTtlMs : settings.qrLaterTtlMs;
    const expiresAt = this.now() + ttl;
    const qrImage = await QRCode.toDataURL(qr, { margin: 1, width: 288, errorCorrectionLevel: 'M' });
    if (gen !== this.gen) return;
    this.setState({ kind: 'qr', qr, qrImage, expiresAt, shown: this.qrShown, limit: settings.qrLimit }, this.qrShown === 1 ? 'waiting for a scan' : 'new QR code');
    this.arm('qr', ttl + 2_000, () => void this.onQrExpired(gen));
  }

  /** WhatsApp stops issuing QRs after a while (UNPAIRED_IDLE); the library's own refresh is broken (§7 item 7). */
  private async onQrExpired(gen: number): Promise<void> {
    if (gen !== this.gen || this.current.kind !== 'qr') return;
    if (this.qrShown >= this.deps.settings.qrLimit) return this.pause();
    const state = await this.client?.getState().catch(() => null);
    if (gen !== this.gen) return;
    if (state === 'UNPAIRED_IDLE') {
      await this.client?.pupPage?.evaluate("window.require('WAWebCmd').Cmd.refreshQR()")
        .catch((err: unknown) => this.transient('QR_REFRESH_FAILED', `Could not get a new QR code (${errText(err)}).`, gen));
    }
    this.arm('qr', this.deps.settings.qrLaterTtlMs, () => void this.onQrExpired(gen));
  }

  private async pause(): Promise<void> {
    const shown = Math.min(this.qrShown, this.deps.settings.qrLimit);
    await this.teardown();
    this.setState({ kind: 'qr-paused', shown }, `paused after ${shown} QR codes were not scanned`);
    this.emit('attention', 'Linking paused', `No QR code was scanned (${shown} shown). Press "Show a new QR" when your phone is at hand.`);
  }

  private onCode(code: string): void {
    this.clearTimer('page');
    this.setState({ kind: 'pairing-code', code, expiresAt: this.now() + this.deps.settings.pairingIntervalMs }, 'pairing code shown');
  }

  private onProgress(percent: number): void {
    this.clearTimer('page');
    this.clearTimer('qr');
    const gen = this.gen;
    this.arm('sync', this.deps.settings.timeouts.syncMs, () => void this.transient('SYNC_TIMEOUT', `Syncing with the phone stalled for ${seconds(this.deps.settings.timeouts.syncMs)}.`, gen));
    const p = Number.isFinite(percent) ? Math.max(0, Math.min(100, percent)) : 0;
    this.setState({ kind: 'syncing', percent: p }, 'syncing with the phone');
  }

  private onAuthenticated(): void {
    this.clearTimer('page');
    this.clearTimer('qr');
    // The phone now lists this device and the profile holds its keys: from here on, restore, never wipe.
    this.setLinked(true);
    const gen = this.gen;
    // 'authenticated' without 'ready' is the library's silent hang when WhatsApp changes (§6.2).
    this.arm('ready', this.deps.settings.timeouts.authToReadyMs, () =>
      void this.transient('READY_TIMEOUT', `Signed in, but WhatsApp did not finish loading within ${seconds(this.deps.settings.timeouts.authToReadyMs)}.`, gen));
    if (this.current.kind !== 'syncing') this.setState({ kind: 'syncing', percent: 100 }, 'signed in');
  }

  private onReady(client: Client): void {
    this.clearTimers();
    this.backoff.reset();
    this.qrShown = 0;
    this.pairPhone = undefined;
    this.setLinked(true);
    const info = client.info as unknown as { wid?: { user?: string }; pushname?: string } | undefined;
    this.setState({ kind: 'ready', phoneNumber: info?.wid?.user ?? '', pushName: info?.pushname ?? '' }, 'ready');
  }

  private lastReady?: Extract<SessionState, { kind: 'ready' }>;

  private onConnectionState(state: string): void {
    if (this.current.kind === 'ready' && ['TIMEOUT', 'OPENING', 'PAIRING'].includes(state)) {
      this.lastReady = this.current;
      this.setState({ kind: 'reconnecting', attempt: 0, nextTryAt: this.now(), reason: 'The connection to WhatsApp was lost; waiting for it to come back.' }, `connection ${state}`);
    } else if (this.current.kind === 'reconnecting' && state === 'CONNECTED' && this.lastReady) {
      this.setState(this.lastReady, 'connection back');
    }
  }

  private async onDisconnected(reason: string): Promise<void> {
    disarmLogoutReinit(this.client);
    if (this.loggingOut) return;
    const outcome = classifyDisconnect(reason);
    if (outcome.kind === 'transient') return this.transient(outcome.code, outcome.message, this.gen);
    await this.teardown();
    if (outcome.kind === 'terminal') return this.terminal(outcome.code, outcome.message);
    await deleteProfile(this.deps.sessionsDir, this.deps.id);
    this.setLinked(false);
    this.setState({ kind: 'logged-out', reason: outcome.reason, message: outcome.message }, `disconnected: ${reason}`);
    this.emit('attention', 'Logged out from your phone', outcome.message);
  }

  private async onRevoked(): Promise<void> {
    if (this.loggingOut) return;
    await this.teardown();
    await deleteProfile(this.deps.sessionsDir, this.deps.id);
    this.setLinked(false);
    this.setState({ kind: 'logged-out', reason: 'revoked-offline', message: LOGOUT_MESSAGES['revoked-offline'] }, 'session revoked while offline');
    this.emit('attention', 'Logged out', LOGOUT_MESSAGES['revoked-offline']);
  }

  /** A failure worth retrying: a fresh client after a capped, jittered delay; then the user decides. */
  private async transient(code: string, message: string, gen: number): Promise<void> {
    if (gen !== this.gen || this.loggingOut) return;
    await this.teardown();
    const step = this.backoff.next();
    if (!step) {
      return this.terminal(code, `${message} Gave up after ${this.deps.settings.backoff.maxAttempts} automatic retries; press Retry to try again.`);
    }
    const nextTryAt = this.now() + step.delayMs;
    this.setState({ kind: 'reconnecting', attempt: step.attempt, nextTryAt, reason: message }, `${code}: retry ${step.attempt} in ${seconds(step.delayMs)}`);
    this.arm('retry', step.delayMs, () => void this.launch());
  }

  private terminal(code: string, message: string): void {
    this.setState({ kind: 'failed', code, message }, code);
    this.emit('attention', 'Needs attention', message);
  }

  /** Ends the current client (if any) and waits for its browser to exit. */
  private async teardown(): Promise<void> {
    this.gen += 1;
    this.clearTimers();
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    const proc: ChildProcess | null | undefined = client.pupBrowser?.process();
    await withTimeout(client.destroy(), this.deps.settings.timeouts.teardownMs).catch(() => undefined);
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

  private setState(state: SessionState, reason: string): void {
    this.current = state;
    this.emit('state', state, reason);
  }

  private setLinked(linked: boolean): void {
    if (this.linked === linked) return;
    this.linked = linked;
    this.emit('linked', linked);
  }

  private arm(name: string, ms: number, fn: () => void): void {
    this.clearTimer(name);
    this.timers.set(name, setTimeout(() => {
      this.timers.delete(name);
      fn();
    }, ms));
  }

  private clearTimer(name: string): void {
    const t = this.timers.get(name);
    if (t) clearTimeout(t);
    this.timers.delete(name);
  }

  private clearTimers(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * On a phone unlink the library deletes the profile while Chromium still runs, recreates it and
 * re-injects into the same browser (§2.1 step 5, §7 items 6 and 8): that re-link is never persisted,
 * the delete fails on Windows (EBUSY, users.md pain 7) and the re-inject rejects unhandled once we close
 * the browser. Our `disconnected` handler runs before any of it, so switch it off there; the session
 * closes the browser and deletes the profile itself, after the browser has exited.
 */
function disarmLogoutReinit(client: Client | undefined): void {
  if (!client) return;
  const c = client as unknown as { inject: () => Promise<void>; authStrategy: Record<string, unknown> };
  const noop = async () => {};
  c.inject = noop;
  c.authStrategy.logout = noop;
  c.authStrategy.beforeBrowserInitialized = noop;
  c.authStrategy.afterBrowserInitialized = noop;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function errText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 160);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then((v) => {
      clearTimeout(t);
      resolve(v);
    }, (e: unknown) => {
      clearTimeout(t);
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}
