import type BetterSqlite3 from 'better-sqlite3';
import type { ProxyScheme } from '../../preload/contract';

/** An account's proxy as stored: everything but its password (that one is in the secret store). */
export interface StoredProxy {
  scheme: ProxyScheme;
  host: string;
  port: number;
  username: string | null;
}

export class ProxyRepo {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(accountId: string): StoredProxy | undefined {
    return this.db.prepare('SELECT scheme, host, port, username FROM account_proxy WHERE account_id = ?').get(accountId) as StoredProxy | undefined;
  }

  set(accountId: string, proxy: StoredProxy): void {
    this.db
      .prepare('INSERT INTO account_proxy (account_id, scheme, host, port, username) VALUES (?, ?, ?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET scheme = excluded.scheme, host = excluded.host, port = excluded.port, username = excluded.username')
      .run(accountId, proxy.scheme, proxy.host, proxy.port, proxy.username);
  }

  delete(accountId: string): void {
    this.db.prepare('DELETE FROM account_proxy WHERE account_id = ?').run(accountId);
  }
}
