import { randomBytes } from 'node:crypto';
import { SimError } from './errors';
import type { ConversationsSnapshot } from './SimState';
import type { MessageAck, SimChat, SimContact, SimMessage, WireHistory, WireMessage } from './types';

/** Longest text WhatsApp accepts in one message. */
export const MAX_BODY_CHARS = 65_536;
/** Messages per chat a device gets in its login history. */
const HISTORY_PER_CHAT = 50;
const NUMBER_RE = /^\d{6,15}$/;

/**
 * One phone's 1:1 chats as the simulated server keeps them: contacts, every text in order, and
 * the unread counters, which live on the server because every linked device shows the same ones.
 */
export class Conversations {
  private readonly contacts = new Map<string, SimContact>();
  private readonly log: SimMessage[] = [];
  private readonly byId = new Map<string, SimMessage>();
  private readonly unread = new Map<string, number>();

  constructor(private readonly ownNumber: string) {}

  /** Adds or renames an address-book entry. */
  addContact(contact: SimContact): SimContact {
    this.checkNumber(contact.number);
    const current = this.contacts.get(contact.number) ?? { number: contact.number };
    const next = { ...current, ...definedOnly(contact) };
    this.contacts.set(contact.number, next);
    return { ...next };
  }

  /** A text from a contact to this phone: one more unread in that chat. */
  incoming(from: string, body: string, pushname: string | undefined, t: number): SimMessage {
    this.checkNumber(from);
    checkBody(body);
    const contact = this.contacts.get(from) ?? { number: from };
    this.contacts.set(from, pushname === undefined ? contact : { ...contact, pushname });
    // Phones (Android) use 32 hex digits; whatsapp-web.js reports such ids as deviceType 'android'.
    const message: SimMessage = {
      id: `false_${from}@c.us_${randomBytes(16).toString('hex').toUpperCase()}`, contact: from, fromMe: false, body, t, ack: 1,
    };
    this.append(message);
    this.unread.set(from, (this.unread.get(from) ?? 0) + 1);
    return { ...message };
  }

  /** A text the account sent from a linked device; the server has it, so its ack is 1. */
  outgoing(to: string, keyId: string, body: string, t: number, deviceId: string): SimMessage {
    this.checkNumber(to);
    checkBody(body);
    if (typeof keyId !== 'string' || !/^[0-9A-Za-z]{8,64}$/.test(keyId)) throw new SimError('MESSAGE_INVALID', 'A message id is 8-64 letters and digits.');
    const id = `true_${to}@c.us_${keyId}`;
    if (this.byId.has(id)) throw new SimError('MESSAGE_INVALID', 'A message with this id was already sent.');
    if (!this.contacts.has(to)) this.contacts.set(to, { number: to });
    const message: SimMessage = { id, contact: to, fromMe: true, body, t, ack: 1, deviceId };
    this.append(message);
    return { ...message };
  }

  /** Moves an ack forward; false when it already was there (acks never go back). */
  setAck(id: string, ack: MessageAck): boolean {
    const message = this.byId.get(id);
    if (!message) throw new SimError('MESSAGE_UNKNOWN', 'No message of this phone has this id.');
    if (ack <= message.ack) return false;
    message.ack = ack;
    return true;
  }

  /** The account saw the chat: returns the unread count it had. */
  markSeen(contact: string): number {
    const before = this.unread.get(contact) ?? 0;
    this.unread.set(contact, 0);
    return before;
  }

  unreadCount(contact: string): number {
    return this.unread.get(contact) ?? 0;
  }

  /** The account's messages, oldest first; only those to `contact` if given. */
  sentByAccount(contact?: string): SimMessage[] {
    return this.log.filter((m) => m.fromMe && (contact === undefined || m.contact === contact)).map((m) => ({ ...m }));
  }

  chats(): SimChat[] {
    const chats = new Map<string, SimChat>();
    for (const m of this.log) {
      chats.set(m.contact, {
        contact: m.contact, name: this.contacts.get(m.contact)?.name, unreadCount: this.unreadCount(m.contact), t: m.t, lastMessage: { ...m },
      });
    }
    return [...chats.values()].sort((a, b) => b.t - a.t);
  }

  hasContact(number: string): boolean {
    return this.contacts.has(number);
  }

  /** What a device loads at login: contacts, chats with their unread counts, the last messages of each. */
  history(): WireHistory {
    const perChat = new Map<string, SimMessage[]>();
    for (const m of this.log) perChat.set(m.contact, [...(perChat.get(m.contact) ?? []), m]);
    return {
      contacts: [...this.contacts.values()].map((c) => ({ id: `${c.number}@c.us`, name: c.name, pushname: c.pushname })),
      chats: this.chats().map((c) => ({ id: `${c.contact}@c.us`, t: c.t, unreadCount: c.unreadCount })),
      msgs: [...perChat.values()].flatMap((list) => list.slice(-HISTORY_PER_CHAT)).map((m) => this.wire(m)),
    };
  }

  wire(message: SimMessage): WireMessage {
    return {
      id: message.id.split('_')[2] ?? '', chat: `${message.contact}@c.us`, fromMe: message.fromMe, body: message.body, t: message.t,
      ack: this.byId.get(message.id)?.ack ?? message.ack,
      notifyName: message.fromMe ? undefined : this.contacts.get(message.contact)?.pushname,
    };
  }

  /** The server's copy as plain data, for the state file (SimState.ts). */
  snapshot(): ConversationsSnapshot {
    return {
      contacts: [...this.contacts.values()].map((c) => ({ ...c })),
      messages: this.log.map((m) => ({ ...m })),
      unread: Object.fromEntries(this.unread),
    };
  }

  /** Replaces everything with a saved copy (a restarted simulator). */
  restore(saved: ConversationsSnapshot): void {
    this.contacts.clear();
    this.log.length = 0;
    this.byId.clear();
    this.unread.clear();
    for (const c of saved.contacts) this.contacts.set(c.number, { ...c });
    for (const m of saved.messages) this.append({ ...m });
    for (const [contact, count] of Object.entries(saved.unread)) this.unread.set(contact, count);
  }

  private append(message: SimMessage): void {
    this.log.push(message);
    this.byId.set(message.id, message);
  }

  private checkNumber(number: string): void {
    if (!NUMBER_RE.test(number)) {
      throw new SimError('CONTACT_INVALID', 'A contact number is 6-15 digits, international format without "+", e.g. 15550000002.');
    }
    if (number === this.ownNumber) throw new SimError('CONTACT_INVALID', "A phone cannot be its own contact: the chat with yourself is not simulated.");
  }
}

function checkBody(body: unknown): asserts body is string {
  if (typeof body !== 'string' || body.length === 0) throw new SimError('MESSAGE_INVALID', 'A text message needs a non-empty body.');
  if (body.length > MAX_BODY_CHARS) throw new SimError('MESSAGE_INVALID', `A text message has at most ${MAX_BODY_CHARS} characters.`);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
