import { SimError } from './errors';
import type { PageConnection } from './PageConnection';
import type { Phone } from './Phone';
import type { MessageAck, PageError, PageMessage, SimContact, SimEmit, SimMessage, SimTimings } from './types';

/** A linked device of a phone whose page is connected right now. */
export interface OnlineDevice {
  deviceId: string;
  conn: PageConnection;
}

const CHAT_RE = /^(\d{6,15})@c\.us$/;
/** Page errors kept per simulator: enough to see what broke, bounded for long standalone runs. */
const MAX_PAGE_ERRORS = 500;

/**
 * The messaging half of the simulated server: texts between contacts and a phone's linked devices,
 * acks (1 accepted, 2 on the contact's phone after deliveryMs, 3 when the contact reads), unread
 * counts and "seen", plus the page errors every page reports.
 */
export class MessageRelay {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly errors: PageError[] = [];

  constructor(
    private readonly timings: SimTimings,
    private readonly online: (phone: Phone) => OnlineDevice[],
    private readonly emit: SimEmit,
  ) {}

  addContact(phone: Phone, contact: SimContact): SimContact {
    return phone.conversations.addContact(contact);
  }

  /** A contact writes to the phone: every online device gets it now, the others at their next login. */
  fromContact(phone: Phone, input: { from: string; body: string; pushname?: string }): SimMessage {
    const conversations = phone.conversations;
    const message = conversations.incoming(input.from, input.body, input.pushname, nowSeconds());
    const devices = this.online(phone);
    for (const d of devices) {
      d.conn.send({ type: 'msg', msg: conversations.wire(message), unreadCount: conversations.unreadCount(message.contact) });
    }
    this.emit('received', { number: phone.number, message, devices: devices.map((d) => d.deviceId) });
    return message;
  }

  /** The contact opens the chat: the account's messages to it become read (3), delivered first if need be. */
  contactReads(phone: Phone, contact: string): string[] {
    const unread = phone.conversations.sentByAccount(contact).filter((m) => m.ack < 3);
    for (const m of unread) {
      this.advance(phone, m.id, 2);
      this.advance(phone, m.id, 3);
    }
    return unread.map((m) => m.id);
  }

  onSend(phone: Phone, sender: OnlineDevice, message: Extract<PageMessage, { type: 'send-msg' }>): void {
    const key = `true_${message.to}_${message.id}`;
    const to = CHAT_RE.exec(String(message.to))?.[1];
    if (!to) {
      sender.conn.send({ type: 'send-error', id: key, reason: 'INVALID_RECIPIENT' });
      return;
    }
    let sent: SimMessage;
    try {
      sent = phone.conversations.outgoing(to, message.id, message.body, Number(message.t) || nowSeconds(), sender.deviceId);
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      sender.conn.send({ type: 'send-error', id: key, reason: error.code === 'MESSAGE_INVALID' ? 'INVALID_MESSAGE' : 'INVALID_RECIPIENT' });
      return;
    }
    // The account's other devices show the message too (as their own: message_create only).
    const wire = phone.conversations.wire(sent);
    for (const d of this.online(phone)) {
      if (d.deviceId !== sender.deviceId) d.conn.send({ type: 'msg', msg: wire, unreadCount: phone.conversations.unreadCount(to) });
    }
    this.broadcastAck(phone, sent.id, 1);
    this.emit('sent', { number: phone.number, message: sent });
    this.later(this.timings.deliveryMs, () => this.advance(phone, sent.id, 2));
  }

  onSeen(phone: Phone, device: OnlineDevice, message: Extract<PageMessage, { type: 'seen' }>): void {
    const contact = CHAT_RE.exec(String(message.chat))?.[1];
    const unreadBefore = contact ? phone.conversations.markSeen(contact) : 0;
    device.conn.send({ type: 'seen-ok', reqId: message.reqId, chat: message.chat, unreadCount: 0 });
    if (!contact) return;
    for (const d of this.online(phone)) {
      if (d.deviceId !== device.deviceId) d.conn.send({ type: 'chat-update', chat: message.chat, unreadCount: 0 });
    }
    this.emit('seen', { number: phone.number, deviceId: device.deviceId, contact, unreadBefore });
  }

  recordError(conn: PageConnection, message: Extract<PageMessage, { type: 'page-error' }>): void {
    const kinds: PageError['kind'][] = ['error', 'unhandledrejection', 'handler'];
    const error: PageError = {
      deviceKey: conn.deviceKey,
      deviceId: conn.deviceId,
      kind: kinds.includes(message.kind) ? message.kind : 'error',
      message: String(message.message).slice(0, 2000),
      stack: typeof message.stack === 'string' ? message.stack.slice(0, 4000) : undefined,
      at: Date.now(),
    };
    if (this.errors.length < MAX_PAGE_ERRORS) this.errors.push(error);
    this.emit('page-error', error);
  }

  pageErrors(): PageError[] {
    return this.errors.map((e) => ({ ...e }));
  }

  clearPageErrors(): void {
    this.errors.length = 0;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private advance(phone: Phone, id: string, ack: MessageAck): void {
    if (phone.conversations.setAck(id, ack)) this.broadcastAck(phone, id, ack);
  }

  private broadcastAck(phone: Phone, id: string, ack: MessageAck): void {
    for (const d of this.online(phone)) d.conn.send({ type: 'ack', id, ack });
    this.emit('ack', { number: phone.number, id, ack });
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
