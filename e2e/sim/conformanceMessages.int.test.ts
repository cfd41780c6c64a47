// Stock whatsapp-web.js 1.34.7 + LocalAuth against the simulator: 1:1 chats, text messages both ways,
// acks driven by the simulated server and phone, unread counts and "seen" (README.md, "Messages").
// Every test also asserts that nothing threw inside the page, where event failures are otherwise silent.
import { afterEach, describe, expect, it } from 'vitest';
import type { Chat, Client, Message } from 'whatsapp-web.js';
import { ClientHarness, linkNewDevice, sleep, TEST_TIMINGS } from './clientHarness';
import { SimServer } from './SimServer';

let sim: SimServer;
let harness: ClientHarness;

const ALICE = '15550000002';
const BOB = '15550000003';
const chatId = (number: string): string => `${number}@c.us`;

async function startSim(): Promise<void> {
  sim = new SimServer({ ...TEST_TIMINGS });
  await sim.start();
  harness = new ClientHarness(sim);
}

afterEach(async () => {
  const errors = sim?.pageErrors() ?? [];
  await harness?.cleanup();
  await sim?.stop();
  expect(errors).toEqual([]);
});

const messageId = (args: unknown[]): string => (args[0] as Message).id._serialized;

/** The chat list the simulated page draws: [title, unread badge or '', last message] per row. */
async function shownChats(client: Client): Promise<string[][]> {
  await sleep(100); // the page draws once per burst of changes
  return (await client.pupPage?.$$eval('[data-testid=chat]', (rows) => rows.map((row) => [
    row.querySelector('strong')?.textContent ?? '', row.querySelector('[data-testid=unread]')?.textContent ?? '', row.querySelector('div')?.textContent ?? '',
  ]))) ?? [];
}

