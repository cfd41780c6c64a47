// Webhooks against a real HTTP receiver on loopback: signed (Standard Webhooks, verified with the
// `standardwebhooks` library a receiver would use), within 2 s, only the kinds asked for, and kept in
// SQLite until delivered: a receiver that is down gets them once it is back, also across a restart.
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { retryDelay } from './WebhookDispatcher';
import { Receiver, startHarness, type Harness } from './testing/harness';

let h: Harness;
const receivers: Receiver[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined as unknown as Harness;
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

async function receiver(port = 0): Promise<Receiver> {
  const r = new Receiver();
  await r.start(port);
  receivers.push(r);
  return r;
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('webhooks', () => {
  it('delivers a message event signed with the webhook’s secret within 2 s', async () => {
    h = await startHarness();
    const r = await receiver();
    const { secret } = await h.api.addWebhook({ accountId: 'acc-a', url: r.url, events: ['message'] });
    expect(secret).toMatch(/^whsec_/);
    // Kept wrapped by the key protector: the database alone does not hold it.
    expect(JSON.stringify(h.db.db.prepare('SELECT * FROM webhooks').all())).not.toContain(secret.slice(6));
    expect(JSON.stringify(h.api.status())).not.toContain(secret.slice(6));
    const started = Date.now();
    h.messaging.incoming('acc-a', 'Hi from Bob');
    await until(() => r.got.length > 0, 2_000);
    expect(r.got[0]!.at - started).toBeLessThan(2_000);
    const { headers, body } = r.got[0]!;
    const verified = new Webhook(secret).verify(body, headers as Record<string, string>) as { type: string; accountId: string; data: { body: string } };
    expect(verified).toMatchObject({ type: 'message', accountId: 'acc-a', data: { body: 'Hi from Bob' } });
    expect(() => new Webhook(`whsec_${Buffer.from('another secret, 24 bytes!').toString('base64')}`).verify(body, headers as Record<string, string>)).toThrow();
    // The log records the outcome once the receiver's answer is in.
    await until(() => h.api.deliveries(undefined)[0]?.status === 'delivered', 1_000);
    expect(h.api.deliveries(undefined)[0]).toMatchObject({ event: 'message', status: 'delivered', attempts: 1, lastStatus: 200 });
  });

  it('sends only the kinds a webhook asked for, and only for its account', async () => {
    h = await startHarness();
    const r = await receiver();
    await h.api.addWebhook({ accountId: 'acc-a', url: r.url, events: ['state'] });
    h.messaging.incoming('acc-a', 'not asked for');
    h.accounts.setState('acc-b', { kind: 'stopped' });
    h.accounts.setState('acc-a', { kind: 'failed', code: 'CONFLICT', message: 'Opened elsewhere' });
    await until(() => r.got.length > 0, 2_000);
    await new Promise((res) => setTimeout(res, 200));
    expect(r.got.map((g) => JSON.parse(g.body))).toEqual([expect.objectContaining({ type: 'state', accountId: 'acc-a', data: expect.objectContaining({ reason: 'CONFLICT' }) })]);
  });

  it('retries a receiver that is down and delivers once it is back, in order', async () => {
    h = await startHarness();
    const r = await receiver();
    r.status = 503;
    await h.api.addWebhook({ accountId: 'acc-a', url: r.url, events: ['message'] });
    h.messaging.incoming('acc-a', 'first');
    h.messaging.incoming('acc-a', 'second');
    await until(() => h.api.deliveries(undefined).some((d) => d.attempts >= 2), 3_000);
    expect(h.api.deliveries(undefined).every((d) => d.status === 'pending')).toBe(true);
    expect(h.api.deliveries(undefined)[1]).toMatchObject({ lastStatus: 503, lastError: 'The receiver answered HTTP 503' });
    r.status = 200;
    await until(() => r.got.length === 2, 3_000);
    expect(r.got.map((g) => JSON.parse(g.body).data.body)).toEqual(['first', 'second']);
    await until(() => h.api.deliveries(undefined).every((d) => d.status === 'delivered'), 1_000);
  });

  it('keeps undelivered events across an app restart and delivers them when the receiver comes back', async () => {
    h = await startHarness();
    const r = await receiver();
    const port = r.port;
    await r.stop(); // nothing listens there now
    await h.api.addWebhook({ accountId: 'acc-a', url: `http://127.0.0.1:${port}/hook`, events: ['message'] });
    h.messaging.incoming('acc-a', 'while you were out');
    await until(() => h.api.deliveries(undefined)[0]?.attempts === 1, 2_000);
    expect(h.api.deliveries(undefined)[0]!.lastError).toMatch(/could not be reached/);
    await h.restart();
    const back = await receiver(port);
    await until(() => back.got.length === 1, 3_000);
    expect(JSON.parse(back.got[0]!.body).data.body).toBe('while you were out');
    await until(() => h.api.deliveries(undefined)[0]?.status === 'delivered', 1_000);
  });

  it('keeps a webhook’s order: events that come while one waits for a retry go after it', async () => {
    h = await startHarness();
    const r = await receiver();
    r.status = 500;
    await h.api.addWebhook({ accountId: 'acc-a', url: r.url, events: ['message'] });
    h.messaging.incoming('acc-a', 'first');
    await until(() => h.api.deliveries(undefined)[0]?.attempts === 1, 2_000);
    r.status = 200;
    h.messaging.incoming('acc-a', 'second');
    await until(() => r.got.length === 2, 3_000);
    expect(r.got.map((g) => JSON.parse(g.body).data.body)).toEqual(['first', 'second']);
  });

  it('sends nothing while the API is off', async () => {
    h = await startHarness();
    const r = await receiver();
    await h.api.addWebhook({ accountId: 'acc-a', url: r.url, events: ['message'] });
    await h.api.configure({ enabled: false });
    h.messaging.incoming('acc-a', 'quiet');
    await new Promise((res) => setTimeout(res, 300));
    expect(r.got).toEqual([]);
    expect(h.api.deliveries(undefined)).toEqual([]);
  });

  it('forgets deliveries made over a week ago at the next start, and keeps pending ones whatever their age', async () => {
    h = await startHarness();
    const r = await receiver();
    const hook = await h.api.addWebhook({ accountId: 'acc-a', url: r.url, events: ['message'] });
    const insert = h.db.db.prepare("INSERT INTO webhook_deliveries (id, webhook_id, event, payload, created_at, next_at, delivered_at) VALUES (?, ?, 'message', '{}', 1, ?, ?)");
    insert.run('msg_old', hook.webhook.id, null, Date.now() - 8 * 24 * 3600_000);
    insert.run('msg_recent', hook.webhook.id, null, Date.now() - 3600_000);
    insert.run('msg_pending', hook.webhook.id, Date.now() + 3600_000, null);
    await h.restart();
    expect(h.api.deliveries(undefined).map((d) => d.id).sort()).toEqual(['msg_pending', 'msg_recent']);
  });

  it('waits longer after each failure, up to the cap', () => {
    const s = { baseDelayMs: 1_000, maxDelayMs: 8_000, timeoutMs: 1 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, s, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });
});
