// A seeded fuzz run over the WebSocket transport, as an attacker with the token would try it: a few
// thousand malformed and half-valid requests. None may end in INTERNAL, none may carry a stack trace,
// and the host must still answer afterwards. Every value stays on this machine: hosts are loopback (or
// invalid on purpose) and ports closed, folders live under a temp folder or are invalid on purpose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commands, WS_PATH, type CommandName, type WsMessage } from '../../preload/contract';

const commandNames = Object.keys(commands) as CommandName[];
import { createApp, type App } from '../../main/index';
import { silentLogger } from '../../main/log';
import { WebHost } from '../../main/web/WebHost';
import { closedPort } from '../../main/backup/testing/hangingServer';

const SEED = 20261201;
const REQUESTS = 3000;

/** mulberry32: small, seeded, good enough to pick cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let dir: string;
let app: App;
let host: WebHost;
let port9: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wa-fuzz-'));
  port9 = await closedPort();
  app = await createApp({ dataDir: join(dir, 'data'), host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false, autoStart: false });
  host = new WebHost({ registry: app.registry, events: app.events, rendererDir: join(dir, 'renderer'), log: silentLogger });
  await host.start();
});
afterAll(async () => {
  await host.stop();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

function generator(rand: () => number) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const strings = ['', ' ', 'a', 'Work', '\u0000', 'a\u0000b', '../../etc/passwd', 'C:\\Backups', 'D:/x', '\\\\server\\share', '/tmp/\u0000x', 'x'.repeat(70), '😀'.repeat(40), '<script>', 'null', '0', 'st-000000', 'st-abcdef1234', 'acc-1', 'A', '-', '__proto__', 'constructor'];
  const folders = () => pick([join(dir, 'stores', `f${Math.floor(rand() * 5)}`), 'C:\\Backups', 'D:/x', '\\\\server\\share\\b', `${dir}/a\u0000b`, 'relative/path', '', '/']);
  const hosts = ['127.0.0.1', 'localhost', '::1', '', ' ', 'a b', 'db?sslmode=disable&host=127.0.0.1#', '127.0.0.1/x'];
  const scalar = (): unknown => pick([null, true, false, 0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, pick(strings), [], {}]);
  const value = (depth = 0): unknown => {
    if (depth > 2 || rand() < 0.5) return scalar();
    if (rand() < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(['id', 'label', 'kind', 'path', 'storeId', 'accountId', 'x', '__proto__']), value(depth + 1)]));
  };
  const ids = () => pick([...app.accounts.list().map((a) => a.id), 'nope', 'A', '', pick(strings)]);
  const storeIds = () => pick(['st-000000', 'st-zzzzzzzz']);
  const settings = (): unknown =>
    pick([
      { kind: 'folder', path: folders() },
      { kind: 's3', endpoint: pick([`http://127.0.0.1:${port9}`, '', 'not a url', 'file:///etc']), region: pick(['us-east-1', '', 'x']), bucket: pick(['b', '', 'B..']), accessKeyId: pick(['k', '']) },
      { kind: 'postgres', host: pick(hosts), port: pick([port9, 0, 70000, '5432']), database: pick(['d', '']), user: pick(['u', '']) },
      { kind: 'mongo', host: pick(hosts), port: pick([port9, -1]), database: pick(['d', '']) },
      { kind: pick(['ftp', '', 'FOLDER']) },
      value(),
    ]);
  const inputs: Record<string, () => unknown> = {
    'accounts.add': () => pick([{ label: pick(strings) }, { label: value() }, value()]),
    'accounts.rename': () => ({ id: ids(), label: pick(strings) }),
    'accounts.linkWithPhone': () => ({ id: ids(), phoneNumber: pick(['+1 555 000 0001', '12', 'abc', '\u0000', '1'.repeat(20)]) }),
    'stores.save': () => ({ name: pick(strings), settings: settings(), ...(rand() < 0.5 ? { secret: pick(strings) } : {}), ...(rand() < 0.3 ? { id: storeIds() } : {}) }),
    'stores.test': () => ({ settings: settings(), ...(rand() < 0.5 ? { secret: pick(strings) } : {}), ...(rand() < 0.3 ? { id: storeIds() } : {}) }),
    'backup.configure': () => ({ accountId: ids(), enabled: value(), storeId: storeIds(), intervalMin: scalar(), encrypt: value() }),
    'backup.setPassphrase': () => ({ passphrase: pick(strings) }),
    'backup.restore': () => ({ storeId: storeIds(), accountId: ids(), versionId: pick(strings), ...(rand() < 0.5 ? { confirmReplace: value() } : {}) }),
  };
  return (): { command: unknown; input: unknown } => {
    const r = rand();
    if (r < 0.05) return { command: value(), input: value() };
    const command = r < 0.1 ? pick(strings) : pick(commandNames);
    const gen = typeof command === 'string' && Object.hasOwn(inputs, command) ? inputs[command] : undefined;
    const input = gen && rand() < 0.8 ? gen() : rand() < 0.5 ? { id: ids() } : value();
    return { command, input };
  };
}

it(`${REQUESTS} seeded fuzzed requests (seed ${SEED}): no INTERNAL, no stack trace in any reply, the host still answers`, async () => {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}${WS_PATH}?token=${encodeURIComponent(host.token)}`, { headers: { origin: host.origin } });
  await new Promise((r) => ws.once('open', r));
  const replies = new Map<number, (m: WsMessage) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as WsMessage;
    if ('id' in m && m.id !== null) replies.get(m.id)?.(m);
  });
  const next = generator(prng(SEED));
  const internal: string[] = [];
  const traces: string[] = [];
  for (let id = 1; id <= REQUESTS; id++) {
    const req = next();
    const reply = await new Promise<WsMessage>((resolve) => {
      replies.set(id, resolve);
      ws.send(JSON.stringify({ id, command: req.command, input: req.input }));
    });
    replies.delete(id);
    const text = JSON.stringify(reply);
    const shown = JSON.stringify(req).slice(0, 200);
    if ('result' in reply && !reply.result.ok && reply.result.error.code === 'INTERNAL') internal.push(shown);
    if (/\n\s+at |\bat [\w.]+ \(|node_modules/.test(text)) traces.push(shown);
  }
  expect(internal, 'requests that ended in INTERNAL').toEqual([]);
  expect(traces, 'replies that carried a stack trace').toEqual([]);
  const alive = await new Promise<WsMessage>((resolve) => {
    replies.set(REQUESTS + 1, resolve);
    ws.send(JSON.stringify({ id: REQUESTS + 1, command: 'app.info' }));
  });
  expect('result' in alive && alive.result.ok).toBe(true);
  ws.close();
}, 240_000);
