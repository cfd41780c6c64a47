// The local API's request and response shapes, taken from the contract's schemas (preload/contract.ts
// for accounts and session states, preload/messages.ts for chats and messages), so the API, the UI and
// the OpenAPI document cannot drift apart.
import { z } from 'zod';
import { Account, AccountId, ApiEventKind, ApiHttpErrorCode, SessionState } from '../../preload/contract';
import { AckLevel, ChatId, ChatSummary, MessageSummary, SendText } from '../../preload/messages';

export const API_VERSION_PREFIX = '/v1';

/** An account as a script sees it: who it is and its session state (not its backup or proxy settings). */
export const ApiAccount = Account.pick({ id: true, label: true, createdAt: true, running: true, linked: true, session: true });
export type ApiAccount = z.infer<typeof ApiAccount>;

export const AccountParams = z.object({ accountId: AccountId });
export const ChatParams = z.object({ accountId: AccountId, chatId: ChatId });

/** Every failure: a stable code (UNAUTHORIZED, FORBIDDEN, NOT_FOUND, NOT_READY, INVALID_INPUT, …) and a message. */
export const ErrorBody = z.object({
  error: z.object({ code: ApiHttpErrorCode, message: z.string(), field: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export { ChatSummary, MessageSummary, SendText };

export const SentMessage = z.object({ id: z.string(), message: MessageSummary });

/** What each event kind carries in `data`. */
export const EventData = {
  qr: z.object({ qr: z.string(), qrImage: z.string(), expiresAt: z.number() }),
  state: z.object({ state: SessionState, reason: z.string() }),
  message: MessageSummary,
  message_ack: z.object({ id: z.string(), chatId: z.string(), ack: AckLevel }),
  remote_session_saved: z.object({ versionId: z.string(), size: z.number(), at: z.number(), encrypted: z.boolean() }),
} as const satisfies Record<ApiEventKind, z.ZodType>;

/** One event, as the stream sends it (`data:` of an SSE frame) and a webhook receives it (the body). */
export const ApiEvent = z.object({
  id: z.string(),
  type: ApiEventKind,
  accountId: AccountId,
  /** ISO 8601 time the app saw it. */
  timestamp: z.string(),
  data: z.union(Object.values(EventData) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]),
});
export type ApiEvent = { id: string; type: ApiEventKind; accountId: string; timestamp: string; data: unknown };
