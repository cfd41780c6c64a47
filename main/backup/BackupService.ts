import { EventEmitter } from 'node:events';
import type { BackupStatus, EventPayload, SessionState } from '../../preload/contract';
import { isOpenedElsewhere, type AccountRecord, type AccountsForBackup, type StartRefusal } from '../accounts/AccountsPort';
import type { BackupRepo } from '../db/BackupRepo';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { withTimeout } from '../util/time';
import type { BackupEngine } from './BackupEngine';
import type { DataKeyring } from './crypto/keys';
import { LeaseKeeper } from './LeaseKeeper';
import { LEASE_RELEASE_BUDGET_MS, type BackupSettings } from './backupSettings';
import { storeError, type StoreRegistry } from './StoreRegistry';

// The settings (timings, the quit budget) are in backupSettings.ts; callers keep importing them from here.
export { DEFAULT_BACKUP_SETTINGS, LEASE_RELEASE_BUDGET_MS, type BackupSettings } from './backupSettings';

export interface BackupServiceDeps {
  repo: BackupRepo;
  accounts: AccountsForBackup;
  stores: StoreRegistry;
  engine: BackupEngine;
  keyring: DataKeyring;
  /** File holding this install's id (lease owner), under the data folder. */
  installIdFile: string;
  settings: BackupSettings;
  log: Logger;
  now?: () => number;
}

export interface KeyStatus {
  hasRecoveryPassphrase: boolean;
}

export interface BackupServiceEvents {
  /** An account's backup settings or status changed (main/accountView.ts announces the account again). */
  status: [accountId: string];
  /** The recovery passphrase was set. */
  key: [status: KeyStatus];
  /** A backup was stored (RemoteAuth's remote_session_saved); the contract's backup.saved. */
  saved: [saved: EventPayload<'backup.saved'>];
}

interface Runtime {
  timer?: NodeJS.Timeout;
  nextAt: number | null;
  running?: Promise<void>;
  /** A forced run waiting for the one under way. */
  forced?: Promise<void>;
  failures: number;
  /** The number the account was last Ready with: backups made while it is stopped still name it. */
  phoneNumber?: string;
}

const LEASE_LOST: StartRefusal = { code: 'LEASE_LOST', message: 'Another computer took this account over. Take over to use it here again.' };
const NO_STORE = 'Choose where to back this account up first.';
export const TEMPORARY_NOT_BACKED_UP = 'This is a temporary account: its session is never saved or backed up, and it ends when it stops or the app quits.';
/** While an account is in these states, its browser is not running here (no lease to take now). */
const DOWN: SessionState['kind'][] = ['stopped', 'logged-out', 'failed'];

/**
 * Backs each account's LocalAuth session up on its own schedule, on top of the account and never in its
 * way: a failing store shows on the card and is retried, the account keeps running. Also owns the lease
 * that keeps one account from running on two computers (the start gate). Restores: RestoreService.ts.
 */
export class BackupService extends EventEmitter<BackupServiceEvents> {
  private readonly rt = new Map<string, Runtime>();
  private readonly leases: LeaseKeeper;
  private readonly now: () => number;
  private readonly follow = (id: string, state: SessionState) => this.onState(id, state);
  private stopping = false;

  constructor(private readonly deps: BackupServiceDeps) {
    super();
    this.now = deps.now ?? Date.now;
    this.leases = new LeaseKeeper({
      stores: deps.stores,
      ttlMs: deps.settings.leaseTtlMs,
      installIdFile: deps.installIdFile,
      onLost: (id) => void deps.accounts.block(id, LEASE_LOST.code, LEASE_LOST.message),
      now: this.now,
    });
  }

  /** Follows the accounts' states from now on: backups are scheduled while an account is Ready. */
  start(): void {
    this.deps.accounts.on('state', this.follow);
  }

  status(accountId: string): BackupStatus {
    const c = this.deps.repo.config(accountId);
    const r = this.rt.get(accountId);
    const activity = !c.enabled ? 'off' : r?.running ? 'running' : c.failing ? 'failing' : 'waiting';
    return {
      enabled: c.enabled,
      storeId: c.storeId,
      intervalMin: c.intervalMin,
      encrypt: c.encrypt,
      activity,
      last: c.last,
      failing: c.failing ? { ...c.failing, nextTryAt: r?.nextAt ?? null } : null,
      nextAt: c.enabled ? r?.nextAt ?? null : null,
    };
  }

