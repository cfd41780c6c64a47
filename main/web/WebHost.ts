import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Duplex, Readable } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { EXPORT_PATH, SESSION_PATH, WS_MAX_MESSAGE_BYTES, WS_PATH, type WsMessage } from '../../preload/contract';
import type { CommandRegistry } from '../ipc/CommandRegistry';
import type { EventHub } from '../ipc/EventHub';
import type { Logger } from '../log';
import { serveStatic } from './staticFiles';

export interface WebHostOptions {
  registry: CommandRegistry;
  events: EventHub;
  /** Folder of the built renderer (dist/renderer). */
  rendererDir: string;
  /** Interface to listen on; loopback unless the user asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The per-run access token; random unless given (tests give none). */
  token?: string;
  log: Logger;
  /** Exports waiting to be fetched once at EXPORT_PATH/<id> (main/backup/FileTransfers.ts); large files stay off the WebSocket. */
  exports?: { takeExport(id: string): { stream: Readable; fileName: string; size: number } | null };
}

/**
 * The headless host: serves the built renderer over HTTP and the contract over one WebSocket. A call
 * needs the per-run token (compared in constant time) and, from a browser, this host's own Origin, so a
 * web page the user visits cannot drive the app.
 */
export class WebHost {
  readonly token: string;
  private server?: Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_MESSAGE_BYTES });
  private readonly sockets = new Set<WebSocket>();
  private unsubscribe?: () => void;
  private port = 0;

  constructor(private readonly opts: WebHostOptions) {
    this.token = opts.token ?? randomBytes(24).toString('base64url');
  }

  /** The address to open: the token rides in the fragment, which browsers never send to a server. */
  get url(): string {
    return `${this.origin}/#token=${this.token}`;
  }

  /** This computer's own address when bound to every interface (0.0.0.0 or ::): no browser can open those. */
  get origin(): string {
    const host = this.opts.host ?? '127.0.0.1';
    if (isWildcard(host)) return `http://127.0.0.1:${this.port}`;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  /** Every address another device could open: the bound one, or each interface's when bound to all. */
  get urls(): string[] {
    const host = this.opts.host ?? '127.0.0.1';
    if (!isWildcard(host)) return [this.url];
    const v6 = host === '::';
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a): a is NonNullable<typeof a> => !!a && !a.internal && (a.family === 'IPv4' || (v6 && !a.address.startsWith('fe80'))));
    return [this.url, ...addresses.map((a) => `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${this.port}/#token=${this.token}`)];
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      // A page whose socket closed asks whether its token still works: 401 means the host was restarted
      // (a new token), so the page can say how to get back in instead of retrying forever.
      if (new URL(req.url ?? '/', 'http://host').pathname === SESSION_PATH) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
        res.writeHead(this.tokenMatches(bearer) ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
        return;
      }
      if (new URL(req.url ?? '/', 'http://host').pathname.startsWith(`${EXPORT_PATH}/`)) return this.serveExport(req, res);
      void serveStatic(this.opts.rendererDir, req, res);
    });
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.unsubscribe = this.opts.events.subscribe((event, payload) => {
      const frame = JSON.stringify({ event, payload } satisfies WsMessage);
      for (const ws of this.sockets) ws.send(frame);
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.wss.close();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://host');
    const refuse = (status: number, reason: string) => {
      this.opts.log.warn('websocket refused', { status, reason });
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WS_PATH) return refuse(404, 'Not Found');
    if (!this.tokenMatches(url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    const origin = req.headers.origin;
    // Browsers always send Origin; a page on any other site must not reach the app even with a token.
    if (origin !== undefined && !this.allowedOrigin(origin, req.headers.host)) return refuse(403, 'Forbidden');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws));
  }

  /** An export, once, to a caller with the token (a header, so it never lands in a log or the history). */
  private serveExport(req: IncomingMessage, res: ServerResponse): void {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    if (!this.tokenMatches(bearer)) return void res.writeHead(401, { 'Cache-Control': 'no-store' }).end();
    const id = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname.slice(EXPORT_PATH.length + 1));
    const file = req.method === 'GET' ? this.opts.exports?.takeExport(id) : null;
    if (!file) return void res.writeHead(404, { 'Cache-Control': 'no-store' }).end();
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.size), 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'no-store' });
    file.stream.on('error', () => res.destroy());
    file.stream.pipe(res);
  }

  private tokenMatches(candidate: string | null): boolean {
    const digest = (s: string) => createHash('sha256').update(s).digest();
    // Hash both sides first so the comparison takes the same time whatever the candidate's length.
    return candidate !== null && timingSafeEqual(digest(candidate), digest(this.token));
  }

  /**
   * This host's own pages: loopback names, or the very address the browser used to reach us (its Host
   * header), as a phone on the LAN does when the host listens on 0.0.0.0. That address must be one of
   * this computer's own: a foreign name equal to its Host is DNS rebinding, not our page.
   */
  private allowedOrigin(origin: string, hostHeader: string | undefined): boolean {
    const loopback = [this.origin, `http://127.0.0.1:${this.port}`, `http://localhost:${this.port}`, `http://[::1]:${this.port}`];
    if (loopback.includes(origin)) return true;
    if (!hostHeader || origin !== `http://${hostHeader}`) return false;
    let hostname: string;
    try {
      hostname = new URL(origin).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return false;
    }
    return hostname.startsWith('127.') || ownAddresses().has(hostname);
  }

  private attach(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', (err) => this.opts.log.warn('websocket error', { error: err.message }));
    ws.on('message', (data, isBinary) => void this.onMessage(ws, data, isBinary));
  }

  private async onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let id: number | null = null;
    let frame: unknown;
    try {
      if (isBinary) throw new Error('binary');
      frame = JSON.parse(data.toString());
    } catch {
      return reply(ws, null, { ok: false, error: { code: 'INVALID_INPUT', message: 'Messages must be JSON text.' } });
    }
    const req = frame as { id?: unknown; command?: unknown; input?: unknown; ping?: unknown } | null;
    if (req && typeof req === 'object' && typeof req.ping === 'number') {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ pong: req.ping } satisfies WsMessage));
      return;
    }
    if (!req || typeof req !== 'object' || typeof req.id !== 'number' || !Number.isSafeInteger(req.id)) {
      return reply(ws, null, { ok: false, error: { code: 'INVALID_INPUT', message: 'A request needs a numeric "id" and a "command".' } });
    }
    id = req.id;
    reply(ws, id, await this.opts.registry.dispatch(req.command, req.input));
  }
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

function ownAddresses(): Set<string> {
  return new Set(Object.values(networkInterfaces()).flat().map((a) => a?.address).filter((a): a is string => !!a));
}

function reply(ws: WebSocket, id: number | null, result: Extract<WsMessage, { result: unknown }>['result']): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result } satisfies WsMessage));
}
