import type BetterSqlite3 from 'better-sqlite3';

/** The app's settings table (migration 7): one JSON value per key. Which keys exist and what they mean is main/settings/. */
export class SettingsRepo {
  constructor(private readonly db: BetterSqlite3.Database) {}

  /** Every stored value; one whose JSON no longer parses is left out (its setting then has its default). */
  all(): Map<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM app_settings').all() as Array<{ key: string; value: string }>;
    const out = new Map<string, unknown>();
    for (const r of rows) {
      try {
        out.set(r.key, JSON.parse(r.value));
      } catch {
        // json_valid() guards writes; a hand-edited database is the only way here.
      }
    }
    return out;
  }

  /** Writes all of them or none. */
  set(values: Record<string, unknown>): void {
    const put = this.db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) if (value !== undefined) put.run(key, JSON.stringify(value));
    })();
  }
}
