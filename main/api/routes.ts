// The API's endpoints: accounts and their states, an account's QR while it waits for a scan, sending a
// text, chats with their unread counts, marking a chat seen. Schemas come from the contract
// (main/api/schemas.ts); the framework validates requests and serializes answers with them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiKeyView } from '../../preload/contract';
import type { AccountRecord } from '../accounts/AccountsPort';
import type { AccountsMessaging } from '../accounts/MessagingPort';
import { HttpError } from './httpErrors';
import { keyAllows } from './keys';
import { AccountParams, ApiAccount, ChatParams, ChatSummary, ErrorBody, SendText, SentMessage } from './schemas';

export interface ApiAccounts {
  list(): AccountRecord[];
  find(id: string): AccountRecord | undefined;
}

export interface RouteDeps {
  accounts: ApiAccounts;
  messaging: AccountsMessaging | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKeyView;
  }
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ apiKey: [] }] };

/** The account, if this request's key may use it: 403 for a key scoped elsewhere, 404 for no such account. */
export function accountFor(req: FastifyRequest, accounts: ApiAccounts, id: string): AccountRecord {
  if (!req.apiKey || !keyAllows(req.apiKey, id)) throw new HttpError(403, 'FORBIDDEN', 'This API key may not use that account.');
  const account = accounts.find(id);
  if (!account) throw new HttpError(404, 'NOT_FOUND', 'There is no account with that id.');
  return account;
}

function messagingOf(deps: RouteDeps): AccountsMessaging {
  if (!deps.messaging) throw new HttpError(503, 'NOT_AVAILABLE', 'Messaging is not available in this version of the app.');
  return deps.messaging;
}

export function accountRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/accounts', {
    schema: { ...secured, summary: 'The accounts this key may use, with their session states', tags: ['accounts'], response: { 200: z.object({ accounts: z.array(ApiAccount) }), 401: ErrorBody } },
  }, async (req) => ({ accounts: deps.accounts.list().filter((a) => req.apiKey && keyAllows(req.apiKey, a.id)) }));

  r.get('/accounts/:accountId', {
    schema: { ...secured, summary: 'One account and its session state', tags: ['accounts'], params: AccountParams, response: { 200: ApiAccount, ...errors } },
  }, async (req) => accountFor(req, deps.accounts, req.params.accountId));

  r.get('/accounts/:accountId/qr', {
    schema: {
      ...secured,
      summary: 'The QR to scan, as a PNG, while the account waits for a scan (409 otherwise)',
      tags: ['accounts'],
      params: AccountParams,
      response: { 200: { description: 'The QR code', content: { 'image/png': { schema: z.string().meta({ format: 'binary' }) } } }, ...errors },
    },
  }, async (req, reply) => {
    const { session } = accountFor(req, deps.accounts, req.params.accountId);
    if (session.kind !== 'qr') throw new HttpError(409, 'NOT_WAITING_FOR_SCAN', `The account is not waiting for a scan (its state is ${session.kind}).`);
    const png = Buffer.from(session.qrImage.replace(/^data:image\/png;base64,/, ''), 'base64');
    return reply.type('image/png').header('cache-control', 'no-store').send(png as never); // bytes: the serializer is skipped for a Buffer
  });
}

export function messagingRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/accounts/:accountId/messages', {
    schema: { ...secured, summary: 'Send a text message; answers once WhatsApp took it, with its id', tags: ['messages'], params: AccountParams, body: SendText, response: { 201: SentMessage, ...errors, 503: ErrorBody } },
  }, async (req, reply) => {
    accountFor(req, deps.accounts, req.params.accountId);
    const message = await messagingOf(deps).sendText(req.params.accountId, req.body);
    return reply.code(201).send({ id: message.id, message });
  });

  r.get('/accounts/:accountId/chats', {
    schema: { ...secured, summary: 'The account’s chats with their unread counts and last messages', tags: ['chats'], params: AccountParams, response: { 200: z.object({ chats: z.array(ChatSummary) }), ...errors, 503: ErrorBody } },
  }, async (req) => {
    accountFor(req, deps.accounts, req.params.accountId);
    return { chats: await messagingOf(deps).chats(req.params.accountId) };
  });

  r.post('/accounts/:accountId/chats/:chatId/seen', {
    schema: { ...secured, summary: 'Mark a chat as seen (its unread count becomes 0)', tags: ['chats'], params: ChatParams, response: { 200: z.object({ chatId: z.string(), unreadCount: z.literal(0) }), ...errors, 503: ErrorBody } },
  }, async (req) => {
    accountFor(req, deps.accounts, req.params.accountId);
    await messagingOf(deps).markSeen(req.params.accountId, req.params.chatId);
    return { chatId: req.params.chatId, unreadCount: 0 as const };
  });
}
