// The local API's HTTP server (fastify): 127.0.0.1 only; every route but the OpenAPI document needs a
// key; a request that carries an Origin header (a page in a browser) is refused unless the user allowed
// that origin, and so is one whose Host is not this loopback address (DNS rebinding); bodies are capped.
// The framework's own logger stays off: requests are logged here by route and status only, never a
// header, a key or a body.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AccountsMessaging } from '../accounts/MessagingPort';
import type { ApiRepo } from '../db/ApiRepo';
import type { Logger } from '../log';
import type { ApiEvents } from './ApiEvents';
import { errorBody, errorHandler } from './httpErrors';
import { checkKey } from './keys';
import { accountRoutes, messagingRoutes, type ApiAccounts } from './routes';
import { API_VERSION_PREFIX } from './schemas';
import { streamRoute, type OpenStreams } from './stream';

export const API_HOST = '127.0.0.1';
/** A text of 65,536 characters in UTF-8, with room for the JSON around it. */
export const BODY_LIMIT_BYTES = 300 * 1024;
export const OPENAPI_PATH = '/openapi.json';

export interface ApiServerDeps {
  repo: ApiRepo;
  accounts: ApiAccounts;
  messaging: AccountsMessaging | null;
  events: ApiEvents;
  allowedOrigins: () => string[];
  log: Logger;
  now?: () => number;
  version: string;
  /** A key was used for the first time in a while (the UI shows when each key was last used). */
  onKeyUsed?: () => void;
}

export class ApiServer {
  private app: FastifyInstance | null = null;
  private readonly streams: OpenStreams = new Map();

  constructor(private readonly deps: ApiServerDeps) {}

  /** Listens on 127.0.0.1:port (0 picks a free one); answers the address. */
  async start(port: number): Promise<string> {
    const app = await this.build();
    try {
      await app.listen({ host: API_HOST, port });
    } catch (err) {
      await app.close();
      throw err;
    }
    this.app = app;
    const address = app.server.address();
    return `http://${API_HOST}:${typeof address === 'object' && address ? address.port : port}`;
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = null;
    [...this.streams.keys()].forEach((close) => close());
    await app?.close();
  }

  /** Ends the event streams opened with this key (it was just revoked). */
  closeStreams(keyId: string): void {
    for (const [close, id] of [...this.streams]) if (id === keyId) close();
  }

  /** The OpenAPI 3.1 document, as GET /openapi.json serves it. */
  async build(): Promise<FastifyInstance> {
    const { deps } = this;
    const now = deps.now ?? Date.now;
    const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, forceCloseConnections: true, return503OnClosing: true });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(errorHandler(deps.log));
    app.setNotFoundHandler((_req, reply) => reply.code(404).send(errorBody('NOT_FOUND', 'There is no such endpoint; see /openapi.json.')));
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'WA Accounts local API', version: deps.version, description: 'Scripts reach the linked accounts of WA Accounts. Authenticate with Authorization: Bearer <key>.' },
        servers: [{ url: API_VERSION_PREFIX }],
        components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A key created in the app (API area).' } } },
      },
      transform: jsonSchemaTransform,
    });
    app.addHook('onRequest', async (req, reply) => {
      const origin = req.headers.origin;
      const allowed = origin !== undefined && deps.allowedOrigins().includes(origin);
      if (origin !== undefined && !allowed) return reply.code(403).send(errorBody('ORIGIN_REFUSED', 'Requests from web pages are refused. Allow this origin in the app’s API settings if you need it.'));
      if (!isLoopbackHost(req.headers.host)) return reply.code(403).send(errorBody('HOST_REFUSED', 'The API answers only at 127.0.0.1 or localhost.'));
      if (allowed) {
        reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
        if (req.method === 'OPTIONS') return reply.code(204).header('access-control-allow-headers', 'authorization, content-type').header('access-control-allow-methods', 'GET, POST').send();
      }
      if (req.url === OPENAPI_PATH) return;
      const check = checkKey(deps.repo, req.headers.authorization, now(), deps.onKeyUsed);
      if (!check.ok) return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('UNAUTHORIZED', check.message));
      req.apiKey = check.key;
    });
    app.addHook('onResponse', async (req, reply) => {
      deps.log.info('api request', { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) });
    });
    app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
    await app.register(async (v1) => {
      accountRoutes(v1, deps);
      messagingRoutes(v1, deps);
      streamRoute(v1, deps.events, this.streams);
    }, { prefix: API_VERSION_PREFIX });
    await app.ready();
    return app;
  }
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}
