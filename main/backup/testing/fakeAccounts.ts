// Accounts as backup sees them (AccountsForBackup), without browsers: a test sets each account's state
// and reads what backup asked of it (halt, block, adopt).
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { SessionFailureCode, SessionState } from '../../../preload/contract';
import type { AccountRecord, AccountsForBackup, AccountsForBackupEvents } from '../../accounts/AccountsPort';
import { notFound } from '../../errors';

export class FakeAccounts extends EventEmitter<AccountsForBackupEvents> implements AccountsForBackup {
  private readonly records = new Map<string, AccountRecord>();
  readonly blocked: { id: string; code: SessionFailureCode; message: string }[] = [];
  readonly halted: string[] = [];
  readonly adopted: { id: string; label: string }[] = [];

  constructor(
    private readonly sessionsDir: string,
    /** Called for every account added or adopted (e.g. to give it a row in the database). */
    private readonly onAdd: (id: string, label: string) => void = () => {},
  ) {
    super();
  }

  add(id: string, label = 'Work', over: Partial<AccountRecord> = {}): AccountRecord {
    const record: AccountRecord = { id, label, createdAt: 1, running: true, linked: true, temporary: false, proxy: null, session: { kind: 'stopped' }, ...over };
    if (!this.records.has(id)) this.onAdd(id, label);
    this.records.set(id, record);
    return record;
  }

  /** The account passes through `state`, as its session would report it. */
  setState(id: string, state: SessionState): void {
    this.records.set(id, { ...this.get(id), session: state });
    this.emit('state', id, state);
  }

  get(id: string): AccountRecord {
    const record = this.find(id);
    if (!record) throw notFound('That account');
    return record;
  }

  find(id: string): AccountRecord | undefined {
    return this.records.get(id);
  }

  list(): AccountRecord[] {
    return [...this.records.values()];
  }

  profileDir(id: string): string {
    return join(this.sessionsDir, `session-${id}`);
  }

  async halt(id: string): Promise<void> {
    this.halted.push(id);
    this.setState(id, { kind: 'stopped' });
  }

  async block(id: string, code: SessionFailureCode, message: string): Promise<void> {
    this.blocked.push({ id, code, message });
    this.setState(id, { kind: 'failed', code, message });
  }

  /** Timeline rows backup added (a backup saved). */
  readonly notes: { id: string; state: string; reason: string }[] = [];

  note(id: string, state: 'backup-saved', reason: string): void {
    this.notes.push({ id, state, reason });
  }

  adopt(id: string, label: string, beforeStart: () => void = () => {}): AccountRecord {
    const record = this.add(id, label, { linked: true, running: true });
    this.adopted.push({ id, label });
    beforeStart();
    return record;
  }
}
