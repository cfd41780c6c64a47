import type BetterSqlite3 from 'better-sqlite3';
import type { ApiEventKind, ApiKeyView, ApiSettings, DeliveryView, WebhookView } from '../../preload/contract';

export const DEFAULT_API_PORT = 8790;
const DEFAULT_SETTINGS: ApiSettings = { enabled: false, port: DEFAULT_API_PORT, allowedOrigins: [] };

/** A key as stored: its SHA-256 hash, never the key. */
export interface StoredKey extends ApiKeyView {
  hash: string;
}

/** A webhook with the secret its deliveries are signed with (never sent back to the UI). */
export interface StoredWebhook extends WebhookView {
  secret: string;
}

/** A delivery still to be made, with what to send. */
export interface PendingDelivery {
  id: string;
  webhookId: string;
  payload: string;
  attempts: number;
  createdAt: number;
}

interface KeyRow { id: string; name: string; hash: string; prefix: string; accounts: string | null; created_at: number; last_used_at: number | null; revoked_at: number | null }
interface WebhookRow { id: string; account_id: string; url: string; events: string; secret: string; created_at: number }
interface DeliveryRow { id: string; webhook_id: string; event: string; payload: string; created_at: number; attempts: number; next_at: number | null; delivered_at: number | null; last_status: number | null; last_error: string | null }

const toKey = (r: KeyRow): StoredKey => ({
  id: r.id,
  name: r.name,
  hash: r.hash,
  prefix: r.prefix,
  accounts: r.accounts === null ? null : (JSON.parse(r.accounts) as string[]),
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});
const toWebhook = (r: WebhookRow): StoredWebhook => ({ id: r.id, accountId: r.account_id, url: r.url, events: JSON.parse(r.events) as ApiEventKind[], secret: r.secret, createdAt: r.created_at });
const toDelivery = (r: DeliveryRow): DeliveryView => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event as ApiEventKind,
  createdAt: r.created_at,
  attempts: r.attempts,
  status: r.delivered_at === null ? 'pending' : 'delivered',
  lastStatus: r.last_status,
  lastError: r.last_error,
  nextAt: r.next_at,
  deliveredAt: r.delivered_at,
});

/** The local API's rows: its settings, its keys (hashes), the webhooks and their deliveries. */
export class ApiRepo {
  constructor(private readonly db: BetterSqlite3.Database) {}

  settings(): ApiSettings {
    const row = this.db.prepare('SELECT enabled, port, allowed_origins FROM api_settings WHERE id = 1').get() as { enabled: number; port: number; allowed_origins: string } | undefined;
    if (!row) return { ...DEFAULT_SETTINGS };
    return { enabled: row.enabled === 1, port: row.port, allowedOrigins: JSON.parse(row.allowed_origins) as string[] };
  }

  saveSettings(s: ApiSettings): void {
    this.db
      .prepare('INSERT INTO api_settings (id, enabled, port, allowed_origins) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET enabled = excluded.enabled, port = excluded.port, allowed_origins = excluded.allowed_origins')
      .run(s.enabled ? 1 : 0, s.port, JSON.stringify(s.allowedOrigins));
  }

