import { EventEmitter } from 'node:events';
import type { SessionState } from '../../preload/contract';
import { AckLevel, ChatId, SendText, type AccountActivity, type ChatSummary, type MessageSummary } from '../../preload/messages';
import { AppError, notFound } from '../errors';
import type { Logger } from '../log';
import type { AccountSession, WaEventName } from './AccountSession';
import type { AccountsMessaging, MessagingEvents } from './MessagingPort';
import type { Client } from './wwebjsClient';

/** The parts of whatsapp-web.js's Message and Chat read here (both arrive as the library's objects). */
interface WaMessage {
  id?: { _serialized?: string; fromMe?: boolean };
  from?: string;
  to?: string;
  fromMe?: boolean;
  timestamp?: number;
  body?: string;
  ack?: number;
}
interface WaChat {
  id?: { _serialized?: string };
  name?: string;
  unreadCount?: number;
  timestamp?: number;
  lastMessage?: WaMessage;
}

interface Tracked {
  session: AccountSession;
  /** Unread count per chat id, as the page last reported it. */
  unread: Map<string, number>;
  /** Counts every unread_count; per chat, the count at its last one (a chat list read meanwhile is older). */
  seq: number;
  changedAt: Map<string, number>;
  lastActivityAt: number | null;
}

/**
 * AccountsMessaging over each Ready session's client. Message events come from AccountSession's `wa`
 * event, which only ever carries the current client's events. Never logs a message's text, a chat id
 * or a number: the log lines name the account and the operation only.
 */
