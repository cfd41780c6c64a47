import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations';

export const DATABASE_FILE = 'app.sqlite';

/**
 * The app's SQLite database in the data folder: WAL, foreign keys on, numbered migrations applied in one
 * transaction against PRAGMA user_version. A database written by a newer app version is refused, untouched.
 */
export class AppDatabase {
  readonly db: BetterSqlite3.Database;

  private constructor(db: BetterSqlite3.Database) {
    this.db = db;
  }

  static open(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): AppDatabase {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, DATABASE_FILE);
    const db = new BetterSqlite3(file);
    try {
      // Check the version before anything that could write (journal_mode=WAL rewrites the header).
      const current = db.pragma('user_version', { simple: true }) as number;
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new AppError(
          'DATABASE_TOO_NEW',
          `The data in ${dataDir} was written by a newer version of this app (database version ${current}, this app knows up to ${latest}). Install the newer version again; nothing was changed.`,
        );
      }
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      applyMigrations(db, migrations, current);
      return new AppDatabase(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function applyMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[], current: number): void {
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  // All pending migrations in one transaction: a failure leaves the database exactly as it was.
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