  async configure(input: { accountId: string; enabled: boolean; storeId?: string | null; intervalMin?: number; encrypt?: boolean }): Promise<void> {
    const { accountId: id, enabled } = input;
    const account = this.deps.accounts.get(id);
    if (account.temporary && enabled) throw new AppError('INVALID_INPUT', TEMPORARY_NOT_BACKED_UP, 'enabled');
    const current = this.deps.repo.config(id);
    const storeId = input.storeId === undefined ? current.storeId : input.storeId;
    if (enabled && !storeId) throw new AppError('INVALID_INPUT', NO_STORE, 'storeId');
    if (storeId) await this.deps.stores.view(storeId);
    this.deps.repo.configure(id, { enabled, storeId, intervalMin: input.intervalMin ?? current.intervalMin, encrypt: input.encrypt ?? current.encrypt });
    this.unschedule(id);
    if (enabled && account.session.kind === 'ready') this.schedule(id, this.deps.settings.firstDelayMs);
    if (!enabled) await this.leases.release(id);
    if (enabled && !DOWN.includes(account.session.kind)) {
      // Already running here: take the lease now, not only at the next start.
      const refused = await this.startGate(id, { force: false });
      if (refused) await this.deps.accounts.block(id, refused.code, refused.message);
    }
    this.emit('status', id);
  }

  /** "Back up now": runs at once (or joins a run under way); an unchanged session is not uploaded again. */
  async runNow(accountId: string): Promise<void> {
    if (this.deps.accounts.get(accountId).temporary) throw new AppError('INVALID_INPUT', TEMPORARY_NOT_BACKED_UP);
    if (!this.deps.repo.config(accountId).storeId) throw new AppError('INVALID_INPUT', NO_STORE, 'storeId');
    await this.run(accountId, false);
    const failing = this.deps.repo.config(accountId).failing;
    if (failing) throw new AppError(failing.code, failing.message);
  }

  async keyStatus(): Promise<KeyStatus> {
    return { hasRecoveryPassphrase: await this.deps.keyring.hasRecoveryPassphrase() };
  }

  /**
   * Sets the recovery passphrase, then backs every enabled account up again: a backup carries the
   * passphrase it was made with, so only new backups open on another computer with this one.
   */
  async setPassphrase(passphrase: string): Promise<KeyStatus> {
    await this.deps.keyring.setRecoveryPassphrase(passphrase);
    const key = await this.keyStatus();
    this.emit('key', key);
    const again = this.backedUp().filter((a) => this.deps.repo.config(a.id).encrypt);
    await Promise.allSettled(again.map((a) => this.run(a.id, true)));
    return key;
  }

  /** The start gate: with backup on, an account runs only where it holds the store's lease. */
  async startGate(id: string, opts: { force: boolean }): Promise<StartRefusal | null> {
    const c = this.deps.repo.config(id);
    if (!c.enabled || !c.storeId) return null;
    try {
      const got = await this.leases.acquire(id, c.storeId, opts.force);
      if (!got.acquired) return { code: 'LEASE_HELD', message: got.message };
    } catch (err) {
      // The lease is a safety net, not a reason to keep the account down: record the store trouble and go on.
      const e = storeError(err);
      this.deps.repo.recordFailure(id, this.now(), e.code, e.message);
      this.deps.log.warn('lease check failed; starting anyway', { account: id, code: e.code });
    }
    return null;
  }

  /** Quitting, first step: no more schedules, and every lease released at once (another computer may take over). */
  async releaseLeases(): Promise<void> {
    this.stopping = true;
    this.deps.accounts.off('state', this.follow);
    for (const id of this.rt.keys()) this.unschedule(id);
    await withTimeout(this.leases.releaseAll(), LEASE_RELEASE_BUDGET_MS).catch(() => undefined);
  }

  /** On quit, once the browsers are closed: a last backup of every enabled account, within the quit budget. */
  async stop(): Promise<void> {
    await this.releaseLeases();
    const finals = this.backedUp().map((a) => this.run(a.id, false, true));
    await withTimeout(Promise.allSettled(finals), this.deps.settings.quitBudgetMs).catch(() => undefined);
    await this.deps.stores.close();
  }

  /** Linked accounts with backup on: the ones a new passphrase or a quit backs up again. */
  private backedUp(): AccountRecord[] {
    return this.deps.accounts.list().filter((a) => a.linked && this.deps.repo.config(a.id).enabled);
  }

  private runtime(id: string): Runtime {
    let r = this.rt.get(id);
    if (!r) this.rt.set(id, (r = { nextAt: null, failures: 0 }));
    return r;
  }

