// Messaging through the app's engine (accounts.messaging, MessagingPort.ts) against the simulator: what
// a person or a script sees of a linked account's chats, unread counts and acks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountActivity, MessageSummary } from '../../preload/messages';
import type { AccountUse, EventName } from '../../preload/contract';
import type { SimServer } from '../sim/SimServer';
import { call, closeWithMessaging, codeOf, openWithMessaging, type EngineHarness } from './harness';

const ALICE = '15550000002';
const BOB = '15550000003';

let sim: SimServer;
let h: EngineHarness;

beforeEach(async () => {
  h = await openWithMessaging();
  sim = h.sim;
});
afterEach(async () => expect(await closeWithMessaging(h)).toEqual([]));

/** Collects the engine's messaging events for one account from now on. */
function recordMessaging(id: string) {
  const got = { message: [] as MessageSummary[], sent: [] as MessageSummary[], acks: [] as { id: string; ack: number }[], activity: [] as AccountActivity[] };
  const m = h.accounts.messaging;
  m.on('message', (acc, msg) => acc === id && got.message.push(msg));
  m.on('sent', (acc, msg) => acc === id && got.sent.push(msg));
  m.on('ack', (acc, a) => acc === id && got.acks.push({ id: a.id, ack: a.ack }));
  m.on('activity', (acc, a) => acc === id && got.activity.push(a));
  return got;
}

/** The contract events the app publishes (what every window receives). */
function recordEvents(): { name: EventName; payload: unknown }[] {
  const seen: { name: EventName; payload: unknown }[] = [];
  h.app!.events.subscribe((name, payload) => seen.push({ name, payload }));
  return seen;
}

