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
  {
    version: 2,
    name: 'sessions and timeline',
    up(db) {
      db.exec(`
        ALTER TABLE accounts ADD COLUMN running INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE accounts ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE accounts ADD COLUMN last_state TEXT NOT NULL DEFAULT 'stopped';
        CREATE TABLE account_events (
          seq        INTEGER PRIMARY KEY AUTOINCREMENT,
          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          at         INTEGER NOT NULL,
          state      TEXT NOT NULL,
          reason     TEXT NOT NULL
        ) STRICT;
        CREATE INDEX account_events_by_account ON account_events(account_id, seq);
      `);
    },
  },
  {
    version: 3,
    name: 'backup stores and per-account backup',
    up(db) {
      db.exec(`
        CREATE TABLE stores (
          id         TEXT PRIMARY KEY,
          name       TEXT NOT NULL,
          settings   TEXT NOT NULL CHECK (json_valid(settings)),
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE account_backup (
          account_id       TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
          enabled          INTEGER NOT NULL DEFAULT 0,
          store_id         TEXT REFERENCES stores(id) ON DELETE RESTRICT,
          interval_min     INTEGER NOT NULL DEFAULT 15,
          encrypt          INTEGER NOT NULL DEFAULT 1,
          last_at          INTEGER,
          last_size        INTEGER,
          last_duration_ms INTEGER,
          failing_since    INTEGER,
          failing_code     TEXT,
          failing_message  TEXT
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    name: 'local API: settings, keys, webhooks and their deliveries',
    up(db) {
      // Keys are kept as SHA-256 hashes only; a webhook's deliveries stay here until they get through,
      // so a receiver that is down (or an app restart) loses none.
      db.exec(`
        CREATE TABLE api_settings (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          enabled         INTEGER NOT NULL DEFAULT 0,
          port            INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
          allowed_origins TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(allowed_origins))
        ) STRICT;
        CREATE TABLE api_keys (
          id           TEXT PRIMARY KEY,
          name         TEXT NOT NULL,
          hash         TEXT NOT NULL UNIQUE,
          prefix       TEXT NOT NULL,
          accounts     TEXT CHECK (accounts IS NULL OR json_valid(accounts)),
          created_at   INTEGER NOT NULL,
          last_used_at INTEGER,
          revoked_at   INTEGER
        ) STRICT;
        CREATE TABLE webhooks (
          id         TEXT PRIMARY KEY,
          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          url        TEXT NOT NULL,
          events     TEXT NOT NULL CHECK (json_valid(events)),
          secret     TEXT NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE webhook_deliveries (
          id           TEXT PRIMARY KEY,
          webhook_id   TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
          event        TEXT NOT NULL,
          payload      TEXT NOT NULL,
          created_at   INTEGER NOT NULL,
          attempts     INTEGER NOT NULL DEFAULT 0,
          next_at      INTEGER,
          delivered_at INTEGER,
          last_status  INTEGER,
          last_error   TEXT
        ) STRICT;
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_at) WHERE delivered_at IS NULL;
        CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, created_at);
      `);
    },
  },
  {
    version: 5,
    name: 'new-message notification per account',
    up(db) {
      db.exec(`
        CREATE TABLE account_message_notice (
          account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
          enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1))
        ) STRICT;
      `);
    },
  },
  {
    version: 6,
    name: 'temporary accounts and per-account proxy',
    up(db) {
      // The proxy's password is not here: it lives in the secret store (keys/secrets.json) under `proxy:<account id>`.
      db.exec(`
        ALTER TABLE accounts ADD COLUMN temporary INTEGER NOT NULL DEFAULT 0 CHECK (temporary IN (0, 1));
        CREATE TABLE account_proxy (
          account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
          scheme     TEXT NOT NULL CHECK (scheme IN ('http', 'https', 'socks5')),
          host       TEXT NOT NULL CHECK (length(host) BETWEEN 1 AND 255),
          port       INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
          username   TEXT,
          -- Whether the secret store holds a password for it (so the account's view needs no keychain read).
          has_password INTEGER NOT NULL DEFAULT 0 CHECK (has_password IN (0, 1))
        ) STRICT;
      `);
    },
  },
  {
    version: 7,
    name: 'app settings',
    up(db) {
      // One row per setting, its value as JSON: a setting added later needs no migration, and one that
      // does not parse falls back to its default alone (main/settings/SettingsService.ts). Secrets never
      // go here: they live in the secret store.
      db.exec(`
        CREATE TABLE app_settings (
          key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
          value TEXT NOT NULL CHECK (json_valid(value))
        ) STRICT;
      `);
    },
  },
];
