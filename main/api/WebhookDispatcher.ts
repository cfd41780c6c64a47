// Webhook deliveries: every event an account's webhook asked for becomes a row in SQLite first, then is
// POSTed, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature: v1,
// HMAC-SHA256 over id.timestamp.body), so a receiver verifies it with the `standardwebhooks` library
// of its own language. A failed delivery is retried with capped exponential backoff until it gets
// through; the rows survive an app restart. Deliveries to one webhook go out in order, one at a time.
import { EventEmitter } from 'node:events';
import { Webhook } from 'standardwebhooks';
import type { DeliveryView } from '../../preload/contract';
import type { ApiRepo, PendingDelivery } from '../db/ApiRepo';
import type { Logger } from '../log';
import { newId } from './keys';
import type { ApiEvent } from './schemas';

export interface DeliverySettings {
  /** First retry after this long; each further one waits twice as long, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A receiver that does not answer within this is counted as down. */
  timeoutMs: number;
}

/** Made deliveries stay in the log this long. */
export const DELIVERED_KEPT_MS = 7 * 24 * 3600_000;

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { baseDelayMs: 2_000, maxDelayMs: 10 * 60_000, timeoutMs: 10_000 };

export function retryDelay(attempts: number, s: DeliverySettings, random = Math.random): number {
  const exp = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

export class WebhookDispatcher extends EventEmitter<{ delivery: [DeliveryView] }> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private round: Promise<void> | null = null;
  private again = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly repo: ApiRepo,
    private readonly log: Logger,
    private readonly settings: DeliverySettings = DEFAULT_DELIVERY_SETTINGS,
    private readonly now: () => number = Date.now,
    /** The stored secret as it signs (stored secrets may be wrapped: main/api/secrets.ts). */
    private readonly openSecret: (stored: string) => Promise<string> = async (s) => s,
  ) {
    super();
  }

  start(): void {
    this.running = true;
    this.repo.pruneDelivered(this.now() - DELIVERED_KEPT_MS);
    this.kick();
  }

  /** Stops sending; what is not delivered stays in SQLite for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.inFlight.forEach((c) => c.abort());
    await this.round;
  }

  /** Queues the event for every webhook of its account that asked for its kind. */
  enqueue(event: ApiEvent): void {
    const payload = JSON.stringify(event);
    for (const hook of this.repo.webhooks(event.accountId)) {
      if (!hook.events.includes(event.type)) continue;
      this.emit('delivery', this.repo.insertDelivery({ id: newId('msg').replace('-', '_'), webhookId: hook.id, event: event.type, payload, createdAt: this.now() }));
    }
    this.kick();
  }

  private kick(): void {
    if (!this.running) return;
    if (this.round) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    const next = this.repo.nextDueAt();
    if (next === null) return;
    this.timer = setTimeout(() => this.runRound(), Math.max(0, next - this.now()));
  }

  private runRound(): void {
    this.again = false;
    this.round = this.deliverDue()
      .catch((err: unknown) => this.log.error('webhook deliveries failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.round = null;
        this.kick();
      });
  }

  private async deliverDue(): Promise<void> {
    const byHook = new Map<string, PendingDelivery[]>();
    for (const d of this.repo.due(this.now(), 200)) byHook.set(d.webhookId, [...(byHook.get(d.webhookId) ?? []), d]);
    await Promise.all([...byHook.entries()].map(async ([hookId, list]) => {
      // In order; after a failure the rest wait, so a receiver that comes back sees them in order.
      for (const d of list) if (!this.running || !(await this.deliver(hookId, d))) break;
    }));
  }

  private async deliver(hookId: string, d: PendingDelivery): Promise<boolean> {
    const hook = this.repo.webhook(hookId);
    if (!hook) return false;
    const at = this.now();
    const secret = await this.openSecret(hook.secret).catch(() => null);
    const outcome = secret === null ? { status: null, error: 'The webhook’s secret cannot be opened on this computer: remove the webhook and add it again' } : await this.post(hook.url, secret, d, at);
    // Cut short by stop(): not the receiver's fault; it is tried again at the next start.
    if (!this.running && outcome.status === null) return false;
    const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const nextAt = delivered ? null : this.now() + retryDelay(d.attempts + 1, this.settings);
    const view = this.repo.recordAttempt(d.id, { at: this.now(), status: outcome.status, error: outcome.error, delivered, nextAt });
    if (!delivered) {
      // Postpone the ones queued behind it too, so order holds and a dead receiver is not hammered.
      this.repo.postpone(hookId, nextAt!);
      this.log.warn('webhook delivery failed', { webhook: hookId, attempt: d.attempts + 1, status: outcome.status, error: outcome.error });
    }
    if (view) this.emit('delivery', view);
    return delivered;
  }

  private async post(url: string, secret: string, d: PendingDelivery, at: number): Promise<{ status: number | null; error: string | null }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    try {
      const signature = new Webhook(secret).sign(d.id, new Date(at), d.payload);
      const res = await fetch(url, {
        method: 'POST',
        body: d.payload,
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'WA-Accounts-Webhooks/1',
          'webhook-id': d.id,
          'webhook-timestamp': String(Math.floor(at / 1000)),
          'webhook-signature': signature,
        },
      });
      await res.body?.cancel().catch(() => {});
      return { status: res.status, error: res.ok ? null : `The receiver answered HTTP ${res.status}` };
    } catch (err) {
      const aborted = controller.signal.aborted;
      return { status: null, error: aborted ? 'The receiver did not answer in time' : `The receiver could not be reached (${(err as { cause?: { code?: string } }).cause?.code ?? 'network error'})` };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }
}