async function until<T>(what: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = what();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function linkedAccount(label = 'Work'): Promise<string> {
  const acc = h.accounts.add(label);
  await h.link(acc.id);
  return acc.id;
}

describe('messaging through the engine', () => {
  it('a message from the phone fires `message`, raises the unread count and the last activity, and markSeen clears it', async () => {
    const id = await linkedAccount();
    const got = recordMessaging(id);
    const events = recordEvents();
    expect(h.accounts.messaging.activity(id)).toEqual({ unread: 0, lastActivityAt: null });

    const first = sim.sendToAccount({ from: ALICE, body: 'hello there' });
    sim.sendToAccount({ from: ALICE, body: 'are you around?' });
    await until(() => h.accounts.messaging.activity(id).unread === 2);
    expect(got.message.map((m) => [m.chatId, m.body, m.fromMe])).toEqual([[`${ALICE}@c.us`, 'hello there', false], [`${ALICE}@c.us`, 'are you around?', false]]);
    expect(got.message[0]!.id).toBe(first.id);
    expect(got.message[1]!.at).toBeGreaterThan(Date.now() - 60_000);
    expect(h.accounts.messaging.activity(id).lastActivityAt).toBe(got.message[1]!.at);
    // Every window hears the new total through accounts.activity.
    const last = events.filter((e) => e.name === 'accounts.activity').at(-1)!.payload as AccountUse[];
    expect(last).toEqual([{ id, unread: 2, lastActivityAt: got.message[1]!.at, notifyMessages: false }]);

    const chats = await h.accounts.messaging.chats(id);
    expect(chats).toEqual([expect.objectContaining({ id: `${ALICE}@c.us`, unreadCount: 2, lastMessage: expect.objectContaining({ body: 'are you around?' }) })]);

    await h.accounts.messaging.markSeen(id, `${ALICE}@c.us`);
    expect(h.accounts.messaging.activity(id).unread).toBe(0);
    expect(sim.chats().find((c) => c.contact === ALICE)?.unreadCount).toBe(0);
    // No message text, number or chat id in the log.
    const log = h.logLines.join('\n');
    for (const secret of ['hello there', 'are you around', ALICE]) expect(log).not.toContain(secret);
  });

  it('sendText reaches the simulated phone and its acks go 1 -> 2 -> 3; a phone number works as the recipient', async () => {
    const id = await linkedAccount();
    const got = recordMessaging(id);
    const sent = await h.accounts.messaging.sendText(id, { to: `+${BOB}`, text: 'hi bob' });
    expect(sent).toEqual(expect.objectContaining({ chatId: `${BOB}@c.us`, fromMe: true, body: 'hi bob' }));
    expect(sim.sentByAccount(undefined, BOB).map((m) => [m.id, m.body])).toEqual([[sent.id, 'hi bob']]);
    await until(() => got.acks.some((a) => a.ack === 2));
    sim.contactReads(BOB);
    await until(() => got.acks.some((a) => a.ack === 3));
    expect(got.acks.map((a) => a.ack)).toEqual([1, 2, 3]);
    expect(got.acks.every((a) => a.id === sent.id)).toBe(true);
    expect(got.sent.map((m) => m.id)).toEqual([sent.id]);
    expect(h.accounts.messaging.activity(id).lastActivityAt).toBe(sent.at);
    expect(h.logLines.join('\n')).not.toContain('hi bob');
  });

  it('answers clear errors: no account, not Ready, a bad recipient', async () => {
    expect(await codeOf(h.accounts.messaging.sendText('acc-nope', { to: BOB, text: 'x' }))).toBe('NOT_FOUND');
    const acc = h.accounts.add('Waiting');
    await h.waitFor(acc.id, ['qr']);
    expect(await codeOf(h.accounts.messaging.sendText(acc.id, { to: BOB, text: 'x' }))).toBe('NOT_READY');
    expect(await codeOf(h.accounts.messaging.chats(acc.id))).toBe('NOT_READY');
    expect(await codeOf(h.accounts.messaging.sendText(acc.id, { to: 'not a number', text: 'x' }))).toBe('INVALID_INPUT');
    expect(await codeOf(h.accounts.messaging.markSeen(acc.id, 'nope'))).toBe('INVALID_INPUT');
    expect(await codeOf(call(h, 'accounts.markRead', { id: acc.id }))).toBe('NOT_READY');
  });

  it('a restart of the account or of the app never repeats or doubles an event', async () => {
    const id = await linkedAccount();
    sim.sendToAccount({ from: ALICE, body: 'before the restart' });
    await until(() => h.accounts.messaging.activity(id).unread === 1);

    await h.accounts.stopAccount(id);
    h.accounts.startAccount(id);
    await h.waitFor(id, ['ready']);
    const got = recordMessaging(id);
    // The unread count is read afresh at Ready; history is not news.
    await until(() => h.accounts.messaging.activity(id).unread === 1);
    sim.sendToAccount({ from: ALICE, body: 'after the restart' });
    await until(() => h.accounts.messaging.activity(id).unread === 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(got.message.map((m) => m.body)).toEqual(['after the restart']);

    await h.restart();
    await h.waitFor(id, ['ready']);
    const again = recordMessaging(id);
    await until(() => h.accounts.messaging.activity(id).unread === 2);
    sim.sendToAccount({ from: BOB, body: 'after the app restart' });
    await until(() => h.accounts.messaging.activity(id).unread === 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(again.message.map((m) => m.body)).toEqual(['after the app restart']);
  });

  it('the notification switch persists, names the account only, and markRead clears every chat', async () => {
    const id = await linkedAccount('Shop');
    expect(await call(h, 'accounts.setMessageNotice', { id, enabled: true })).toMatchObject({ id, notifyMessages: true });
    await h.restart();
    await h.waitFor(id, ['ready']);
    expect(await call(h, 'accounts.activity')).toEqual([expect.objectContaining({ id, notifyMessages: true })]);
    const events = recordEvents();
    sim.sendToAccount({ from: ALICE, body: 'secret words' });
    sim.sendToAccount({ from: BOB, body: 'more secret words' });
    await until(() => h.accounts.messaging.activity(id).unread === 2);
    const notices = events.filter((e) => e.name === 'accounts.message').map((e) => e.payload);
    expect(notices).toEqual([
      { id, label: 'Shop', title: 'New message on Shop', body: '' },
      { id, label: 'Shop', title: 'New message on Shop', body: '' },
    ]);
    expect(await call(h, 'accounts.markRead', { id })).toMatchObject({ id, unread: 0 });
    expect(sim.chats().map((c) => c.unreadCount)).toEqual([0, 0]);
  });
});
