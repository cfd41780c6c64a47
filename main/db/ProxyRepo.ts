import type BetterSqlite3 from 'better-sqlite3';
import type { ProxyScheme } from '../../preload/contract';

/** An account's proxy as stored: everything but its password (that one is in the secret store). */
export interface StoredProxy {
  scheme: ProxyScheme;
  host: string;
  port: number;
  username: string | null;
  /** The secret store holds a password for it. */
  hasPassword: boolean;
}

interface Row {
  scheme: ProxyScheme;
  host: string;
  port: number;
  username: string | null;
  has_password: number;
}

export class ProxyRepo {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(accountId: string): StoredProxy | undefined {
    const r = this.db.prepare('SELECT scheme, host, port, username, has_password FROM account_proxy WHERE account_id = ?').get(accountId) as Row | undefined;
    return r && { scheme: r.scheme, host: r.host, port: r.port, username: r.username, hasPassword: r.has_password === 1 };
  }

  set(accountId: string, p: StoredProxy): void {
    this.db
      .prepare(
        `INSERT INTO account_proxy (account_id, scheme, host, port, username, has_password) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET scheme = excluded.scheme, host = excluded.host, port = excluded.port, username = excluded.username, has_password = excluded.has_password`,
      )
      .run(accountId, p.scheme, p.host, p.port, p.username, p.hasPassword ? 1 : 0);
  }

  delete(accountId: string): void {
    this.db.prepare('DELETE FROM account_proxy WHERE account_id = ?').run(accountId);
  }
}
