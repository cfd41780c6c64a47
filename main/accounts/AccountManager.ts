import { EventEmitter } from 'node:events';
import type { ProxyInput, SessionFailureCode, SessionState, TimelineEntry } from '../../preload/contract';
import type { StoredAccount } from '../db/AccountsRepo';
import { notFound } from '../errors';
import { AccountProxies } from './accountProxy';
import { AccountSession } from './AccountSession';
import { ALWAYS_START, type AccountRecord, type AccountsForBackup, type StartGate } from './AccountsPort';
import { AccountWindows } from './AccountWindows';
import { Messaging } from './Messaging';
import { deleteProfile, emptyTrash, profileDir } from './sessionFolder';
import { endTemporaryAccounts, purgeTemporary, sessionsDirOf } from './temporaryAccounts';
import { newAccountId, writeOrBlock, type AccountManagerDeps } from './accountHelpers';

export { isDiskFull, newAccountId } from './accountHelpers';
export type { AccountManagerDeps } from './accountHelpers';

export interface AccountManagerEvents {
  changed: [accounts: AccountRecord[]];
  /** Every session state change, with the account's id (the backup service follows these). */
  state: [id: string, state: SessionState];
  attention: [notice: { id: string; label: string; title: string; body: string }];
}

const SETTLED: SessionState['kind'][] = ['qr', 'qr-paused', 'pairing-code', 'syncing', 'ready', 'reconnecting', 'logged-out', 'failed', 'stopped'];

/** Owns the set of accounts and one supervised AccountSession each; re-emits their changes with the id. */
export class AccountManager extends EventEmitter<AccountManagerEvents> implements AccountsForBackup {
  private readonly sessions = new Map<string, AccountSession>();
  private readonly now: () => number;
  private readonly gate: StartGate;
  /** Send, list chats, mark seen, and hear messages (MessagingPort.ts), over each Ready session. */
  readonly messaging: Messaging;
  /** "Open WhatsApp": a visible window, or a picture where there is no display (AccountWindows.ts). */
  readonly windows: AccountWindows;
  private readonly proxies: AccountProxies;

  constructor(private readonly deps: AccountManagerDeps) {
    super();
    this.messaging = new Messaging(deps.log);
    this.windows = new AccountWindows({ session: (id) => this.session(id), findBrowser: deps.findBrowser, now: deps.now });
    this.now = deps.now ?? Date.now;
    this.gate = deps.startGate ?? ALWAYS_START;
    this.proxies = new AccountProxies(deps.proxyRepo, deps.secrets);
    // Temporary accounts of a run that was killed end here, before anything can show or start them.
    for (const id of purgeTemporary(deps.repo, deps.sessionsDir, deps.log)) void this.proxies.forget(id, deps.log);
    for (const stored of deps.repo.list()) this.attach(stored);
  }

  list(): AccountRecord[] {
    return this.deps.repo.list().map((a) => this.view(a));
  }

  get(id: string): AccountRecord {
    const account = this.find(id);
    if (!account) throw notFound('That account');
    return account;
  }

  find(id: string): AccountRecord | undefined {
    const stored = this.deps.repo.get(id);
    return stored && this.view(stored);
  }

  profileDir(id: string): string {
    return profileDir(sessionsDirOf(this.deps.sessionsDir, this.deps.repo.get(id)), id);
  }

