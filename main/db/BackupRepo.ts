import type BetterSqlite3 from 'better-sqlite3';
import { CommandErrorCode, type StoreSettings } from '../../preload/contract';

export interface StoreRow {
  id: string;
  name: string;
  settings: StoreSettings;
}

export interface BackupConfig {
  accountId: string;
  enabled: boolean;
  storeId: string | null;
  intervalMin: number;
  encrypt: boolean;
  last: { at: number; size: number; durationMs: number } | null;
  failing: { since: number; code: CommandErrorCode; message: string } | null;
}

interface ConfigRow {
  account_id: string;
  enabled: number;
  store_id: string | null;
  interval_min: number;
  encrypt: number;
  last_at: number | null;
  last_size: number | null;
  last_duration_ms: number | null;
  failing_since: number | null;
  failing_code: string | null;
  failing_message: string | null;
}

export const DEFAULT_INTERVAL_MIN = 15;

/** Stores (settings without secrets) and each account's backup settings and last outcome. */
export class BackupRepo {
  constructor(
    private readonly db: BetterSqlite3.Database,
    /** The interval of an account whose backup was never set up (Settings' default backup interval). */
    private readonly defaultInterval: () => number = () => DEFAULT_INTERVAL_MIN,
  ) {}

  stores(): StoreRow[] {
    return (this.db.prepare('SELECT id, name, settings FROM stores ORDER BY created_at').all() as { id: string; name: string; settings: string }[])
      .map((r) => ({ id: r.id, name: r.name, settings: JSON.parse(r.settings) as StoreSettings }));
  }

  store(id: string): StoreRow | undefined {
    return this.stores().find((s) => s.id === id);
  }

  saveStore(row: StoreRow, now: number): void {
    this.db
      .prepare('INSERT INTO stores (id, name, settings, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, settings = excluded.settings')
      .run(row.id, row.name, JSON.stringify(row.settings), now);
  }

  deleteStore(id: string): void {
    this.db.prepare('DELETE FROM stores WHERE id = ?').run(id);
  }

  accountsUsing(storeId: string): string[] {
    return this.db.prepare('SELECT account_id FROM account_backup WHERE store_id = ?').pluck().all(storeId) as string[];
  }

  config(accountId: string): BackupConfig {
    const r = this.db.prepare('SELECT * FROM account_backup WHERE account_id = ?').get(accountId) as ConfigRow | undefined;
    if (!r) return { accountId, enabled: false, storeId: null, intervalMin: this.defaultInterval(), encrypt: true, last: null, failing: null };
    return {
      accountId,
      enabled: r.enabled === 1,
      storeId: r.store_id,
      intervalMin: r.interval_min,
      encrypt: r.encrypt === 1,
      last: r.last_at === null ? null : { at: r.last_at, size: r.last_size ?? 0, durationMs: r.last_duration_ms ?? 0 },
      failing: r.failing_since === null ? null : { since: r.failing_since, code: storedCode(r.failing_code), message: r.failing_message ?? '' },
    };
  }

  configure(accountId: string, c: { enabled: boolean; storeId: string | null; intervalMin: number; encrypt: boolean }): void {
    this.db
      .prepare(`INSERT INTO account_backup (account_id, enabled, store_id, interval_min, encrypt) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, store_id = excluded.store_id, interval_min = excluded.interval_min, encrypt = excluded.encrypt`)
      .run(accountId, c.enabled ? 1 : 0, c.storeId, c.intervalMin, c.encrypt ? 1 : 0);
  }

  recordSuccess(accountId: string, last: { at: number; size: number; durationMs: number } | null): void {
    if (last) {
      this.db.prepare('UPDATE account_backup SET last_at = ?, last_size = ?, last_duration_ms = ?, failing_since = NULL, failing_code = NULL, failing_message = NULL WHERE account_id = ?')
        .run(last.at, last.size, last.durationMs, accountId);
    } else {
      this.db.prepare('UPDATE account_backup SET failing_since = NULL, failing_code = NULL, failing_message = NULL WHERE account_id = ?').run(accountId);
    }
  }

  recordFailure(accountId: string, at: number, code: CommandErrorCode, message: string): void {
    this.db.prepare('UPDATE account_backup SET failing_since = coalesce(failing_since, ?), failing_code = ?, failing_message = ? WHERE account_id = ?')
      .run(at, code, message, accountId);
  }
}

/** A code written by another version of the app (or none) reads as the generic backup failure. */
function storedCode(code: string | null): CommandErrorCode {
  const parsed = CommandErrorCode.safeParse(code);
  return parsed.success ? parsed.data : 'BACKUP_FAILED';
}
