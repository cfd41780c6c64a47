import type BetterSqlite3 from 'better-sqlite3';

/** Each account's "New message on <account>" switch (migration 5); off unless the user turned it on. */
export class MessageNoticeRepo {
  constructor(private readonly db: BetterSqlite3.Database) {}

  enabled(accountId: string): boolean {
    return this.db.prepare('SELECT enabled FROM account_message_notice WHERE account_id = ?').pluck().get(accountId) === 1;
  }

  /** False when there is no such account (the row follows its account and goes with it). */
  set(accountId: string, enabled: boolean): boolean {
    if (!this.db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) return false;
    this.db
      .prepare('INSERT INTO account_message_notice (account_id, enabled) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET enabled = excluded.enabled')
      .run(accountId, enabled ? 1 : 0);
    return true;
  }
}