  /** Restarts the accounts that were running, a few at a time so the app stays responsive. */
  async start(): Promise<void> {
    // The queue is what was running when the app last stopped; accounts added or started meanwhile
    // are already on their way and must not be started a second time (that would replace their QR).
    const queue = this.deps.repo.list().filter((a) => a.running);
    await emptyTrash(this.deps.sessionsDir);
    const workers = Array.from({ length: Math.max(1, this.deps.startConcurrency ?? 2) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const session = this.sessions.get(next.id);
        if (!session || session.running || session.state.kind !== 'stopped' || !this.deps.repo.get(next.id)?.running) continue;
        // Its start (lease and proxy checks included) first, then until it settles: waiting on a session that
        // has not left 'stopped' yet would count it as settled at once, and start every account together.
        await this.kick(next.id, () => session.start());
        await session.waitFor(SETTLED, this.deps.settings.timeouts.pageMs).catch(() => undefined);
      }
    });
    await Promise.all(workers);
  }

  /** Closes every browser; sessions stay on disk and running accounts start again next time. Temporary accounts end. */
  async stop(): Promise<void> {
    const ids = [...this.sessions.keys()];
    await Promise.all([...this.sessions.values()].map((s) => s.dispose()));
    this.sessions.clear();
    await endTemporaryAccounts(this.deps.repo, ids, this.deps.sessionsDir, this.deps.log, (id) => this.proxies.forget(id, this.deps.log));
  }

  /** Adds an account and starts linking it at once; a temporary one (NoAuth) is never saved past its run. */
  add(label: string, opts: { temporary?: boolean } = {}): AccountRecord {
    const stored: StoredAccount = { id: newAccountId(), label, createdAt: this.now(), running: true, linked: false, temporary: opts.temporary === true };
    this.deps.repo.insert(stored);
    this.deps.repo.addEvent(stored.id, this.now(), 'added', stored.temporary ? 'added by the user as a temporary account' : 'added by the user');
    const session = this.attach(stored);
    void this.kick(stored.id, () => session.start());
    this.announce();
    return this.get(stored.id);
  }

  rename(id: string, label: string): AccountRecord {
    if (!this.deps.repo.rename(id, label)) throw notFound('That account');
    this.announce();
    return this.get(id);
  }

  startAccount(id: string): AccountRecord {
    const session = this.session(id);
    this.deps.repo.setRunning(id, true);
    void this.kick(id, () => session.start());
    return this.get(id);
  }

  /** Starts an account whose lease another computer holds, taking the lease over. */
  takeOver(id: string): AccountRecord {
    const session = this.session(id);
    this.deps.repo.setRunning(id, true);
    void this.kick(id, () => session.start(), true);
    return this.get(id);
  }

  /**
   * Adds an account whose session was just restored from a backup (its profile is in place): it keeps
   * its id, counts as linked, and starts at once, so it reaches Ready with no QR.
   */
  adopt(id: string, label: string, beforeStart: () => void = () => {}): AccountRecord {
    if (!this.deps.repo.get(id)) this.deps.repo.insert({ id, label, createdAt: this.now(), running: true });
    else this.deps.repo.rename(id, label);
    beforeStart();
    this.deps.repo.setLinked(id, true);
    this.deps.repo.setRunning(id, true);
    this.deps.repo.addEvent(id, this.now(), 'restored', 'restored from a backup');
    const old = this.sessions.get(id);
    if (old) void old.dispose();
    const session = this.attach({ ...this.deps.repo.get(id)!, linked: true });
    void this.kick(id, () => session.start());
    this.announce();
    return this.get(id);
  }

  note(id: string, state: 'backup-saved', reason: string): void {
    if (this.deps.repo.get(id)) this.deps.repo.addEvent(id, this.now(), state, reason);
  }

  /** Stops an account's browser and waits until it exited (before its profile is replaced). */
  async halt(id: string): Promise<void> {
    await this.sessions.get(id)?.stop('stopped for a restore');
  }

  /** Stops an account and shows why (another computer took it over). */
  async block(id: string, code: SessionFailureCode, message: string): Promise<void> {
    await this.sessions.get(id)?.block(code, message);
  }

  /** Same as start, after a pause or a failure: fresh attempts, a fresh browser. */
  retry(id: string): AccountRecord {
    return this.startAccount(id);
  }

  linkWithPhone(id: string, phoneNumber: string): AccountRecord {
    const session = this.session(id);
    this.deps.repo.setRunning(id, true);
    void this.kick(id, () => session.start({ pairWithPhone: phoneNumber }));
    return this.get(id);
  }

  async stopAccount(id: string): Promise<AccountRecord> {
    const session = this.session(id);
    this.deps.repo.setRunning(id, false);
    await session.stop('stopped by the user');
    const stored = this.deps.repo.get(id);
    if (stored?.temporary) await this.endTemporarySession(session, stored);
    return this.get(id);
  }

  /** Sets or removes the account's proxy; a browser that runs restarts on it (a linked account restores, no QR). */
  async setProxy(id: string, proxy: ProxyInput | null): Promise<AccountRecord> {
    const session = this.session(id);
    await this.proxies.set(id, proxy);
    if (session.running || session.state.kind !== 'stopped') void this.kick(id, () => session.start());
    this.announce();
    return this.get(id);
  }

  async logout(id: string): Promise<AccountRecord> {
    const session = this.session(id);
    this.deps.repo.setRunning(id, false);
    await session.logout();
    return this.get(id);
  }

  /** Logs out if linked, deletes the session folder and the account's rows. */
  async remove(id: string): Promise<{ id: string }> {
    const session = this.session(id);
    if (session.isLinked) await session.logout().catch((err: unknown) => this.deps.log.warn('logout before removal failed', { account: id, error: String(err) }));
    await session.dispose();
    this.sessions.delete(id);
    this.messaging.detach(id);
    await deleteProfile(sessionsDirOf(this.deps.sessionsDir, this.deps.repo.get(id)), id);
    this.deps.repo.delete(id);
    await this.proxies.forget(id, this.deps.log);
    this.announce();
    return { id };
  }

  timeline(id: string): TimelineEntry[] {
    this.session(id);
    return this.deps.repo.timeline(id);
  }

  /** For tests and the benchmark: the live session object. */
  sessionOf(id: string): AccountSession {
    return this.session(id);
  }

  private session(id: string): AccountSession {
    const s = this.sessions.get(id);
    if (!s) throw notFound('That account');
    return s;
  }

  private attach(stored: StoredAccount): AccountSession {
    const { id } = stored;
    const session = new AccountSession({
      id,
      sessionsDir: sessionsDirOf(this.deps.sessionsDir, stored),
      temporary: stored.temporary,
      proxy: () => this.proxies.forLaunch(id),
      settings: this.deps.settings,
      findBrowser: this.deps.findBrowser,
      linked: stored.linked,
      log: this.deps.log.child({ account: id }),
      now: this.now,
    });
    let lastKind: string = 'stopped';
    session.on('state', (state, reason) => {
      if (!this.sessions.has(id)) return;
      if (state.kind !== lastKind || state.kind === 'reconnecting') this.write(id, session, () => this.deps.repo.addEvent(id, this.now(), state.kind, reason));
      lastKind = state.kind;
      this.emit('state', id, state);
      this.announce();
    });
    session.on('linked', (linked) => this.write(id, session, () => this.deps.repo.setLinked(id, linked)));
    session.on('attention', (title, body) => {
      const label = this.deps.repo.get(id)?.label ?? id;
      this.emit('attention', { id, label, title: `${label}: ${title}`, body });
    });
    this.sessions.set(id, session);
    this.messaging.attach(id, session);
    return session;
  }

  /** A write that follows a session's life: a full disk fails the account with DISK_FULL (accountHelpers.ts). */
  private write(id: string, session: AccountSession, work: () => void): void {
    writeOrBlock(this.deps.log, id, session, work);
  }

  /** Starts the account once its gate allows it; the promise settles when its start was handed to the session (never rejects). */
  private kick(id: string, start: () => Promise<void>, force = false): Promise<void> {
    const run = async () => {
      // A temporary account is never backed up, so it never waits for backup's lease.
      const gate = this.deps.repo.get(id)?.temporary ? null : await this.gate(id, { force });
      const blocked = gate ?? (await this.proxies.prepare(id));
      if (blocked) return this.sessions.get(id)?.block(blocked.code, blocked.message);
      await start();
    };
    return run().catch((err: unknown) => this.deps.log.error('account start failed', { account: id, error: err instanceof Error ? err.message : String(err) }));
  }

  private view(stored: StoredAccount): AccountRecord {
    const session = this.sessions.get(stored.id);
    return { ...stored, linked: session?.isLinked ?? stored.linked, session: session?.state ?? { kind: 'stopped' }, proxy: this.proxies.view(stored.id) };
  }

  /** A temporary account's stop ends its session: no profile, and a fresh unlinked session (Start shows a QR). */
  private async endTemporarySession(session: AccountSession, stored: StoredAccount): Promise<void> {
    await session.dispose();
    await deleteProfile(sessionsDirOf(this.deps.sessionsDir, stored), stored.id);
    this.deps.repo.setLinked(stored.id, false);
    this.attach({ ...stored, linked: false });
    this.announce();
  }

  private announce(): void {
    this.emit('changed', this.list());
  }
}
