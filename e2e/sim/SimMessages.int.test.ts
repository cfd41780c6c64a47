// The simulated server's messaging, driven through its test API, the phone page's HTTP API and bare
// WebSocket "pages" (no Chromium): what each linked device is told, acks, unread counts, seen,
// login history and page errors. conformanceMessages.int.test.ts runs the same against the stock library.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SimServer } from './SimServer';
import type { PageMessage, ServerMessage, SimOptions } from './types';

let sim: SimServer;
const sockets: WebSocket[] = [];
const ALICE = '15550000002';

async function startSim(options: SimOptions = {}): Promise<void> {
  sim = new SimServer({ bootDelayMs: 0, syncStepMs: 0, deliveryMs: 50, ...options });
  await sim.start();
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await sim?.stop();
});

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

interface FakePage {
  messages: ServerMessage[];
  send(message: PageMessage): void;
  /** The `n`th (1-based) message of this type whose fields match. */
  next<T extends ServerMessage['type']>(type: T, match?: (m: Of<T>) => boolean, n?: number): Promise<Of<T>>;
}

async function connect(session?: { deviceId: string; secret: string }): Promise<FakePage> {
  const socket = new WebSocket(`wss://127.0.0.1:${sim.port}/ws/chat`, { rejectUnauthorized: false });
  sockets.push(socket);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const key = Buffer.alloc(32, 7).toString('base64');
  socket.send(JSON.stringify({ type: 'hello', platform: '1', keys: { noise: key, identity: key, adv: key }, session }));
  const matching = <T extends ServerMessage['type']>(type: T, match: (m: Of<T>) => boolean): Of<T>[] =>
    messages.filter((m): m is Of<T> => m.type === type && match(m as Of<T>));
  return {
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    async next(type, match = () => true, n = 1) {
      await expect.poll(() => matching(type, match).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(n);
      return matching(type, match)[n - 1] as Of<typeof type>;
    },
  };
}

/** A page linked to the default phone; returns its session too, for a later login. */
async function linkedPage(): Promise<FakePage & { session: { deviceId: string; secret: string } }> {
  const page = await connect();
  await page.next('ref');
  const qr = sim.pendingQrs().find((p) => p.qr.startsWith((page.messages.find((m) => m.type === 'ref') as Of<'ref'>).ref));
  sim.scan(qr?.qr ?? '');
  const paired = await page.next('pair-success');
  return { ...page, session: { deviceId: paired.deviceId, secret: paired.secret } };
}

async function post(path: string, body: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const res = await fetch(`${sim.phoneUrl}api/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return res.json() as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

describe('SimServer messaging', () => {
  it('a contact\'s message (phone page API) reaches every online device with the unread count; bad input is refused with a code', async () => {
    await startSim();
    const a = await linkedPage();
    const b = await linkedPage();
    const reply = await post('messages/send', { from: ALICE, body: 'hi there', pushname: 'Ali' });
    expect(reply).toMatchObject({ ok: true, value: { contact: ALICE, fromMe: false, body: 'hi there', ack: 1 } });
    const id = (reply.value as { id: string }).id;
    expect(id).toMatch(new RegExp(`^false_${ALICE}@c\\.us_[0-9A-F]{32}$`));
    for (const page of [a, b]) {
      const msg = await page.next('msg');
      expect(msg).toEqual({
        type: 'msg', unreadCount: 1,
        msg: { id: id.split('_')[2], chat: `${ALICE}@c.us`, fromMe: false, body: 'hi there', t: expect.any(Number), ack: 1, notifyName: 'Ali' },
      });
    }
    sim.sendToAccount({ from: ALICE, body: 'again' });
    expect((await a.next('msg', () => true, 2)).unreadCount).toBe(2);
    expect(sim.chats()).toEqual([expect.objectContaining({ contact: ALICE, unreadCount: 2, lastMessage: expect.objectContaining({ body: 'again' }) })]);

    expect(await post('messages/send', { from: '+1 555', body: 'x' })).toMatchObject({ ok: false, error: { code: 'CONTACT_INVALID' } });
    expect(await post('messages/send', { from: sim.defaultPhone.number, body: 'x' })).toMatchObject({ ok: false, error: { code: 'CONTACT_INVALID' } });
    expect(await post('messages/send', { from: ALICE, body: '' })).toMatchObject({ ok: false, error: { code: 'MESSAGE_INVALID' } });
    expect(() => sim.sendToAccount({ from: ALICE, body: 'x'.repeat(70_000) })).toThrowError(expect.objectContaining({ code: 'MESSAGE_INVALID' }) as unknown as Error);
    expect(await post('messages/send', { number: '19990000000', from: ALICE, body: 'x' })).toMatchObject({ ok: false, error: { code: 'PHONE_UNKNOWN' } });
  });

  it('the account\'s message: ack 1 at once, 2 after deliveryMs, 3 when the contact reads; other devices get it as their own', async () => {
    await startSim({ deliveryMs: 150 });
    const a = await linkedPage();
    const b = await linkedPage();
    const id = `true_${ALICE}@c.us_3EB0AAAABBBBCCCCDDDD`;
    const started = Date.now();
    a.send({ type: 'send-msg', id: '3EB0AAAABBBBCCCCDDDD', to: `${ALICE}@c.us`, body: 'hello alice', t: 1_800_000_000 });

    expect(await a.next('ack', (m) => m.ack === 1)).toEqual({ type: 'ack', id, ack: 1 });
    expect(await b.next('msg')).toMatchObject({ msg: { id: '3EB0AAAABBBBCCCCDDDD', fromMe: true, body: 'hello alice', ack: 1 } });
    await a.next('ack', (m) => m.ack === 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await b.next('ack', (m) => m.ack === 2);

    const listed = (await (await fetch(`${sim.phoneUrl}api/messages?contact=${ALICE}`)).json()) as { value: unknown[] };
    expect(listed.value).toEqual([expect.objectContaining({ id, body: 'hello alice', ack: 2, deviceId: a.session.deviceId })]);
    expect(await post('messages/read', { contact: ALICE })).toEqual({ ok: true, value: { read: [id] } });
    await a.next('ack', (m) => m.ack === 3);
    expect(sim.sentByAccount()).toEqual([expect.objectContaining({ id, ack: 3 })]);
    expect(sim.contactReads(ALICE)).toEqual([]);

    a.send({ type: 'send-msg', id: '3EB0AAAABBBBCCCCDDDD', to: `${ALICE}@c.us`, body: 'same id', t: 1 });
    a.send({ type: 'send-msg', id: '3EB0EEEE', to: 'someone', body: 'x', t: 1 });
    a.send({ type: 'send-msg', id: '3EB0FFFFFFFF', to: `${ALICE}@c.us`, body: '', t: 1 });
    a.send({ type: 'send-msg', to: `${ALICE}@c.us`, body: 'no id' } as unknown as PageMessage);
    expect((await a.next('send-error', () => true, 4)).reason).toBe('INVALID_MESSAGE');
    expect(a.messages.filter((m) => m.type === 'send-error').map((m) => (m as Of<'send-error'>).reason))
      .toEqual(['INVALID_MESSAGE', 'INVALID_RECIPIENT', 'INVALID_MESSAGE', 'INVALID_MESSAGE']);
    expect(sim.sentByAccount()).toHaveLength(1);
  });

  it('seen clears the unread count on the server and on the other devices; a new login gets the history', async () => {
    await startSim();
    sim.addContact({ number: ALICE, name: 'Alice' });
    const a = await linkedPage();
    const b = await linkedPage();
    sim.sendToAccount({ from: ALICE, body: 'one', pushname: 'Ali' });
    sim.sendToAccount({ from: ALICE, body: 'two' });
    await b.next('msg', () => true, 2);

    const seen = sim.waitFor('seen');
    a.send({ type: 'seen', reqId: 7, chat: `${ALICE}@c.us` });
    expect(await a.next('seen-ok')).toEqual({ type: 'seen-ok', reqId: 7, chat: `${ALICE}@c.us`, unreadCount: 0 });
    expect(await b.next('chat-update')).toEqual({ type: 'chat-update', chat: `${ALICE}@c.us`, unreadCount: 0 });
    expect(await seen).toEqual({ number: sim.defaultPhone.number, deviceId: a.session.deviceId, contact: ALICE, unreadBefore: 2 });
    expect(sim.chats()[0]?.unreadCount).toBe(0);

    sim.sendToAccount({ from: ALICE, body: 'three' });
    const again = await connect(b.session);
    const login = await again.next('login-ok');
    expect(login.history).toEqual({
      contacts: [{ id: `${ALICE}@c.us`, name: 'Alice', pushname: 'Ali' }],
      chats: [{ id: `${ALICE}@c.us`, t: expect.any(Number), unreadCount: 1 }],
      msgs: ['one', 'two', 'three'].map((body) => expect.objectContaining({ body, fromMe: false, notifyName: 'Ali' })),
    });
  });

  it('records page errors per page with the device they were logged in as', async () => {
    await startSim();
    const reported = sim.waitFor('page-error');
    const anonymous = await connect();
    anonymous.send({ type: 'page-error', kind: 'error', message: 'Requiring unknown module "X"', stack: 'at y' });
    expect(await reported).toEqual(expect.objectContaining({ kind: 'error', message: 'Requiring unknown module "X"', deviceId: undefined }));
    const linked = await linkedPage();
    linked.send({ type: 'page-error', kind: 'unhandledrejection', message: 'boom' });
    await expect.poll(() => sim.pageErrors().length).toBe(2);
    expect(sim.pageErrors()[1]).toEqual(expect.objectContaining({ kind: 'unhandledrejection', deviceId: linked.session.deviceId }));
    sim.clearPageErrors();
    expect(sim.pageErrors()).toEqual([]);
  });
});
