import type BetterSqlite3 from 'better-sqlite3';
import type { Account } from '../../preload/contract';

interface Row {
  id: string;
  label: string;
  created_at: number;
}

const toAccount = (r: Row): Account => ({ id: r.id, label: r.label, createdAt: r.created_at });

export class AccountsRepo {
  constructor(private readonly db: BetterSqlite3.Database) {}

  list(): Account[] {
    return (this.db.prepare('SELECT id, label, created_at FROM accounts ORDER BY position, created_at').all() as Row[]).map(toAccount);
  }

  get(id: string): Account | undefined {
    const row = this.db.prepare('SELECT id, label, created_at FROM accounts WHERE id = ?').get(id) as Row | undefined;
    return row && toAccount(row);
  }

  insert(account: Account): void {
    this.db
      .prepare('INSERT INTO accounts (id, label, created_at, position) VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM accounts))')
      .run(account.id, account.label, account.createdAt);
  }

  rename(id: string, label: string): boolean {
    return this.db.prepare('UPDATE accounts SET label = ? WHERE id = ?').run(label, id).changes > 0;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }
}
