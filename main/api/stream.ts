// The event stream: Server-Sent Events (text/event-stream), one frame per event (`id:`, `event:` the
// type, `data:` the ApiEvent JSON), filtered to the accounts the key may use. SSE needs nothing but
// fetch on the client and goes through the same key check as every other route.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountId, ApiEventKind } from '../../preload/contract';
import type { ApiEvents } from './ApiEvents';
import { keyAllows } from './keys';
import { ErrorBody, type ApiEvent } from './schemas';

/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** Open streams: how to close each, with the key it was opened with (a revoked key's streams end). */
export type OpenStreams = Map<() => void, string>;

export function streamRoute(app: FastifyInstance, events: ApiEvents, open: OpenStreams): void {
  app.withTypeProvider<ZodTypeProvider>().get('/events', {
    schema: {
      security: [{ apiKey: [] }],
      summary: 'Server-Sent Events: every event of the accounts this key may use (optionally one account, some types)',
      tags: ['events'],
      querystring: z.object({
        accountId: AccountId.optional(),
        types: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/).optional().describe(`Comma-separated: ${ApiEventKind.options.join(', ')}`),
      }),
      response: { 200: { description: 'text/event-stream of ApiEvent frames', content: { 'text/event-stream': { schema: z.string() } } }, 401: ErrorBody, 403: ErrorBody },
    },
  }, (req, reply) => {
    const key = req.apiKey!;
    const { accountId, types } = req.query;
    if (accountId && !keyAllows(key, accountId)) {
      void reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'This API key may not use that account.' } });
      return;
    }
    const wanted = types ? new Set(types.split(',')) : null;
    reply.hijack();
    const res = reply.raw;
    // Headers set by the hooks (CORS for an allowed origin) go out with the raw head too.
    res.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n: connected\n\n');
    const onEvent = (event: ApiEvent) => {
      if (!keyAllows(key, event.accountId) || (accountId && event.accountId !== accountId) || (wanted && !wanted.has(event.type))) return;
      res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      events.off('event', onEvent);
      open.delete(close);
      res.end();
    };
    events.on('event', onEvent);
    open.set(close, key.id);
    req.raw.on('close', close);
  });
}
