// The simulator's state file (SimOptions.stateFile, used by `npm run demo`): a restarted simulator on the
// same file recognises the devices linked before, with their phones and chats; a missing or broken file
// starts empty and says so. Bare WebSocket "pages" stand in for the browser, as in SimServer.int.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_TIMINGS } from './clientHarness';
import { SimServer } from './SimServer';
import type { ServerMessage, SimOptions } from './types';

let dir: string;
let file: string;
const sims: SimServer[] = [];
const sockets: WebSocket[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-sim-state-'));
  file = join(dir, 'simulator.json');
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const sim of sims.splice(0)) await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startSim(options: SimOptions = {}): Promise<{ sim: SimServer; logs: string[] }> {
  const logs: string[] = [];
  const sim = new SimServer({ ...TEST_TIMINGS, stateFile: file, log: (line) => logs.push(line), ...options });
  sims.push(sim);
  await sim.start();
  return { sim, logs };
}

type Session = { deviceId: string; secret: string };

/** A bare page that says hello (with a stored session if given) and records what the server sends. */
async function fakePage(sim: SimServer, session?: Session): Promise<(type: ServerMessage['type']) => Promise<ServerMessage>> {
  const socket = new WebSocket(`wss://127.0.0.1:${sim.port}/ws/chat`, { rejectUnauthorized: false });
  sockets.push(socket);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const key = Buffer.alloc(32, 7).toString('base64');
  socket.send(JSON.stringify({ type: 'hello', platform: '1', keys: { noise: key, identity: key, adv: key }, session }));
  return async (type) => {
    await expect.poll(() => messages.some((m) => m.type === type), { timeout: 5_000 }).toBe(true);
    return messages.find((m) => m.type === type) as ServerMessage;
  };
}

/** Links a new page to `number` by scanning its QR; answers the session the page would store. */
async function linkPage(sim: SimServer, number?: string): Promise<Session> {
  const next = await fakePage(sim);
  await next('ref');
  const [pending] = sim.pendingQrs();
  sim.scan(pending?.qr ?? '', number);
  const paired = (await next('pair-success')) as Extract<ServerMessage, { type: 'pair-success' }>;
  return { deviceId: paired.deviceId, secret: paired.secret };
}

describe('SimServer state file', () => {
  it('a restarted simulator on the same file logs the linked device back in, with its phone, contacts and chats', async () => {
    const first = await startSim();
    const phone = first.sim.addPhone({ number: '15550000031', pushname: 'Desk' });
    const session = await linkPage(first.sim, phone.number);
    first.sim.addContact({ number: '15550000099', name: 'Alice' }, phone);
    first.sim.sendToAccount({ from: '15550000099', body: 'still there?' }, phone);
    const linkedAt = first.sim.devices(phone)[0]?.linkedAt;
    await first.sim.stop();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['simulator.json']);

    const second = await startSim();
    expect(second.sim.phones().map((p) => p.number)).toEqual(['15550000001', '15550000031']);
    expect(second.sim.devices(phone.number)).toEqual([{ deviceId: session.deviceId, number: phone.number, online: false, linkedAt, via: 'qr', state: 'PAIRING' }]);
    expect(second.sim.chats(phone.number)).toMatchObject([{ contact: '15550000099', name: 'Alice', unreadCount: 1, lastMessage: { body: 'still there?' } }]);

    const login = second.sim.waitFor('login', () => true, 5_000);
    const next = await fakePage(second.sim, session);
    const ok = (await next('login-ok')) as Extract<ServerMessage, { type: 'login-ok' }>;
    expect(await login).toEqual({ deviceId: session.deviceId, number: phone.number, accepted: true });
    expect(ok).toMatchObject({ wid: phone.number, pushname: 'Desk' });
    expect(ok.history.msgs.map((m) => m.body)).toEqual(['still there?']);
    expect(second.sim.devices(phone.number)[0]?.online).toBe(true);
    // A page with a made-up secret for the same id is still refused.
    const forged = await fakePage(second.sim, { deviceId: session.deviceId, secret: 'forged' });
    await forged('login-rejected');
    expect(second.logs).toEqual([]);
  });

  it('saves while running (a killed simulator loses at most the last moment), and an unlink is kept too', async () => {
    const first = await startSim();
    const session = await linkPage(first.sim);
    await expect.poll(() => readFileSync(file, 'utf8').includes(session.deviceId), { timeout: 3_000 }).toBe(true);
    first.sim.unlink(session.deviceId);
    await expect.poll(() => readFileSync(file, 'utf8').includes(session.deviceId), { timeout: 3_000 }).toBe(false);
    // The first simulator is not stopped: the file already says what the next start needs.
    const second = await startSim();
    expect(second.sim.devices()).toEqual([]);
    const next = await fakePage(second.sim, session);
    await next('login-rejected');
  });

  it('a simulator that only loaded the file never writes it back (a second demo on the folder, refused by the host)', async () => {
    const first = await startSim();
    first.sim.addPhone({ number: '15550000032', pushname: 'Second' });
    await first.sim.stop();
    const running = await startSim();
    const idle = await startSim();
    const session = await linkPage(running.sim, '15550000032');
    await expect.poll(() => readFileSync(file, 'utf8').includes(session.deviceId), { timeout: 3_000 }).toBe(true);
    await idle.sim.stop();
    expect(readFileSync(file, 'utf8')).toContain(session.deviceId);
  });

  it('a missing file starts empty and says so', async () => {
    const { sim, logs } = await startSim();
    expect(sim.devices()).toEqual([]);
    expect(logs).toEqual([`simulator: no saved state at ${file}; starting with no linked devices.`]);
  });

  it.each([
    ['not JSON', '{"version": 1, "phones": [', /is not valid JSON/],
    ['another shape', JSON.stringify({ version: 1, phones: [{ number: 'abc' }], devices: [] }), /is unexpected content \(phones\.0\.number: /],
    ['an unknown version', JSON.stringify({ version: 9 }), /is unexpected content \(version: /],
  ])('a file with %s starts empty with one clear line, keeps the bad file aside, and saves afresh', async (_what, content, reason) => {
    writeFileSync(file, content);
    const { sim, logs } = await startSim();
    expect(sim.devices()).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(reason);
    expect(logs[0]).toContain('starting with no linked devices');
    const aside = readdirSync(dir).find((f) => f.startsWith('simulator.json.corrupt-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe(content);

    const session = await linkPage(sim);
    await sim.stop();
    const again = await startSim();
    expect(again.sim.devices().map((d) => d.deviceId)).toEqual([session.deviceId]);
    expect(again.logs).toEqual([]);
  });

  it('without a state file (tests) nothing outlives the simulator', async () => {
    const first = new SimServer({ ...TEST_TIMINGS });
    sims.push(first);
    await first.start();
    const session = await linkPage(first);
    await first.stop();
    const second = new SimServer({ ...TEST_TIMINGS });
    sims.push(second);
    await second.start();
    const next = await fakePage(second, session);
    await next('login-rejected');
    expect(readdirSync(dir)).toEqual([]);
  });
});
