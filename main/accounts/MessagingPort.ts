// What the rest of main may use of a linked account's WhatsApp: send a text, list chats, mark one seen,
// and hear messages and acknowledgements. Implemented by accounts (AccountManager) over each Ready
// session's whatsapp-web.js Client; used by the local API (main/api/) and the UI's unread counts.
import type { AccountActivity, AckLevel, ChatSummary, MessageSummary, SendText } from '../../preload/messages';

export interface MessagingEvents {
  /** A message arrived from someone else (whatsapp-web.js `message`). */
  message: [accountId: string, message: MessageSummary];
  /** A message this account sent, from here or from the phone (whatsapp-web.js `message_create`, fromMe). */
  sent: [accountId: string, message: MessageSummary];
  /** A sent message's acknowledgement rose (whatsapp-web.js `message_ack`). */
  ack: [accountId: string, ack: { id: string; chatId: string; ack: AckLevel }];
  /** The account's unread total or last activity changed. */
  activity: [accountId: string, activity: AccountActivity];
}

/** Errors: NOT_FOUND (no such account), NOT_READY (the account is not Ready), INVALID_INPUT (bad recipient). */
export interface AccountsMessaging {
  sendText(accountId: string, message: SendText): Promise<MessageSummary>;
  chats(accountId: string): Promise<ChatSummary[]>;
  markSeen(accountId: string, chatId: string): Promise<void>;
  activity(accountId: string): AccountActivity;
  on<K extends keyof MessagingEvents>(event: K, listener: (...args: MessagingEvents[K]) => void): unknown;
  off<K extends keyof MessagingEvents>(event: K, listener: (...args: MessagingEvents[K]) => void): unknown;
}
