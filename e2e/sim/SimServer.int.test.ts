// The simulator's own behaviour, driven through its test API and the phone page's HTTP API. Most
// tests stand in for the browser with a bare WebSocket "page" (cheap, no Chromium); the historyMB
// test uses the stock library, because only a real Chromium profile has a size worth checking.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ClientHarness, linkNewDevice, TEST_TIMINGS } from './clientHarness';
import { SimError } from './errors';
import { SimServer } from './SimServer';
import type { ServerMessage, SimOptions } from './types';

let sim: SimServer;
let harness: ClientHarness | undefined;
const sockets: WebSocket[] = [];

async function startSim(options: SimOptions = {}): Promise<void> {
  sim = new SimServer({ ...TEST_TIMINGS, ...options });
  await sim.start();
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await harness?.cleanup();
  harness = undefined;
  await sim?.stop();
});

/** A bare page: says hello with fixed keys and records what the server sends. */
async function fakePage(): Promise<{ messages: ServerMessage[]; next: (type: ServerMessage['type']) => Promise<ServerMessage> }> {
  const socket = new WebSocket(`wss://127.0.0.1:${sim.port}/ws/chat`, { rejectUnauthorized: false });
  sockets.push(socket);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const key = Buffer.alloc(32, 7).toString('base64');
  socket.send(JSON.stringify({ type: 'hello', platform: '1', keys: { noise: key, identity: key, adv: key } }));
  const next = async (type: ServerMessage['type']): Promise<ServerMessage> => {
    await expect.poll(() => messages.some((m) => m.type === type), { timeout: 5_000 }).toBe(true);
    return messages.find((m) => m.type === type) as ServerMessage;
  };
  return { messages, next };
}

function refusal(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof SimError) return error.code;
    throw error;
  }
  return undefined;
}

describe('SimServer', () => {
  it('chromiumArgs map only web.whatsapp.com to the server, leave loopback itself (a proxy there), and pin its certificate', async () => {
    await startSim();
    const [rules, pin] = sim.chromiumArgs();
    expect(rules).toBe(`--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:${sim.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`);
    expect(pin).toMatch(/^--ignore-certificate-errors-spki-list=[A-Za-z0-9+/]{43}=$/);
  });

  it('a phone links at most 4 devices: the fifth scan is refused and that device keeps its QR', async () => {
    await startSim();
    for (let i = 0; i < 4; i++) {
      const page = await fakePage();
      await page.next('ref');
      const [pending] = sim.pendingQrs();
      sim.scan(pending?.qr ?? '');
      await page.next('pair-success');
    }
    const fifth = await fakePage();
    await fifth.next('ref');
    const [pending] = sim.pendingQrs();
    expect(refusal(() => sim.scan(pending?.qr ?? ''))).toBe('DEVICE_LIMIT');
    expect(sim.devices(sim.defaultPhone)).toHaveLength(4);
    expect(sim.pendingQrs()).toEqual([pending]);
    expect(fifth.messages.map((m) => m.type)).toEqual(['ref']);

    // A second phone has its own limit.
    const other = sim.addPhone({ number: '15550000002', pushname: 'Other' });
    sim.scan(pending?.qr ?? '', other);
    await fifth.next('pair-success');
    expect(sim.devices(other)).toHaveLength(1);
  });

  it('refuses malformed, unknown and expired QR strings with distinct codes', async () => {
    await startSim({ firstRefMs: 300 });
    const page = await fakePage();
    await page.next('ref');
    const [first] = sim.pendingQrs();
    expect(refusal(() => sim.scan('hello'))).toBe('QR_MALFORMED');
    expect(refusal(() => sim.scan(`2@unknown,${first?.qr.split(',').slice(1).join(',')}`))).toBe('QR_UNKNOWN');
    expect(refusal(() => sim.scan(`${first?.ref},a,b,c,1`))).toBe('QR_KEYS_MISMATCH');
    await sim.waitFor('qr', (q) => q.index === 1, 5_000);
    expect(refusal(() => sim.scan(first?.qr ?? ''))).toBe('QR_EXPIRED');
  });

  it('rotates refs: the first lives firstRefMs, later ones laterRefMs, then the page goes idle', async () => {
    await startSim({ firstRefMs: 400, laterRefMs: 200, refCount: 3 });
    const seen: { index: number; ttl: number }[] = [];
    sim.on('qr', (q) => seen.push({ index: q.index, ttl: q.expiresAt - Date.now() }));
    const idle = sim.waitFor('idle', () => true, 5_000);
    const page = await fakePage();
    await idle;
    await page.next('idle');
    expect(seen.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(seen[0]?.ttl).toBeGreaterThan(300);
    expect(seen[1]?.ttl).toBeLessThanOrEqual(200);
    expect(page.messages.map((m) => m.type)).toEqual(['ref', 'ref', 'ref', 'idle']);
    expect(sim.pendingQrs()).toEqual([]);
  });

  it('waitFor rejects with TIMEOUT when nothing matches', async () => {
    await startSim();
    await expect(sim.waitFor('linked', () => true, 100)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('the phone page lists the waiting QR, scans it and reports refusals', async () => {
    await startSim();
    const page = await fakePage();
    await page.next('ref');
    const html = await (await fetch(sim.phoneUrl)).text();
    expect(html).toContain('Simulated phone');
    const state = (await (await fetch(`${sim.phoneUrl}api/state`)).json()) as { value: { qrs: { qr: string; svg: string }[] } };
    const [qr] = state.value.qrs;
    expect(qr?.qr).toBe(sim.pendingQrs()[0]?.qr);
    expect(qr?.svg).toContain('<svg');

    const post = async (path: string, body: unknown): Promise<{ ok: boolean; error?: { code: string } }> =>
      (await fetch(`${sim.phoneUrl}api/${path}`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<{ ok: boolean; error?: { code: string } }>;
    expect(await post('scan', { qr: qr?.qr })).toMatchObject({ ok: true });
    await page.next('pair-success');
    expect(await post('scan', { qr: qr?.qr })).toMatchObject({ ok: false, error: { code: 'QR_EXPIRED' } });
    const [device] = sim.devices();
    expect(await post('unlink', { deviceId: device?.deviceId, style: 'bridge' })).toMatchObject({ ok: true });
    await page.next('unlink');
    expect(sim.devices()).toEqual([]);
  });

  it('historyMB fills the linked device\'s IndexedDB during its first sync', async () => {
    await startSim({ historyMB: 8 });
    harness = new ClientHarness(sim);
    const dir = await harness.tempDir();
    const synced = sim.waitFor('synced', () => true, 60_000);
    const { client } = await linkNewDevice(harness, sim, dir);
    expect((await synced).historyBytes).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    await harness.destroy(client);
    const kb = Number(execFileSync('du', ['-sk', join(dir, 'session', 'Default', 'IndexedDB')], { encoding: 'utf8' }).split('\t')[0]);
    // LevelDB compresses the text; the key material in each row does not compress.
    expect(kb).toBeGreaterThan(4 * 1024);
  }, 90_000);
});
