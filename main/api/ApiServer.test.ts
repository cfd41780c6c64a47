// The local API over real HTTP on loopback: off until turned on, keys (401/403), the endpoints, the
// Origin and body-size guards, the event stream, and logs that never hold a key or a message's text.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { freePort, startHarness, type Harness } from './testing/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
  h = undefined as unknown as Harness;
});

const QR_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function call(path: string, init: RequestInit & { key?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(h.base + path, { ...init, headers });
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the JSON it expects
  return { status: res.status, body: body as any, headers: res.headers };
}

describe('local API', () => {
  it('listens only once the user turns it on, and stops listening when turned off', async () => {
    h = await startHarness({ enable: false });
    await expect(fetch(h.base + '/openapi.json')).rejects.toThrow();
    expect(h.api.status()).toMatchObject({ settings: { enabled: false }, listening: null });
    await h.api.configure({ enabled: true, port: h.port });
    expect(h.api.status().listening).toBe(h.base);
    expect((await fetch(h.base + '/openapi.json')).status).toBe(200);
    await h.api.configure({ enabled: false });
    await expect(fetch(h.base + '/openapi.json')).rejects.toThrow();
  });

  it('answers 401 without a key, with a wrong key and with a revoked key', async () => {
    h = await startHarness();
    const { key, secret } = h.api.createKey('script', null);
    expect((await call('/v1/accounts')).status).toBe(401);
    expect((await call('/v1/accounts', { key: secret + 'x' })).status).toBe(401);
    expect((await call('/v1/accounts', { headers: { authorization: secret } })).status).toBe(401);
    const ok = await call('/v1/accounts', { key: secret });
    expect(ok.status).toBe(200);
    expect(ok.body.accounts.map((a: { id: string }) => a.id)).toEqual(['acc-a', 'acc-b']);
    h.api.revokeKey(key.id);
    const revoked = await call('/v1/accounts', { key: secret });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('UNAUTHORIZED');
  });

  it('keeps only a hash of a key, and shows the key once', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('script', null);
    const rows = JSON.stringify(h.db.db.prepare('SELECT * FROM api_keys').all());
    expect(rows).not.toContain(secret);
    expect(JSON.stringify(h.api.status())).not.toContain(secret);
  });

  it('answers 403 for an account the key is not scoped to, and lists only its own accounts', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('only a', ['acc-a']);
    expect((await call('/v1/accounts', { key: secret })).body.accounts.map((a: { id: string }) => a.id)).toEqual(['acc-a']);
    expect((await call('/v1/accounts/acc-a', { key: secret })).status).toBe(200);
    const other = await call('/v1/accounts/acc-b', { key: secret });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const send = await call('/v1/accounts/acc-b/messages', { key: secret, method: 'POST', body: JSON.stringify({ to: '15550000002', text: 'hi' }) });
    expect(send.status).toBe(403);
    expect(h.messaging.sent).toEqual([]);
    expect((await call('/v1/accounts/nope', { key: h.api.createKey('all', null).secret })).status).toBe(404);
  });

  it('gives an account’s state, and its QR as a PNG only while it waits for a scan', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('script', null);
    expect((await call('/v1/accounts/acc-a', { key: secret })).body.session).toEqual({ kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' });
    const notWaiting = await call('/v1/accounts/acc-a/qr', { key: secret });
    expect(notWaiting.status).toBe(409);
    expect(notWaiting.body.error.code).toBe('NOT_WAITING_FOR_SCAN');
    h.accounts.setState('acc-a', { kind: 'qr', qr: '2@abc', qrImage: `data:image/png;base64,${QR_PNG}`, expiresAt: 1, shown: 1, limit: 5 });
    const qr = await call('/v1/accounts/acc-a/qr', { key: secret });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(qr.body, Buffer.from(QR_PNG, 'base64'))).toBe(0);
  });

  it('sends a text and answers its id; lists chats with unread counts; marks a chat seen', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('script', null);
    const sent = await call('/v1/accounts/acc-a/messages', { key: secret, method: 'POST', body: JSON.stringify({ to: '+15550000002', text: 'Hello Bob' }) });
    expect(sent.status).toBe(201);
    expect(sent.body.id).toBe('true_15550000002@c.us_3EB01');
    expect(h.messaging.sent).toEqual([{ accountId: 'acc-a', message: { to: '+15550000002', text: 'Hello Bob' } }]);
    const chats = await call('/v1/accounts/acc-a/chats', { key: secret });
    expect(chats.body.chats[0]).toMatchObject({ id: '15550000002@c.us', unreadCount: 2 });
    const seen = await call('/v1/accounts/acc-a/chats/15550000002@c.us/seen', { key: secret, method: 'POST' });
    expect(seen.status).toBe(200);
    expect(h.messaging.seen).toEqual(['15550000002@c.us']);
    expect((await call('/v1/accounts/acc-a/chats', { key: secret })).body.chats[0].unreadCount).toBe(0);
  });

  it('refuses bad input with the field, a not-Ready account with 409, and a body over the limit with 413', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('script', null);
    const empty = await call('/v1/accounts/acc-a/messages', { key: secret, method: 'POST', body: JSON.stringify({ to: '15550000002', text: '' }) });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'INVALID_INPUT', field: 'text', message: 'The message is empty' });
    const extra = await call('/v1/accounts/acc-a/messages', { key: secret, method: 'POST', body: JSON.stringify({ to: '15550000002', text: 'x', admin: true }) });
    expect(extra.status).toBe(400);
    const huge = await call('/v1/accounts/acc-a/messages', { key: secret, method: 'POST', body: JSON.stringify({ to: '15550000002', text: 'x'.repeat(400 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    h.accounts.setState('acc-b', { kind: 'stopped' });
    const notReady = await call('/v1/accounts/acc-b/messages', { key: secret, method: 'POST', body: JSON.stringify({ to: '15550000002', text: 'hi' }) });
    expect(notReady.status).toBe(409);
    expect(notReady.body.error.code).toBe('NOT_READY');
    expect(h.messaging.sent).toEqual([]);
  });

  it('refuses a request from a web page (Origin) unless that origin is allowed', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('script', null);
    const page = await call('/v1/accounts', { key: secret, headers: { origin: 'https://evil.example' } });
    expect(page.status).toBe(403);
    expect(page.body.error.code).toBe('ORIGIN_REFUSED');
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    await h.api.configure({ allowedOrigins: ['http://localhost:5173'] });
    const allowed = await call('/v1/accounts', { key: secret, headers: { origin: 'http://localhost:5173' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await call('/v1/accounts', { key: secret, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const preflight = await fetch(h.base + '/v1/accounts', { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const stream = await fetch(h.base + '/v1/events', { headers: { authorization: `Bearer ${secret}`, origin: 'http://localhost:5173' } });
    expect(stream.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    await stream.body!.cancel();
  });

  it('streams events (SSE) of the key’s accounts only', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('only a', ['acc-a']);
    const controller = new AbortController();
    const res = await fetch(h.base + '/v1/events', { headers: { authorization: `Bearer ${secret}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    h.messaging.incoming('acc-b', 'not for this key');
    h.messaging.incoming('acc-a', 'Hi from Bob');
    let text = '';
    while (!text.includes('Hi from Bob')) text += (await reader.read()).value ?? '';
    controller.abort();
    expect(text).not.toContain('not for this key');
    const frame = text.split('\n\n').find((f) => f.includes('Hi from Bob'))!;
    expect(frame).toMatch(/^id: evt_/m);
    expect(frame).toMatch(/^event: message$/m);
    const event = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!);
    expect(event).toMatchObject({ type: 'message', accountId: 'acc-a', data: { body: 'Hi from Bob', fromMe: false } });
  });

  it('ends the event streams of a key when it is revoked', async () => {
    h = await startHarness();
    const { key, secret } = h.api.createKey('script', null);
    const res = await fetch(h.base + '/v1/events', { headers: { authorization: `Bearer ${secret}` } });
    const reader = res.body!.getReader();
    await reader.read(); // connected
    h.api.revokeKey(key.id);
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });

  it('moves to another port, and says so plainly when the port is taken', async () => {
    h = await startHarness();
    const other = await freePort();
    expect((await h.api.configure({ port: other })).listening).toBe(`http://127.0.0.1:${other}`);
    await expect(fetch(h.base + '/openapi.json')).rejects.toThrow();
    const blocker = createServer();
    const taken = await freePort();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', r));
    try {
      const status = await h.api.configure({ port: taken });
      expect(status).toMatchObject({ listening: null, error: `Port ${taken} is in use by another program. Choose another port.` });
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('tells the UI when a key is used, at most once a minute', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('script', null);
    const changes: (number | null)[] = [];
    h.api.on('changed', (s) => changes.push(s.keys[0]!.lastUsedAt));
    await call('/v1/accounts', { key: secret });
    await call('/v1/accounts', { key: secret });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toBeGreaterThan(0);
  });

  it('writes neither keys nor message text to the log', async () => {
    h = await startHarness();
    const { secret } = h.api.createKey('script', null);
    await call('/v1/accounts/acc-a/messages', { key: secret, method: 'POST', body: JSON.stringify({ to: '15550000002', text: 'TOP SECRET TEXT' }) });
    await call('/v1/accounts/acc-a/messages', { key: secret + 'bad', method: 'POST', body: JSON.stringify({ to: '15550000002', text: 'TOP SECRET TEXT' }) });
    await call('/v1/accounts/acc-a/messages', { key: secret, method: 'POST', body: '{"to": "1555000000' });
    const log = h.logLines.join('\n');
    expect(log).toContain('"route":"/v1/accounts/:accountId/messages"');
    expect(log).not.toContain(secret.slice(4, 20));
    expect(log).not.toContain('TOP SECRET TEXT');
    expect(log).not.toContain('15550000002');
  });
});
