import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_MAX_MESSAGE_BYTES, WS_PATH, type WsMessage } from '../../preload/contract';
import { createApp, type App } from '../index';
import { silentLogger } from '../log';
import { WebHost } from './WebHost';

let dir: string;
let app: App;
let host: WebHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wa-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  app = await createApp({ dataDir: join(dir, 'data'), host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false });
  host = new WebHost({ registry: app.registry, events: app.events, rendererDir, log: silentLogger });
  await host.start();
});
afterEach(async () => {
  await host.stop();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const wsUrl = (token?: string) => `${host.origin.replace('http', 'ws')}${WS_PATH}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function handshake(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

async function connect(): Promise<{ ws: WebSocket; next: () => Promise<WsMessage>; events: WsMessage[] }> {
  const ws = new WebSocket(wsUrl(host.token), { headers: { origin: host.origin } });
  const queue: WsMessage[] = [];
  const events: WsMessage[] = [];
  const waiters: ((m: WsMessage) => void)[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as WsMessage;
    // Events go to their own list; `next()` answers the replies in order.
    if ('event' in m) return void events.push(m);
    const w = waiters.shift();
    if (w) w(m);
    else queue.push(m);
  });
  await new Promise((r) => ws.once('open', r));
  return { ws, events, next: () => new Promise((r) => (queue.length ? r(queue.shift()!) : waiters.push(r))) };
}

describe('WebHost', () => {
  it('refuses a call without the token, with a wrong token, or on another path', async () => {
    expect(await handshake(wsUrl())).toBe(401);
    expect(await handshake(wsUrl('wrong'))).toBe(401);
    expect(await handshake(wsUrl(host.token.slice(0, -1)))).toBe(401);
    expect(await handshake(`${host.origin.replace('http', 'ws')}/other?token=${host.token}`)).toBe(404);
  });

  it('refuses a foreign Origin even with the right token, and accepts its own', async () => {
    expect(await handshake(wsUrl(host.token), { origin: 'https://evil.example' })).toBe(403);
    expect(await handshake(wsUrl(host.token), { origin: host.origin.replace(/:\d+$/, ':1') })).toBe(403);
    expect(await handshake(wsUrl(host.token), { origin: host.origin })).toBe(101);
  });

  it('answers every call with a Result and pushes events to connected windows', async () => {
    const { ws, next, events } = await connect();
    ws.send(JSON.stringify({ id: 1, command: 'accounts.add', input: { label: ' Work ' } }));
    expect(await next()).toMatchObject({ id: 1, result: { ok: true, value: { label: 'Work' } } });
    expect(events[0]).toMatchObject({ event: 'accounts.changed', payload: [{ label: 'Work' }] });
    ws.send(JSON.stringify({ id: 2, command: 'nope' }));
    expect(await next()).toMatchObject({ id: 2, result: { ok: false, error: { code: 'UNKNOWN_COMMAND' } } });
    ws.send(JSON.stringify({ id: 3, command: 'accounts.add', input: { label: '' } }));
    expect(await next()).toMatchObject({ id: 3, result: { ok: false, error: { code: 'INVALID_INPUT', field: 'label' } } });
    ws.send('{not json');
    expect(await next()).toMatchObject({ id: null, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    ws.send(JSON.stringify({ command: 'accounts.list' }));
    expect(await next()).toMatchObject({ id: null, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next()).toMatchObject({ id: null, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    ws.close();
  });

  it('closes a connection that sends more than 1 MiB, and keeps serving others', async () => {
    const { ws } = await connect();
    const code = await new Promise<number>((resolve) => {
      ws.on('close', (c) => resolve(c));
      ws.send(JSON.stringify({ id: 1, command: 'accounts.add', input: { label: 'x'.repeat(WS_MAX_MESSAGE_BYTES) } }));
    });
    expect(code).toBe(1009);
    const other = await connect();
    other.ws.send(JSON.stringify({ id: 9, command: 'accounts.list' }));
    expect(await other.next()).toMatchObject({ id: 9, result: { ok: true, value: [] } });
    other.ws.close();
  });

  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const page = await fetch(host.origin + '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-eval|unsafe-inline/);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await fetch(host.origin + p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('outside the renderer');
    }
  });
});

describe('WebHost listening on every interface (--host 0.0.0.0)', () => {
  let wide: WebHost;
  beforeEach(async () => {
    wide = new WebHost({ registry: app.registry, events: app.events, rendererDir: join(dir, 'renderer'), host: '0.0.0.0', log: silentLogger });
    await wide.start();
  });
  afterEach(() => wide.stop());

  it('prints an address a browser can open, never http://0.0.0.0', () => {
    expect(wide.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(wide.urls.every((u) => !u.includes('0.0.0.0'))).toBe(true);
  });

  it('accepts the page from the address the browser used, and refuses a foreign name (DNS rebinding) or a mismatch', async () => {
    const port = new URL(wide.origin).port;
    const url = (h: string) => `ws://${h}:${port}${WS_PATH}?token=${encodeURIComponent(wide.token)}`;
    // 127.0.0.2 stands for a LAN address: one of this computer's own, but not in the loopback names.
    expect(await handshake(url('127.0.0.2'), { origin: `http://127.0.0.2:${port}` })).toBe(101);
    expect(await handshake(url('127.0.0.2'), { origin: `http://evil.example:${port}`, host: `evil.example:${port}` })).toBe(403);
    expect(await handshake(url('127.0.0.2'), { origin: `http://127.0.0.3:${port}` })).toBe(403);
  });
});

describe('WebHost session check and heartbeat', () => {
  it('answers 204 to its own token and 401 to any other, so a page can tell a restart from an outage', async () => {
    const check = (token: string) => fetch(`${host.origin}/session`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await check(host.token)).toBe(204);
    expect(await check('an-old-token')).toBe(401);
    expect(await fetch(`${host.origin}/session`).then((r) => r.status)).toBe(401);
  });

  it('answers a ping with its pong at once', async () => {
    const { ws } = await connect();
    const pong = new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ ping: 42 }));
    expect(await pong).toEqual({ pong: 42 });
    ws.close();
  });
});