  private onState(id: string, state: SessionState): void {
    if (state.kind === 'ready') this.runtime(id).phoneNumber = state.phoneNumber;
    if (isOpenedElsewhere(state)) void this.explainConflict(id);
    const c = this.deps.repo.config(id);
    if (state.kind === 'ready' && c.enabled && !this.runtime(id).timer && !this.stopping) {
      const dueByInterval = c.last ? c.last.at + c.intervalMin * 60_000 - this.now() : 0;
      this.schedule(id, Math.max(this.deps.settings.firstDelayMs, dueByInterval));
    } else if (state.kind !== 'ready' && state.kind !== 'reconnecting') {
      this.unschedule(id);
      if (['stopped', 'logged-out'].includes(state.kind)) void this.leases.release(id);
    }
  }

  private schedule(id: string, delayMs: number): void {
    const r = this.runtime(id);
    clearTimeout(r.timer);
    r.nextAt = this.now() + delayMs;
    r.timer = setTimeout(() => {
      r.timer = undefined;
      void this.run(id, false).then(() => {
        if (this.stopping || !this.deps.repo.config(id).enabled) return;
        if (this.deps.accounts.find(id)?.session.kind !== 'ready') return;
        const interval = this.deps.repo.config(id).intervalMin * 60_000;
        this.schedule(id, r.failures === 0 ? interval : Math.min(interval, this.deps.settings.retryBaseMs * 2 ** (r.failures - 1)));
      });
    }, delayMs);
    this.emit('status', id);
  }

  private unschedule(id: string): void {
    const r = this.rt.get(id);
    if (!r) return;
    clearTimeout(r.timer);
    r.timer = undefined;
    r.nextAt = null;
  }

  /**
   * One backup at a time per account; a second request joins the one under way, but a forced one (a new
   * passphrase) runs after it: the one under way may have been made without what the force is for.
   */
  private run(id: string, force: boolean, quitting = false): Promise<void> {
    const r = this.runtime(id);
    if (r.running && force) return (r.forced ??= r.running.catch(() => undefined).then(() => ((r.forced = undefined), this.run(id, true, quitting))));
    if (r.running) return r.running;
    const task = this.backUp(id, force).finally(() => {
      r.running = undefined;
      if (!quitting) this.emit('status', id);
    });
    r.running = task;
    if (!quitting) this.emit('status', id);
    return task;
  }

  private async backUp(id: string, force: boolean): Promise<void> {
    const r = this.runtime(id);
    const c = this.deps.repo.config(id);
    const account = this.deps.accounts.find(id);
    if (!account || !c.storeId) return;
    try {
      if (!account.linked) throw new AppError('NOT_LINKED', 'This account is not linked, so there is no session to back up. Link it first.');
      const store = await this.deps.stores.get(c.storeId);
      const phoneNumber = account.session.kind === 'ready' ? account.session.phoneNumber : r.phoneNumber;
      const outcome = await this.deps.engine.backUp({
        accountId: id,
        profileDir: this.deps.accounts.profileDir(id),
        store,
        encrypt: c.encrypt,
        label: account.label,
        keep: this.deps.settings.keep,
        force,
        ...(phoneNumber ? { phoneNumber } : {}),
      });
      r.failures = 0;
      // An unchanged session is not uploaded again; the last backup stays the one shown.
      this.deps.repo.recordSuccess(id, outcome.status === 'uploaded' ? { at: this.now(), size: outcome.version.size, durationMs: outcome.durationMs } : null);
      if (outcome.status === 'uploaded') {
        // RemoteAuth's remote_session_saved: announced, and kept in the account's history.
        const v = outcome.version;
        this.deps.accounts.note(id, 'backup-saved', `backup saved (${(v.size / 2 ** 20).toFixed(1)} MB, ${c.encrypt ? 'encrypted' : 'not encrypted'})`);
        this.emit('saved', { accountId: id, storeId: c.storeId, versionId: v.id, size: v.size, at: v.createdAt, encrypted: c.encrypt });
      }
      this.deps.log.info('backup done', { account: id, status: outcome.status, bytes: outcome.version.size, ms: outcome.durationMs });
    } catch (err) {
      r.failures += 1;
      const e = err instanceof AppError ? err : storeError(err);
      this.deps.repo.recordFailure(id, this.now(), e.code, e.message);
      this.deps.log.warn('backup failed', { account: id, code: e.code });
    }
  }

  /**
   * WhatsApp reports CONFLICT when the session opens elsewhere. If another computer now holds this
   * account's lease, that is what happened: say so (and offer a take-over), not "opened somewhere else".
   */
  private async explainConflict(id: string): Promise<void> {
    if (await this.leases.takenOver(id)) await this.deps.accounts.block(id, LEASE_LOST.code, LEASE_LOST.message);
  }
}
