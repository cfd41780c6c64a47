// Messaging over a fake session: what it makes of the library's events (who sent, which chat, the
// unread total) and the errors a caller gets. The real library against the simulator is covered by
// e2e/engine/messaging.int.test.ts.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../preload/contract';
import { createLogger } from '../log';
import type { AccountSession } from './AccountSession';
import { Messaging, toChatSummary, toSummary } from './Messaging';

const ALICE = '15550000002@c.us';
const ME = '15550000001@c.us';

class FakeSession extends EventEmitter {
  readyClient: unknown;
  ready(client: unknown) {
    this.readyClient = client;
    this.emit('state', { kind: 'ready', phoneNumber: '1', pushName: 'x' } satisfies SessionState, 'ready');
  }
  leave(state: SessionState) {
    this.readyClient = undefined;
    this.emit('state', state, 'gone');
  }
}

const incoming = (body: string, t = 100) => ({ id: { _serialized: `false_${ALICE}_${body}`, fromMe: false }, from: ALICE, to: ME, timestamp: t, body, ack: 1 });
const chat = (unreadCount: number, t = 90) => ({ id: { _serialized: ALICE }, name: 'Alice', unreadCount, timestamp: t });

function setup() {
  const lines: string[] = [];
  const m = new Messaging(createLogger((l) => lines.push(l)));
  const session = new FakeSession();
  m.attach('acc-1', session as unknown as AccountSession);
  const activity: unknown[] = [];
  m.on('activity', (_id, a) => activity.push(a));
  return { m, session, activity, lines };
}

describe('Messaging', () => {
  it('reads the unread total at Ready, follows unread_count and new messages, and forgets the counts when the account stops', async () => {
    const { m, session, activity } = setup();
    session.ready({ getChats: async () => [chat(3)] });
    await expect.poll(() => m.activity('acc-1').unread).toBe(3);
    expect(m.activity('acc-1').lastActivityAt).toBe(90_000);
    const got: string[] = [];
    m.on('message', (_id, msg) => got.push(msg.body));
    session.emit('wa', 'message', [incoming('hi', 120)]);
    session.emit('wa', 'unread_count', [chat(4, 120)]);
    expect(got).toEqual(['hi']);
    expect(m.activity('acc-1')).toEqual({ unread: 4, lastActivityAt: 120_000 });
    session.leave({ kind: 'stopped' });
    expect(m.activity('acc-1')).toEqual({ unread: 0, lastActivityAt: 120_000 });
    expect(activity.at(-1)).toEqual({ unread: 0, lastActivityAt: 120_000 });
  });

  it('an unread_count that comes while the chat list is read wins over the older list', async () => {
    const { m, session } = setup();
    let answer!: (chats: unknown[]) => void;
    const bob = { id: { _serialized: '15550000003@c.us' }, name: 'Bob', unreadCount: 1, timestamp: 80 };
    session.ready({ getChats: () => new Promise((r) => (answer = r)) });
    session.emit('wa', 'unread_count', [chat(5, 130)]);
    answer([chat(4), bob]);
    await expect.poll(() => m.activity('acc-1').unread).toBe(6);
  });

  it('tells own messages from incoming ones: message_create fromMe is `sent`, acks only for own messages', () => {
    const { m, session } = setup();
    const heard: string[] = [];
    m.on('sent', (_id, msg) => heard.push(`sent ${msg.chatId}`));
    m.on('message', () => heard.push('message'));
    m.on('ack', (_id, a) => heard.push(`ack ${a.ack}`));
    const own = { id: { _serialized: `true_${ALICE}_X`, fromMe: true }, from: ME, to: ALICE, timestamp: 5, body: 'yo', ack: 0 };
    session.emit('wa', 'message_create', [incoming('not mine')]);
    session.emit('wa', 'message_create', [own]);
    session.emit('wa', 'message_ack', [own, 2]);
    session.emit('wa', 'message_ack', [incoming('theirs'), 3]);
    session.emit('wa', 'message_ack', [own, 9]);
    expect(heard).toEqual([`sent ${ALICE}`, 'ack 2']);
  });

  it('answers NOT_FOUND, NOT_READY and INVALID_INPUT, and a failed library call names no chat in the log', async () => {
    const { m, session, lines } = setup();
    await expect(m.sendText('acc-nope', { to: '15550000002', text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(m.sendText('acc-1', { to: '15550000002', text: 'x' })).rejects.toMatchObject({ code: 'NOT_READY' });
    await expect(m.sendText('acc-1', { to: 'bob', text: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
    await expect(m.sendText('acc-1', { to: '15550000002', text: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'text' });
    const sent: string[] = [];
    session.ready({
      getChats: async () => [],
      sendMessage: async (to: string) => {
        sent.push(to);
        throw new Error(`Evaluation failed: invalid wid ${to}`);
      },
    });
    await expect(m.sendText('acc-1', { to: '+15550000002', text: 'secret' })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(sent).toEqual([ALICE]);
    expect(lines.join('\n')).not.toMatch(/15550000002|secret/);
  });

  it('a replaced or removed account is forgotten', () => {
    const { m, session } = setup();
    const replacement = new FakeSession();
    m.attach('acc-1', replacement as unknown as AccountSession);
    const got: string[] = [];
    m.on('message', (_id, msg) => got.push(msg.body));
    session.emit('wa', 'message', [incoming('old session')]);
    replacement.emit('wa', 'message', [incoming('new session')]);
    expect(got).toEqual(['new session']);
    m.detach('acc-1');
    expect(() => m.activity('acc-1')).toThrow(/not found/);
  });

  it('maps only person and group chats; a status broadcast or a message without an id is not a message', () => {
    expect(toSummary({ id: { _serialized: 'x', fromMe: false }, from: 'status@broadcast', body: 'b' })).toBeNull();
    expect(toSummary({ from: ALICE, body: 'b' })).toBeNull();
    expect(toChatSummary({ id: { _serialized: 'status@broadcast' } })).toBeNull();
    expect(toChatSummary({ id: { _serialized: ALICE }, name: 'A', unreadCount: -1 })).toEqual({ id: ALICE, name: 'A', unreadCount: 0, lastMessageAt: null, lastMessage: null });
  });
});
