// Shapes of chats and text messages, shared by the contract (preload/contract.ts re-exports them), the
// local API's request and response schemas (main/api/) and its webhooks. Message text is the person's
// own data: it travels to the UI, the API and webhooks the user set up, and never to a log.
import { z } from 'zod';

/** WhatsApp's acknowledgement levels as whatsapp-web.js reports them (message_ack): -1 error, 0 pending, 1 sent to the server, 2 delivered, 3 read, 4 played. */
export const AckLevel = z.number().int().min(-1).max(4);
export type AckLevel = z.infer<typeof AckLevel>;

/** A chat id as whatsapp-web.js serializes it: `<digits>@c.us` for a person, `<id>@g.us` for a group. */
export const ChatId = z.string().regex(/^[0-9A-Za-z._-]{1,64}@(c\.us|g\.us)$/, 'A chat id looks like 15550000001@c.us');

export const MessageSummary = z.object({
  /** whatsapp-web.js's serialized message id (`true_15550000001@c.us_3EB0…`). */
  id: z.string(),
  chatId: ChatId,
  fromMe: z.boolean(),
  /** Unix milliseconds. */
  at: z.number(),
  body: z.string(),
  ack: AckLevel,
});
export type MessageSummary = z.infer<typeof MessageSummary>;

export const ChatSummary = z.object({
  id: ChatId,
  name: z.string(),
  unreadCount: z.number().int().min(0),
  /** Unix milliseconds of the last message, or null for an empty chat. */
  lastMessageAt: z.number().nullable(),
  lastMessage: MessageSummary.nullable(),
});
export type ChatSummary = z.infer<typeof ChatSummary>;

/** What a person sees of an account's use at a glance: the unread total and when it last had a message. */
export const AccountActivity = z.object({
  unread: z.number().int().min(0),
  lastActivityAt: z.number().nullable(),
});
export type AccountActivity = z.infer<typeof AccountActivity>;

/** Sending a text: to a chat id, or to a phone number in international format (digits, + optional). */
export const SendText = z
  .object({
    to: z.union([ChatId, z.string().regex(/^\+?\d{7,15}$/, 'A phone number with its country code, digits only')]),
    text: z.string().min(1, 'The message is empty').max(65_536, 'Keep a message under 65,536 characters'),
  })
  .strict();
export type SendText = z.infer<typeof SendText>;
