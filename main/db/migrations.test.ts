import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase, DATABASE_FILE } from './AppDatabase';
import { MessageNoticeRepo } from './MessageNoticeRepo';
import { MIGRATIONS, type Migration } from './migrations';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wa-db-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const columns = (db: BetterSqlite3.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('database', () => {
  it('numbers migrations from 1 without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('opens in WAL mode with foreign keys on, at the latest version', () => {
    const d = AppDatabase.open(dir);
    expect(d.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(d.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(d.version).toBe(MIGRATIONS.length);
    d.close();
  });

  it('migration 1 creates accounts that refuse bad ids', () => {
    const d = AppDatabase.open(dir, MIGRATIONS.slice(0, 1));
    expect(columns(d.db, 'accounts')).toEqual(['id', 'label', 'created_at', 'position']);
    expect(() => d.db.prepare("INSERT INTO accounts VALUES ('Bad Id', 'x', 1, 1)").run()).toThrow(/CHECK/);
    d.close();
  });

  it('migration 2 keeps existing accounts, adds session columns and a timeline that goes with its account', () => {
    const v1 = AppDatabase.open(dir, MIGRATIONS.slice(0, 1));
    v1.db.prepare("INSERT INTO accounts VALUES ('acc-1', 'Work', 1, 1)").run();
    v1.close();
    const d = AppDatabase.open(dir, MIGRATIONS.slice(0, 2));
    expect(d.db.prepare('SELECT id, label, running, linked, last_state FROM accounts').get()).toEqual({ id: 'acc-1', label: 'Work', running: 1, linked: 0, last_state: 'stopped' });
    d.db.prepare("INSERT INTO account_events (account_id, at, state, reason) VALUES ('acc-1', 5, 'ready', 'ready')").run();
    expect(() => d.db.prepare("INSERT INTO account_events (account_id, at, state, reason) VALUES ('nope', 5, 'x', 'y')").run()).toThrow(/FOREIGN KEY/);
    d.db.prepare("DELETE FROM accounts WHERE id = 'acc-1'").run();
    expect(d.db.prepare('SELECT count(*) FROM account_events').pluck().get()).toBe(0);
    d.close();
  });

  it('migration 4 keeps accounts and adds API keys, webhooks and deliveries that go with their account', () => {
    const v3 = AppDatabase.open(dir, MIGRATIONS.slice(0, 3));
    v3.db.prepare("INSERT INTO accounts (id, label, created_at, position) VALUES ('acc-1', 'Work', 1, 1)").run();
    v3.close();
    const d = AppDatabase.open(dir, MIGRATIONS.slice(0, 4));
    expect(d.db.prepare('SELECT label FROM accounts').pluck().get()).toBe('Work');
    expect(columns(d.db, 'api_keys')).toEqual(['id', 'name', 'hash', 'prefix', 'accounts', 'created_at', 'last_used_at', 'revoked_at']);
    expect(() => d.db.prepare("INSERT INTO api_settings (id, port) VALUES (2, 8790)").run()).toThrow(/CHECK/);
    expect(() => d.db.prepare("INSERT INTO webhooks VALUES ('wh-1', 'nope', 'http://x', '[]', 's', 1)").run()).toThrow(/FOREIGN KEY/);
    d.db.prepare("INSERT INTO webhooks VALUES ('wh-1', 'acc-1', 'http://127.0.0.1:9/hook', '[\"message\"]', 's', 1)").run();
    d.db.prepare("INSERT INTO webhook_deliveries (id, webhook_id, event, payload, created_at, next_at) VALUES ('d-1', 'wh-1', 'message', '{}', 1, 1)").run();
    d.db.prepare("DELETE FROM accounts WHERE id = 'acc-1'").run();
    expect(d.db.prepare('SELECT count(*) FROM webhook_deliveries').pluck().get()).toBe(0);
    d.close();
  });

  it('migration 5 keeps accounts with their notification off, stores the switch, and drops it with its account', () => {
    const v4 = AppDatabase.open(dir, MIGRATIONS.slice(0, 4));
    v4.db.prepare("INSERT INTO accounts (id, label, created_at, position) VALUES ('acc-1', 'Work', 1, 1)").run();
    v4.close();
    const d = AppDatabase.open(dir, MIGRATIONS.slice(0, 5));
    const notices = new MessageNoticeRepo(d.db);
    expect(notices.enabled('acc-1')).toBe(false);
    expect(notices.set('acc-1', true)).toBe(true);
    expect(notices.enabled('acc-1')).toBe(true);
    expect(notices.set('nope', true)).toBe(false);
    expect(() => d.db.prepare("INSERT INTO account_message_notice VALUES ('acc-1', 2)").run()).toThrow(/CHECK|UNIQUE/);
    d.db.prepare("DELETE FROM accounts WHERE id = 'acc-1'").run();
    expect(d.db.prepare('SELECT count(*) FROM account_message_notice').pluck().get()).toBe(0);
    d.close();
  });

  it('migration 6 keeps accounts as not temporary, stores a proxy per account, and drops it with its account', () => {
    const v5 = AppDatabase.open(dir, MIGRATIONS.slice(0, 5));
    v5.db.prepare("INSERT INTO accounts (id, label, created_at, position) VALUES ('acc-1', 'Work', 1, 1)").run();
    v5.close();
    const d = AppDatabase.open(dir, MIGRATIONS.slice(0, 6));
    expect(d.db.prepare('SELECT label, temporary FROM accounts').get()).toEqual({ label: 'Work', temporary: 0 });
    expect(() => d.db.prepare("UPDATE accounts SET temporary = 2 WHERE id = 'acc-1'").run()).toThrow(/CHECK/);
    d.db.prepare("INSERT INTO account_proxy VALUES ('acc-1', 'http', '127.0.0.1', 3128, 'ann', 1)").run();
    expect(() => d.db.prepare("INSERT INTO account_proxy VALUES ('acc-1', 'ftp', 'x', 1, NULL, 0)").run()).toThrow(/CHECK/);
    expect(() => d.db.prepare("INSERT INTO account_proxy VALUES ('nope', 'http', 'x', 1, NULL, 0)").run()).toThrow(/FOREIGN KEY/);
    expect(columns(d.db, 'account_proxy')).not.toContain('password');
    d.db.prepare("DELETE FROM accounts WHERE id = 'acc-1'").run();
    expect(d.db.prepare('SELECT count(*) FROM account_proxy').pluck().get()).toBe(0);
    d.close();
  });

  it('migration 7 keeps accounts and stores settings as JSON, one row per key', () => {
    const v6 = AppDatabase.open(dir, MIGRATIONS.slice(0, 6));
    v6.db.prepare("INSERT INTO accounts (id, label, created_at, position) VALUES ('acc-1', 'Work', 1, 1)").run();
    v6.close();
    const d = AppDatabase.open(dir, MIGRATIONS.slice(0, 7));
    expect(d.db.prepare('SELECT label FROM accounts').pluck().get()).toBe('Work');
    expect(d.db.prepare('SELECT count(*) FROM app_settings').pluck().get()).toBe(0);
    d.db.prepare("INSERT INTO app_settings VALUES ('language', '\"pt-BR\"')").run();
    expect(() => d.db.prepare("INSERT INTO app_settings VALUES ('language', '\"en\"')").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => d.db.prepare("INSERT INTO app_settings VALUES ('bad', 'not json')").run()).toThrow(/CHECK/);
    expect(() => d.db.prepare("INSERT INTO app_settings VALUES ('', 'true')").run()).toThrow(/CHECK/);
    expect(JSON.parse(d.db.prepare("SELECT value FROM app_settings WHERE key = 'language'").pluck().get() as string)).toBe('pt-BR');
    d.close();
  });

  it('keeps data across re-opening and applies only what is new', () => {
    const first = AppDatabase.open(dir, MIGRATIONS.slice(0, 1));
    first.db.prepare("INSERT INTO accounts VALUES ('acc-1', 'Work', 1, 1)").run();
    first.close();
    const extra: Migration = { version: 2, name: 'note', up: (db) => db.exec('ALTER TABLE accounts ADD COLUMN note TEXT') };
    const again = AppDatabase.open(dir, [MIGRATIONS[0]!, extra]);
    expect(again.version).toBe(2);
    expect(again.db.prepare('SELECT label FROM accounts').pluck().get()).toBe('Work');
    again.close();
  });

  it('rolls a failing migration back completely', () => {
    AppDatabase.open(dir, MIGRATIONS.slice(0, 1)).close();
    const broken: Migration[] = [
      MIGRATIONS[0]!,
      { version: 2, name: 'half', up: (db) => db.exec('CREATE TABLE half (x)') },
      { version: 3, name: 'boom', up: () => { throw new Error('boom'); } },
    ];
    expect(() => AppDatabase.open(dir, broken)).toThrow('boom');
    const raw = new BetterSqlite3(join(dir, DATABASE_FILE));
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    raw.close();
  });

  it('refuses a database written by a newer version, says so, and changes nothing', () => {
    const raw = new BetterSqlite3(join(dir, DATABASE_FILE));
    raw.exec("CREATE TABLE future (x); INSERT INTO future VALUES ('keep me')");
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    const before = createHash('sha256').update(readFileSync(join(dir, DATABASE_FILE))).digest('hex');
    expect(() => AppDatabase.open(dir)).toThrow(/newer version of this app.*nothing was changed/s);
    const after = createHash('sha256').update(readFileSync(join(dir, DATABASE_FILE))).digest('hex');
    expect(after).toBe(before);
  });
});
