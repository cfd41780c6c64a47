import { EventEmitter } from 'node:events';
import type { SessionFailureCode, SessionState } from '../../preload/contract';
import { browserInstallHint, type BrowserChoice, type BrowserFinder } from '../browser/findBrowser';
import type { Logger } from '../log';
import { withTimeout } from '../util/time';
import { EffectQueue } from './EffectQueue';
import { releaseStaleProfile } from './profileLock';
import { listenToBrowser, listenToClient, type WaEventName } from './clientEvents';
import { ATTEMPT_TIMERS, type Display, type MachineState, type SessionEffect, type SessionEvent } from './sessionEvents';
import { deleteProfile, profileDir } from './sessionFolder';
import { initialState, next } from './sessionMachine';
import type { SessionSettings } from './sessionSettings';
import { Timers } from './Timers';
import { closeClient, createClient, errText, refreshQrIfIdle, type Client, type ClientOptions } from './wwebjsClient';

export { DEFAULT_SESSION_SETTINGS, type SessionSettings } from './sessionSettings';
export { WA_EVENTS, type WaEventName } from './clientEvents';

export interface AccountSessionDeps {
  id: string;
  /** LocalAuth's dataPath: `<data folder>/sessions`. */
  sessionsDir: string;
  settings: SessionSettings;
  findBrowser: BrowserFinder;
  linked: boolean;
  log: Logger;
  now?: () => number;
  /** Builds the whatsapp-web.js client (tests pass a fake one). */
  createClient?: (o: ClientOptions) => Client;
  /** A temporary account: NoAuth, its profile in `sessionsDir` only while it runs (temporaryAccounts.ts). */
  temporary?: boolean;
  /** The account's proxy for each launch (accountProxy.ts). */
  proxy?: () => ClientOptions['proxy'];
}

export interface AccountSessionEvents {
  state: [state: SessionState, reason: string];
  linked: [linked: boolean];
  /** A problem the user has to act on (the shell shows an OS notification). */
  attention: [title: string, body: string];
  /** A message-related event of the current client (Messaging.ts reads them); never one of an older client. */
  wa: [name: WaEventName, args: unknown[]];
}

/**
 * One account: one whatsapp-web.js Client with its own Chromium, supervised. What happens when is
 * decided by the pure session machine (sessionMachine.ts); this class feeds it events and runs the
 * effects it answers, one after another. Every client gets a generation number and every event from a
 * client, a timer or an effect carries the generation it belongs to: `send` drops the old ones, in one
 * place. After any disconnect the client is destroyed and a fresh one created (a re-link inside the old
 * browser is not persisted: docs/whatsapp-web.js.md, "Phone unlink re-injects into the same browser").
 */