  keys(): StoredKey[] {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as KeyRow[]).map(toKey);
  }

  keyByHash(hash: string): StoredKey | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE hash = ?').get(hash) as KeyRow | undefined;
    return row && toKey(row);
  }

  insertKey(k: StoredKey): void {
    this.db
      .prepare('INSERT INTO api_keys (id, name, hash, prefix, accounts, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(k.id, k.name, k.hash, k.prefix, k.accounts === null ? null : JSON.stringify(k.accounts), k.createdAt);
  }

  revokeKey(id: string, at: number): StoredKey | undefined {
    this.db.prepare('UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(at, id);
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRow | undefined;
    return row && toKey(row);
  }

  touchKey(id: string, at: number): void {
    this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  webhooks(accountId?: string): StoredWebhook[] {
    const rows = accountId === undefined
      ? this.db.prepare('SELECT * FROM webhooks ORDER BY created_at, id').all()
      : this.db.prepare('SELECT * FROM webhooks WHERE account_id = ? ORDER BY created_at, id').all(accountId);
    return (rows as WebhookRow[]).map(toWebhook);
  }

  webhook(id: string): StoredWebhook | undefined {
    const row = this.db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as WebhookRow | undefined;
    return row && toWebhook(row);
  }

  insertWebhook(w: StoredWebhook): void {
    this.db
      .prepare('INSERT INTO webhooks (id, account_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(w.id, w.accountId, w.url, JSON.stringify(w.events), w.secret, w.createdAt);
  }

  /** Its pending deliveries go with it (ON DELETE CASCADE). */
  deleteWebhook(id: string): boolean {
    return this.db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
  }

  /** A new delivery waits behind the webhook's pending ones (due no earlier than they are), so order holds. */
  insertDelivery(d: { id: string; webhookId: string; event: ApiEventKind; payload: string; createdAt: number }): DeliveryView {
    this.db
      .prepare(`INSERT INTO webhook_deliveries (id, webhook_id, event, payload, created_at, next_at)
                VALUES (?, ?, ?, ?, ?, max(?, coalesce((SELECT max(next_at) FROM webhook_deliveries WHERE webhook_id = ? AND delivered_at IS NULL), 0)))`)
      .run(d.id, d.webhookId, d.event, d.payload, d.createdAt, d.createdAt, d.webhookId);
    return this.delivery(d.id)!;
  }

  delivery(id: string): DeliveryView | undefined {
    const row = this.db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  /** Deliveries not yet made whose time has come, oldest first (a receiver sees events in order). */
  due(now: number, limit = 50): PendingDelivery[] {
    const rows = this.db
      .prepare('SELECT id, webhook_id, payload, attempts, created_at FROM webhook_deliveries WHERE delivered_at IS NULL AND next_at <= ? ORDER BY created_at, rowid LIMIT ?')
      .all(now, limit) as { id: string; webhook_id: string; payload: string; attempts: number; created_at: number }[];
    return rows.map((r) => ({ id: r.id, webhookId: r.webhook_id, payload: r.payload, attempts: r.attempts, createdAt: r.created_at }));
  }

  /** When the next pending delivery is due, or null when none is pending. */
  nextDueAt(): number | null {
    return (this.db.prepare('SELECT min(next_at) FROM webhook_deliveries WHERE delivered_at IS NULL').pluck().get() as number | null) ?? null;
  }

  recordAttempt(id: string, outcome: { at: number; status: number | null; error: string | null; delivered: boolean; nextAt: number | null }): DeliveryView | undefined {
    this.db
      .prepare('UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?, delivered_at = ?, next_at = ? WHERE id = ?')
      .run(outcome.status, outcome.error, outcome.delivered ? outcome.at : null, outcome.delivered ? null : outcome.nextAt, id);
    return this.delivery(id);
  }

  /** Holds a webhook's pending deliveries until `until` (they wait behind one that failed). */
  postpone(webhookId: string, until: number): void {
    this.db.prepare('UPDATE webhook_deliveries SET next_at = max(next_at, ?) WHERE webhook_id = ? AND delivered_at IS NULL').run(until, webhookId);
  }

  /** Forgets deliveries made before `before` (the log shows recent ones; pending ones are always kept). */
  pruneDelivered(before: number): number {
    return this.db.prepare('DELETE FROM webhook_deliveries WHERE delivered_at IS NOT NULL AND delivered_at < ?').run(before).changes;
  }

  deliveries(webhookId: string | undefined, limit: number): DeliveryView[] {
    const rows = webhookId === undefined
      ? this.db.prepare('SELECT * FROM webhook_deliveries ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit)
      : this.db.prepare('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(webhookId, limit);
    return (rows as DeliveryRow[]).map(toDelivery);
  }
}
