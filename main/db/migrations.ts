import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; numbered from 1 without gaps. */
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

// Append only: a released migration never changes. Each has a test in migrations.test.ts.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts',
    up(db) {
      db.exec(`
        CREATE TABLE accounts (
          id         TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9_-]*' AND length(id) BETWEEN 1 AND 40),
          label      TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 256),
          created_at INTEGER NOT NULL,
          position   INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
];