export class AccountSession extends EventEmitter<AccountSessionEvents> {
  private machine: MachineState;
  /** What effects have shown so far (the machine runs ahead of its effects). */
  private current: SessionState = { kind: 'stopped' };
  private linked: boolean;
  private client?: Client;
  private browser?: BrowserChoice;
  private readonly timers = new Timers();
  /** The machine's effects, run in the order their events came. */
  private readonly effects = new EffectQueue<SessionEffect>(
    (e) => this.run(e),
    (e, err) => this.deps.log.error('session effect failed', { effect: e.type, error: errText(err) }),
  );
  private logoutWaiters: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly deps: AccountSessionDeps) {
    super();
    this.machine = initialState(deps.linked);
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

  /** The client while the account is Ready: what sending and listing chats go through. */
  get readyClient(): Client | undefined {
    return this.current.kind === 'ready' ? this.client : undefined;
  }

  /** The browser's process id while one runs (tests and the memory benchmark read it). */
  get browserPid(): number | undefined {
    return this.client?.pupBrowser?.process()?.pid;
  }

  /** Starts (or restarts) with fresh attempts: restores a linked account, otherwise shows a QR. */
  start(opts: { pairWithPhone?: string } = {}): Promise<void> {
    return this.send(opts.pairWithPhone ? { type: 'link', phone: opts.pairWithPhone } : { type: 'start' }).done;
  }

  /** Same as start, after a pause or a failure: fresh attempts, a fresh browser. */
  retry(): Promise<void> {
    return this.send({ type: 'retry' }).done;
  }

  /** Closes the browser and keeps the session on disk. */
  stop(reason = 'stopped'): Promise<void> {
    return this.send({ type: 'stop', reason }).done;
  }

  /** Unlinks this computer on the phone (when WhatsApp can be reached) and deletes the local session. */
  async logout(): Promise<void> {
    let finished!: () => void;
    const over = new Promise<void>((resolve) => this.logoutWaiters.push((finished = resolve)));
    const { effects, done } = this.send({ type: 'logout' });
    await done;
    if (effects.some((e) => e.type === 'ignored')) {
      this.logoutWaiters = this.logoutWaiters.filter((w) => w !== finished);
      return;
    }
    await over;
  }

  /** "Open WhatsApp": a Ready account's browser restarts as a visible window on the same profile (AccountWindows.ts checks for a display). */
  openWindow(): Promise<void> {
    return this.send({ type: 'open-window' }).done;
  }

  /** Back to the hidden browser, still linked. */
  closeWindow(): Promise<void> {
    return this.send({ type: 'close-window' }).done;
  }

  /** A window was asked for (it may still be opening). */
  get display(): Display {
    return this.machine.display;
  }

  /** What the Ready page shows now, as PNG bytes; undefined when the account is not Ready. */
  async picture(): Promise<Uint8Array | undefined> {
    const page = this.readyClient?.pupPage;
    return page ? await page.screenshot({ type: 'png' }) : undefined;
  }

  /** Refuses to start (e.g. another computer holds the account's lease): the user decides. */
  block(code: SessionFailureCode, message: string): Promise<void> {
    return this.send({ type: 'block', code, message }).done;
  }

  /** Stops for good (the account is being removed or the app quits). */
  dispose(): Promise<void> {
    return this.send({ type: 'dispose' }).done;
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

  /**
   * The one way in for every event. `gen` is the generation of the client, timer or effect the event
   * comes from (none for the user's commands): an older one is dropped here, before the machine sees it.
   * The effects run after those of earlier events; `done` settles when they have.
   */
  private send(event: SessionEvent, gen?: number): { effects: SessionEffect[]; done: Promise<void> } {
    if (this.stale(gen)) return { effects: [], done: Promise.resolve() };
    const { state, effects } = next(this.machine, event, { settings: this.deps.settings, now: this.now(), random: Math.random() });
    this.machine = state;
    return { effects, done: this.effects.push(effects) };
  }

  /** The one generation check: true for an event of a replaced client, timer or effect. */
  private stale(gen: number | undefined): boolean {
    return gen !== undefined && gen !== this.machine.gen;
  }

  /** Message events bypass the machine (they change no state) but not the generation check: a restart never hears its old client. */
  private relay(name: WaEventName, args: unknown[], gen: number): void {
    if (!this.stale(gen)) this.emit('wa', name, args);
  }

  private run(e: SessionEffect): Promise<void> | void {
    switch (e.type) {
      case 'destroy': return this.destroy();
      case 'find-browser': {
        this.browser = this.deps.findBrowser(e.full ? 'full' : 'any') ?? undefined;
        this.send(this.browser ? { type: 'browser-found' } : { type: 'browser-missing', hint: browserInstallHint() }, e.gen);
        return;
      }
      // Not awaited: ending orphan browsers takes seconds, and a stop meanwhile must not wait for it.
      case 'prepare-profile': return void this.prepareProfile(e.wipe, e.gen);
      case 'launch': return this.launch(e.gen, e.restoreOnly, e.pairPhone, e.visible);
      case 'focus-window': return void this.client?.pupPage?.bringToFront().catch(() => undefined);
      case 'arm': return this.timers.arm(e.timer, e.ms, () => this.send({ type: 'timer', name: e.timer }, e.gen));
      case 'clear': return this.timers.clear(e.timer);
      case 'refresh-qr': {
        const client = this.client;
        if (client) void refreshQrIfIdle(client).catch((err: unknown) => this.send({ type: 'qr-refresh-failed', error: errText(err) }, e.gen));
        return;
      }
      case 'unlink-phone': return void this.unlinkPhone(e.gen);
      case 'delete-profile': return deleteProfile(this.deps.sessionsDir, this.deps.id).then(() => undefined);
      case 'emit': {
        this.current = e.state;
        this.emit('state', e.state, e.reason);
        return;
      }
      case 'linked': {
        this.linked = e.linked;
        this.emit('linked', e.linked);
        return;
      }
      case 'attention': return void this.emit('attention', e.title, e.body);
      case 'logout-done': return this.settleLogout();
      case 'dispose': {
        this.timers.clearAll();
        this.settleLogout();
        this.removeAllListeners();
        return;
      }
      case 'ignored': return this.deps.log.info('session event ignored', { phase: e.phase, event: e.event, loggingOut: e.loggingOut });
    }
  }

  /** Ends the current client (if any), waits for its browser to exit, and clears the attempt's timers. */
  private async destroy(): Promise<void> {
    for (const t of ATTEMPT_TIMERS) this.timers.clear(t);
    const client = this.client;
    this.client = undefined;
    if (client) await closeClient(client, this.deps.settings.timeouts.teardownMs);
  }

  private async prepareProfile(wipe: boolean, gen: number): Promise<void> {
    const { sessionsDir, id, log } = this.deps;
    try {
      const lock = await releaseStaleProfile(profileDir(sessionsDir, id));
      if (lock.status === 'held') return void this.send({ type: 'profile-held', holder: lock.holder }, gen);
      if (lock.status === 'orphan-ended') log.warn('ended browsers left over from a crash', { pids: lock.pids });
      if (wipe) await deleteProfile(sessionsDir, id);
      this.send({ type: 'profile-ready' }, gen);
    } catch (err) {
      this.send({ type: 'launch-failed', error: errText(err) }, gen);
    }
  }

  private launch(gen: number, restoreOnly: boolean, pairPhone?: string, visible?: boolean): void {
    const { settings, id, sessionsDir } = this.deps;
    if (!this.browser) throw new Error('launch before a browser was found');
    const client = (this.deps.createClient ?? createClient)({
      accountId: id,
      sessionsDir,
      restoreOnly,
      browser: this.browser,
      extraChromiumArgs: settings.extraChromiumArgs,
      pageTimeoutMs: settings.timeouts.pageMs,
      ...(this.deps.temporary ? { temporary: true } : {}),
      ...(this.deps.proxy?.() ? { proxy: this.deps.proxy() } : {}),
      ...(pairPhone ? { pairWithPhone: { phoneNumber: pairPhone, intervalMs: settings.pairingIntervalMs } } : {}),
      ...(visible ? { visible: true } : {}),
    });
    this.client = client;
    const send = (event: SessionEvent) => this.send(event, gen);
    listenToClient(client, { send, relay: (name, args) => this.relay(name, args, gen), log: this.deps.log });
    client.initialize().then(
      () => listenToBrowser(client, send),
      (err: unknown) => send({ type: 'launch-failed', error: errText(err) }),
    );
  }

  private async unlinkPhone(gen: number): Promise<void> {
    const client = this.client;
    if (client) {
      await withTimeout(client.logout(), this.deps.settings.timeouts.teardownMs).catch((err: unknown) =>
        this.deps.log.warn('logout on the phone failed; deleting the local session anyway', { error: errText(err) }));
    }
    this.send({ type: 'phone-unlinked' }, gen);
  }

  private settleLogout(): void {
    for (const resolve of this.logoutWaiters.splice(0)) resolve();
  }
}