describe('whatsapp-web.js 1.34.7 against the simulator: chats and text messages', () => {
  it('getChats() lists the phone\'s chats with their unread counts and last messages, titled by the address book', async () => {
    await startSim();
    sim.addContact({ number: ALICE, name: 'Alice Liddell' });
    sim.sendToAccount({ from: ALICE, body: 'first from alice', pushname: 'Ali' });
    const last = sim.sendToAccount({ from: ALICE, body: 'second from alice' });
    sim.sendToAccount({ from: BOB, body: 'hi from bob', pushname: 'Bobby' });

    const { client, log } = await linkNewDevice(harness, sim, await harness.tempDir());
    const chats = await client.getChats();
    const byId = new Map(chats.map((c) => [c.id._serialized, c]));

    expect([...byId.keys()].sort()).toEqual([chatId(ALICE), chatId(BOB)]);
    const alice = byId.get(chatId(ALICE)) as Chat;
    expect(alice).toEqual(expect.objectContaining({ name: 'Alice Liddell', isGroup: false, unreadCount: 2, archived: false, isMuted: false }));
    expect(alice.lastMessage).toEqual(expect.objectContaining({
      body: 'second from alice', fromMe: false, from: chatId(ALICE), to: chatId(sim.defaultPhone.number), type: 'chat', deviceType: 'android',
    }));
    expect(alice.lastMessage?.id._serialized).toBe(last.id);
    expect(alice.timestamp).toBe(last.t);
    const bob = byId.get(chatId(BOB)) as Chat;
    expect(bob).toEqual(expect.objectContaining({ name: `+${BOB}`, unreadCount: 1 }));
    expect(bob.lastMessage?.body).toBe('hi from bob');
    expect((await bob.getContact()).pushname).toBe('Bobby');
    expect((await alice.getContact())).toEqual(expect.objectContaining({ name: 'Alice Liddell', shortName: 'Alice', isMyContact: true, isMe: false, number: ALICE }));
    // History is not news: nothing was emitted for it.
    expect(log.count('message') + log.count('message_create') + log.count('unread_count')).toBe(0);
    // The page itself shows the same list, newest first, as a person would see it in a window.
    expect(await shownChats(client)).toEqual([[`+${BOB}`, '1', 'hi from bob'], ['Alice Liddell', '2', 'second from alice']]);
  });

  it('sendMessage resolves with the message, then message_create and message_ack 1 -> 2 (delivered) -> 3 (read by the contact)', async () => {
    await startSim();
    const { client, log } = await linkNewDevice(harness, sim, await harness.tempDir());
    const sentOnServer = sim.waitFor('sent');

    const sent = await client.sendMessage(chatId(ALICE), 'hello alice');
    expect(sent).toEqual(expect.objectContaining({ body: 'hello alice', fromMe: true, to: chatId(ALICE), type: 'chat', deviceType: 'web' }));
    expect(sent.id._serialized).toMatch(new RegExp(`^true_${ALICE}@c\\.us_3EB0[0-9A-F]{16}$`));
    const id = sent.id._serialized;
    const created = await log.waitForMatch('message_create', (a) => messageId(a) === id, 5_000);
    expect((created.args[0] as Message).body).toBe('hello alice');
    expect((await sentOnServer).message).toEqual(expect.objectContaining({ id, contact: ALICE, fromMe: true, body: 'hello alice' }));

    await log.waitForMatch('message_ack', (a) => messageId(a) === id && a[1] === 2, 5_000);
    expect(sim.sentByAccount()).toEqual([expect.objectContaining({ id, ack: 2 })]);
    expect(sim.contactReads(ALICE)).toEqual([id]);
    await log.waitForMatch('message_ack', (a) => messageId(a) === id && a[1] === 3, 5_000);

    const acks = log.args('message_ack').filter((a) => messageId(a) === id).map((a) => [a[1], (a[0] as Message).ack]);
    expect(acks).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(sim.sentByAccount(undefined, ALICE)).toEqual([expect.objectContaining({ id, ack: 3 })]);
    expect(log.count('message')).toBe(0);
    const chat = await client.getChatById(chatId(ALICE));
    expect(chat.lastMessage).toEqual(expect.objectContaining({ body: 'hello alice', fromMe: true, ack: 3 }));
  });

  it('an incoming message fires message_create, message and unread_count; sendSeen clears the count on the server and on the client', async () => {
    await startSim();
    const { client, log } = await linkNewDevice(harness, sim, await harness.tempDir());

    const incoming = sim.sendToAccount({ from: ALICE, body: 'are you there?', pushname: 'Ali' });
    const message = (await log.waitForMatch('message', (a) => messageId(a) === incoming.id, 5_000)).args[0] as Message;
    expect(message).toEqual(expect.objectContaining({
      body: 'are you there?', fromMe: false, from: chatId(ALICE), to: chatId(sim.defaultPhone.number), timestamp: incoming.t,
    }));
    expect(log.names().filter((n) => n.startsWith('message'))).toEqual(['message_create', 'message']);
    expect((message as Message & { _data: { notifyName?: string } })._data.notifyName).toBe('Ali');
    const first = (await log.waitFor('unread_count', 5_000)).args[0] as Chat;
    expect(first).toEqual(expect.objectContaining({ unreadCount: 1, name: `+${ALICE}` }));
    expect(first.id._serialized).toBe(chatId(ALICE));

    sim.sendToAccount({ from: ALICE, body: 'hello?' });
    await log.waitForMatch('unread_count', (a) => (a[0] as Chat).unreadCount === 2, 5_000);
    expect(sim.chats()).toEqual([expect.objectContaining({ contact: ALICE, unreadCount: 2 })]);

    const seen = sim.waitFor('seen');
    const chat = await client.getChatById(chatId(ALICE));
    expect(await chat.sendSeen()).toBe(true);
    expect(await seen).toEqual(expect.objectContaining({ contact: ALICE, unreadBefore: 2 }));
    await log.waitForMatch('unread_count', (a) => (a[0] as Chat).unreadCount === 0, 5_000);
    expect(sim.chats()).toEqual([expect.objectContaining({ contact: ALICE, unreadCount: 0 })]);
    expect((await client.getChatById(chatId(ALICE))).unreadCount).toBe(0);
    expect((await client.getChats()).map((c) => c.unreadCount)).toEqual([0]);
    await expect.poll(() => shownChats(client)).toEqual([[`+${ALICE}`, '', 'hello?']]);
  });

  it('seen on one linked device clears the count on the other; what one device sends shows on the other as its own', async () => {
    await startSim();
    const a = await linkNewDevice(harness, sim, await harness.tempDir('a'));
    const b = await linkNewDevice(harness, sim, await harness.tempDir('b'));

    const incoming = sim.sendToAccount({ from: BOB, body: 'to both devices' });
    await a.log.waitForMatch('message', (x) => messageId(x) === incoming.id, 5_000);
    await b.log.waitForMatch('message', (x) => messageId(x) === incoming.id, 5_000);
    await b.log.waitForMatch('unread_count', (x) => (x[0] as Chat).unreadCount === 1, 5_000);

    expect(await a.client.sendSeen(chatId(BOB))).toBe(true);
    await b.log.waitForMatch('unread_count', (x) => (x[0] as Chat).unreadCount === 0, 5_000);

    const sent = await a.client.sendMessage(chatId(BOB), 'reply from a');
    const mirrored = await b.log.waitForMatch('message_create', (x) => messageId(x) === sent.id._serialized, 5_000);
    expect(mirrored.args[0]).toEqual(expect.objectContaining({ body: 'reply from a', fromMe: true }));
    await b.log.waitForMatch('message_ack', (x) => messageId(x) === sent.id._serialized && x[1] === 2, 5_000);
    expect(b.log.args('message').map(messageId)).toEqual([incoming.id]);
  });

  it('no message events before ready: what arrived while the client was off is in its chats, unread, and only new messages fire', async () => {
    await startSim();
    const dir = await harness.tempDir();
    const first = await linkNewDevice(harness, sim, dir);
    const before = sim.sendToAccount({ from: ALICE, body: 'while you were online' });
    await first.log.waitForMatch('message', (a) => messageId(a) === before.id, 5_000);
    await harness.destroy(first.client);

    sim.sendToAccount({ from: ALICE, body: 'while you were away' });
    const away = sim.sendToAccount({ from: ALICE, body: 'still away?' });
    const { client, log } = harness.create(dir);
    await client.initialize();
    await log.waitFor('ready', 15_000);
    await sleep(500);
    expect(log.count('qr')).toBe(0);
    expect(log.names().filter((n) => n.startsWith('message') || n === 'unread_count')).toEqual([]);

    const [chat] = await client.getChats();
    expect(chat).toEqual(expect.objectContaining({ unreadCount: 3 }));
    expect(chat?.lastMessage?.id._serialized).toBe(away.id);

    const fresh = sim.sendToAccount({ from: ALICE, body: 'now you are back' });
    await log.waitForMatch('message', (a) => messageId(a) === fresh.id, 5_000);
    await log.waitForMatch('unread_count', (a) => (a[0] as Chat).unreadCount === 4, 5_000);
    expect(log.args('message').map(messageId)).toEqual([fresh.id]);
    const names = log.names();
    expect(names.indexOf('ready')).toBeLessThan(names.findIndex((n) => n.startsWith('message') || n === 'unread_count'));
  });

  it('a silent failure is seen: without Wid.toJSON the chat crosses the binding with an object id, unread_count is lost and the page error says why', async () => {
    await startSim();
    const { client, log } = await linkNewDevice(harness, sim, await harness.tempDir());
    await client.pupPage?.evaluate(() => {
      const wid = (window as unknown as { require(name: string): { createWid(id: string): object } }).require('WAWebWidFactory').createWid('1@c.us');
      delete (Object.getPrototypeOf(wid) as { toJSON?: unknown }).toJSON;
    });
    const incoming = sim.sendToAccount({ from: ALICE, body: 'count me' });
    await log.waitForMatch('message', (a) => messageId(a) === incoming.id, 5_000);
    await expect.poll(() => sim.pageErrors().length, { timeout: 5_000 }).toBe(1);
    expect(sim.pageErrors()[0]).toEqual(expect.objectContaining({ kind: 'unhandledrejection', message: 'createWid expects a string id' }));
    expect(log.count('unread_count')).toBe(0);
    sim.clearPageErrors();
  });

  it('a message to an invalid id is refused by the library; a text with a link is sent without a preview', async () => {
    await startSim();
    const { client, log } = await linkNewDevice(harness, sim, await harness.tempDir());
    await expect(client.sendMessage('not-an-id', 'x')).rejects.toThrow(/InvalidWidError/);

    const sent = await client.sendMessage(chatId(BOB), 'see https://example.org/page.');
    expect(sent.links).toEqual([{ link: 'https://example.org/page', isSuspicious: false }]);
    await log.waitForMatch('message_ack', (a) => messageId(a) === sent.id._serialized && a[1] === 2, 5_000);
    expect(sim.sentByAccount(undefined, BOB).map((m) => m.body)).toEqual(['see https://example.org/page.']);
  });
});