export class Messaging extends EventEmitter<MessagingEvents> implements AccountsMessaging {
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly log: Logger) {
    super();
  }

  /** Follows a session (AccountManager calls it for each one it creates; a replaced session is forgotten). */
  attach(id: string, session: AccountSession): void {
    const t: Tracked = { session, unread: new Map(), seq: 0, changedAt: new Map(), lastActivityAt: this.tracked.get(id)?.lastActivityAt ?? null };
    this.tracked.set(id, t);
    const mine = () => this.tracked.get(id) === t;
    session.on('wa', (name, args) => {
      if (mine()) this.onClient(id, name, args);
    });
    session.on('state', (state) => {
      if (mine()) this.onState(id, t, state);
    });
  }

  /** The account is gone: its activity goes with it. */
  detach(id: string): void {
    if (this.tracked.delete(id)) this.emit('activity', id, { unread: 0, lastActivityAt: null });
  }

  async sendText(accountId: string, message: SendText): Promise<MessageSummary> {
    const parsed = SendText.safeParse(message);
    if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Give a recipient and a text', String(parsed.error.issues[0]?.path[0] ?? 'to'));
    const client = this.readyClient(accountId);
    const to = parsed.data.to.includes('@') ? parsed.data.to : `${parsed.data.to.replace(/^\+/, '')}@c.us`;
    const sent = (await this.guard(accountId, 'send', () => client.sendMessage(to, parsed.data.text))) as WaMessage | undefined;
    const summary = sent && toSummary(sent);
    if (!summary) throw new AppError('INVALID_INPUT', 'WhatsApp has no chat for that recipient.', 'to');
    this.touch(accountId, summary.at);
    return summary;
  }

  async chats(accountId: string): Promise<ChatSummary[]> {
    const client = this.readyClient(accountId);
    const since = this.tracked.get(accountId)?.seq ?? 0;
    const chats = (await this.guard(accountId, 'chats', () => client.getChats())) as WaChat[];
    const list = chats.map(toChatSummary).filter((c): c is ChatSummary => c !== null);
    this.absorb(accountId, list, since);
    return list;
  }

  async markSeen(accountId: string, chatId: string): Promise<void> {
    if (!ChatId.safeParse(chatId).success) throw new AppError('INVALID_INPUT', 'A chat id looks like 15550000001@c.us', 'chatId');
    const client = this.readyClient(accountId);
    const seen = await this.guard(accountId, 'seen', () => client.sendSeen(chatId));
    if (!seen) throw notFound('That chat');
    this.setUnread(accountId, chatId, 0);
  }

  /** Marks every chat with unread messages as seen. */
  async markAllSeen(accountId: string): Promise<void> {
    for (const chat of await this.chats(accountId)) if (chat.unreadCount > 0) await this.markSeen(accountId, chat.id);
  }

  activity(accountId: string): AccountActivity {
    const t = this.tracked.get(accountId);
    if (!t) throw notFound('That account');
    let unread = 0;
    for (const n of t.unread.values()) unread += n;
    return { unread, lastActivityAt: t.lastActivityAt };
  }

  private readyClient(accountId: string): Client {
    const t = this.tracked.get(accountId);
    if (!t) throw notFound('That account');
    const client = t.session.readyClient;
    if (!client) throw notReady();
    return client;
  }

  /** A library call: if the account stopped being Ready meanwhile, that is the answer; other failures are logged without their text. */
  private async guard<T>(accountId: string, op: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!this.tracked.get(accountId)?.session.readyClient) throw notReady();
      // The library's messages may quote a chat id: only the error's kind is logged.
      this.log.warn('a WhatsApp call failed', { account: accountId, op, error: err instanceof Error ? err.name : typeof err });
      throw new AppError('INTERNAL', 'WhatsApp did not answer that request. Try again in a moment.');
    }
  }

  private onClient(id: string, name: WaEventName, args: unknown[]): void {
    if (name === 'unread_count') {
      const chat = toChatSummary(args[0] as WaChat);
      if (chat) this.setUnread(id, chat.id, chat.unreadCount);
      return;
    }
    const summary = toSummary(args[0] as WaMessage);
    if (!summary) return;
    if (name === 'message' && !summary.fromMe) {
      this.emit('message', id, summary);
      this.touch(id, summary.at);
    } else if (name === 'message_create' && summary.fromMe) {
      this.emit('sent', id, summary);
      this.touch(id, summary.at);
    } else if (name === 'message_ack' && summary.fromMe) {
      const ack = AckLevel.safeParse(args[1]);
      if (ack.success) this.emit('ack', id, { id: summary.id, chatId: summary.chatId, ack: ack.data });
    }
  }

  /** Ready: read the unread counts afresh. Gone from Ready (but not just reconnecting): the counts are unknown, so none. */
  private onState(id: string, t: Tracked, state: SessionState): void {
    if (state.kind === 'ready') {
      void this.chats(id).catch(() => undefined);
    } else if (state.kind !== 'reconnecting' && t.unread.size > 0) {
      t.unread.clear();
      this.announce(id);
    }
  }

  /** A chat list read since `since`: its counts, except for chats an unread_count changed while it was read. */
  private absorb(id: string, chats: ChatSummary[], since: number): void {
    const t = this.tracked.get(id);
    if (!t) return;
    const newer = (chatId: string) => (t.changedAt.get(chatId) ?? -1) >= since;
    const unread = new Map([...t.unread].filter(([chatId]) => newer(chatId)));
    for (const c of chats) if (c.unreadCount > 0 && !newer(c.id)) unread.set(c.id, c.unreadCount);
    t.unread = unread;
    const latest = Math.max(...chats.map((c) => c.lastMessageAt ?? 0), t.lastActivityAt ?? 0);
    t.lastActivityAt = latest > 0 ? latest : null;
    this.announce(id);
  }

  private setUnread(id: string, chatId: string, count: number): void {
    const t = this.tracked.get(id);
    if (!t) return;
    t.changedAt.set(chatId, t.seq++);
    if ((t.unread.get(chatId) ?? 0) === count) return;
    if (count > 0) t.unread.set(chatId, count);
    else t.unread.delete(chatId);
    this.announce(id);
  }

  private touch(id: string, at: number): void {
    const t = this.tracked.get(id);
    if (!t || (t.lastActivityAt ?? 0) >= at) return;
    t.lastActivityAt = at;
    this.announce(id);
  }

  private announce(id: string): void {
    this.emit('activity', id, this.activity(id));
  }
}

function notReady(): AppError {
  return new AppError('NOT_READY', 'This account is not connected to WhatsApp right now. Wait until it shows Ready.');
}

/** A library Message as the contract's summary; null for what is not a person's or a group's chat (status broadcasts). */
export function toSummary(m: WaMessage | undefined): MessageSummary | null {
  const id = m?.id?._serialized;
  if (!m || !id) return null;
  const fromMe = m.id?.fromMe ?? m.fromMe ?? false;
  const chatId = fromMe ? m.to : m.from;
  if (!chatId || !ChatId.safeParse(chatId).success) return null;
  const ack = AckLevel.safeParse(m.ack);
  return { id, chatId, fromMe, at: (m.timestamp ?? 0) * 1000, body: m.body ?? '', ack: ack.success ? ack.data : 0 };
}

export function toChatSummary(c: WaChat | undefined): ChatSummary | null {
  const id = c?.id?._serialized;
  if (!c || !id || !ChatId.safeParse(id).success) return null;
  const lastMessage = toSummary(c.lastMessage);
  const lastMessageAt = lastMessage?.at ?? (c.timestamp ? c.timestamp * 1000 : null);
  return { id, name: c.name ?? '', unreadCount: Math.max(0, Math.trunc(c.unreadCount ?? 0)), lastMessageAt, lastMessage };
}
