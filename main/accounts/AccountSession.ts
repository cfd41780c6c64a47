import { EventEmitter } from 'node:events';
import QRCode from 'qrcode';
import type { SessionState } from '../../preload/contract';
import { browserInstallHint, type BrowserChoice } from '../browser/findBrowser';
import type { Logger } from '../log';
import { withTimeout } from '../util/time';
import { Backoff } from './Backoff';
import { classifyDisconnect, LOGOUT_MESSAGES } from './disconnectReasons';
import { releaseStaleProfile } from './profileLock';
import { deleteProfile, profileDir } from './sessionFolder';
import type { SessionSettings } from './sessionSettings';
import { Timers } from './Timers';
import { closeClient, createClient, disarmLogoutReinit, errText, seconds, type Client } from './wwebjsClient';

export { DEFAULT_SESSION_SETTINGS, type SessionSettings } from './sessionSettings';

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

/**
 * One account: one whatsapp-web.js Client with its own Chromium, supervised. Every launch gets a new
 * generation number; events from an older client are ignored, and after any disconnect the client is
 * destroyed and a fresh one created (a re-link inside the old browser is not persisted: docs/whatsapp-web.js.md, "Phone unlink re-injects into the same browser").
 */
export class AccountSession extends EventEmitter<AccountSessionEvents> {
  private client?: Client;
  private gen = 0;
  private current: SessionState = { kind: 'stopped' };
  private readonly timers = new Timers();
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
    this.timers.clearAll();
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

    const client = createClient({
      accountId: id,
      sessionsDir,
      restoreOnly: this.linked,
      browser,
      extraChromiumArgs: settings.extraChromiumArgs,
      pageTimeoutMs: settings.timeouts.pageMs,
      ...(this.pairPhone ? { pairWithPhone: { phoneNumber: this.pairPhone, intervalMs: settings.pairingIntervalMs } } : {}),
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
    this.timers.arm('page', settings.timeouts.pageMs, () => void this.transient('PAGE_TIMEOUT', `WhatsApp Web did not load within ${seconds(settings.timeouts.pageMs)}.`, gen));

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
    this.timers.clear('page');
    this.qrShown += 1;
    if (this.qrShown > settings.qrLimit) return this.pause();
    const ttl = this.qrShown === 1 ? settings.qrFirstTtlMs : settings.qrLaterTtlMs;
    const expiresAt = this.now() + ttl;
    const qrImage = await QRCode.toDataURL(qr, { margin: 1, width: 288, errorCorrectionLevel: 'M' });
    if (gen !== this.gen) return;
    this.setState({ kind: 'qr', qr, qrImage, expiresAt, shown: this.qrShown, limit: settings.qrLimit }, this.qrShown === 1 ? 'waiting for a scan' : 'new QR code');
    this.timers.arm('qr', ttl + 2_000, () => void this.onQrExpired(gen));
  }

  /** WhatsApp stops issuing QRs after a while (UNPAIRED_IDLE); the library's own refresh is broken (docs/whatsapp-web.js.md, "QR refresh after UNPAIRED_IDLE is broken"). */
  private async onQrExpired(gen: number): Promise<void> {
    if (gen !== this.gen || this.current.kind !== 'qr') return;
    if (this.qrShown >= this.deps.settings.qrLimit) return this.pause();
    const state = await this.client?.getState().catch(() => null);
    if (gen !== this.gen) return;
    if (state === 'UNPAIRED_IDLE') {
      await this.client?.pupPage?.evaluate("window.require('WAWebCmd').Cmd.refreshQR()")
        .catch((err: unknown) => this.transient('QR_REFRESH_FAILED', `Could not get a new QR code (${errText(err)}).`, gen));
    }
    this.timers.arm('qr', this.deps.settings.qrLaterTtlMs, () => void this.onQrExpired(gen));
  }

  private async pause(): Promise<void> {
    const shown = Math.min(this.qrShown, this.deps.settings.qrLimit);
    await this.teardown();
    this.setState({ kind: 'qr-paused', shown }, `paused after ${shown} QR codes were not scanned`);
    this.emit('attention', 'Linking paused', `No QR code was scanned (${shown} shown). Press "Show a new QR" when your phone is at hand.`);
  }

  private onCode(code: string): void {
    this.timers.clear('page');
    this.setState({ kind: 'pairing-code', code, expiresAt: this.now() + this.deps.settings.pairingIntervalMs }, 'pairing code shown');
  }

  private onProgress(percent: number): void {
    this.timers.clear('page');
    this.timers.clear('qr');
    const gen = this.gen;
    this.timers.arm('sync', this.deps.settings.timeouts.syncMs, () => void this.transient('SYNC_TIMEOUT', `Syncing with the phone stalled for ${seconds(this.deps.settings.timeouts.syncMs)}.`, gen));
    const p = Number.isFinite(percent) ? Math.max(0, Math.min(100, percent)) : 0;
    this.setState({ kind: 'syncing', percent: p }, 'syncing with the phone');
  }

  private onAuthenticated(): void {
    this.timers.clear('page');
    this.timers.clear('qr');
    // The phone now lists this device and the profile holds its keys: from here on, restore, never wipe.
    this.setLinked(true);
    const gen = this.gen;
    // 'authenticated' without 'ready' is the library's silent hang when WhatsApp changes (docs/whatsapp-web.js.md, "Authenticated but never ready").
    this.timers.arm('ready', this.deps.settings.timeouts.authToReadyMs, () =>
      void this.transient('READY_TIMEOUT', `Signed in, but WhatsApp did not finish loading within ${seconds(this.deps.settings.timeouts.authToReadyMs)}.`, gen));
    if (this.current.kind !== 'syncing') this.setState({ kind: 'syncing', percent: 100 }, 'signed in');
  }

  private onReady(client: Client): void {
    this.timers.clearAll();
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
    this.timers.arm('retry', step.delayMs, () => void this.launch());
  }

  private terminal(code: string, message: string): void {
    this.setState({ kind: 'failed', code, message }, code);
    this.emit('attention', 'Needs attention', message);
  }

  /** Ends the current client (if any) and waits for its browser to exit. */
  private async teardown(): Promise<void> {
    this.gen += 1;
    this.timers.clearAll();
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await closeClient(client, this.deps.settings.timeouts.teardownMs);
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

}

