import type BetterSqlite3 from 'better-sqlite3';
import type { TimelineEntry, TimelineState } from '../../preload/contract';

/** An account as stored; its live session state is added by AccountManager. */
export interface StoredAccount {
  id: string;
  label: string;
  createdAt: number;
  running: boolean;
  linked: boolean;
  /** A NoAuth account that ends with the app (main/accounts/temporaryAccounts.ts). */
  temporary: boolean;
}

interface Row {
  id: string;
  label: string;
  created_at: number;
  running: number;
  linked: number;
  temporary: number;
}

const COLUMNS = 'id, label, created_at, running, linked, temporary';
const toAccount = (r: Row): StoredAccount => ({ id: r.id, label: r.label, createdAt: r.created_at, running: r.running === 1, linked: r.linked === 1, temporary: r.temporary === 1 });

export class AccountsRepo {
  constructor(private readonly db: BetterSqlite3.Database) {}

  list(): StoredAccount[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM accounts ORDER BY position, created_at`).all() as Row[]).map(toAccount);
  }

  get(id: string): StoredAccount | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`).get(id) as Row | undefined;
    return row && toAccount(row);
  }

  insert(account: { id: string; label: string; createdAt: number; running?: boolean; temporary?: boolean }): void {
    this.db
      .prepare('INSERT INTO accounts (id, label, created_at, running, temporary, position) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM accounts))')
      .run(account.id, account.label, account.createdAt, account.running === false ? 0 : 1, account.temporary ? 1 : 0);
  }

  rename(id: string, label: string): boolean {
    return this.db.prepare('UPDATE accounts SET label = ? WHERE id = ?').run(label, id).changes > 0;
  }

  setRunning(id: string, running: boolean): void {
    this.db.prepare('UPDATE accounts SET running = ? WHERE id = ?').run(running ? 1 : 0, id);
  }

  setLinked(id: string, linked: boolean): void {
    this.db.prepare('UPDATE accounts SET linked = ? WHERE id = ?').run(linked ? 1 : 0, id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }

  /** The account's timeline: every state change with its time and reason (no numbers, no QR payloads). */
  addEvent(id: string, at: number, state: TimelineState, reason: string): void {
    this.db.prepare('INSERT INTO account_events (account_id, at, state, reason) VALUES (?, ?, ?, ?)').run(id, at, state, reason);
    this.db.prepare('UPDATE accounts SET last_state = ? WHERE id = ?').run(state, id);
  }

  timeline(id: string, limit = 200): TimelineEntry[] {
    return (this.db
      .prepare('SELECT at, state, reason FROM (SELECT seq, at, state, reason FROM account_events WHERE account_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq')
      .all(id, limit) as TimelineEntry[]);
  }
}
