import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { SimError } from './errors';
import type { SimBackend } from './SimBackend';
import type { UnlinkStyle, WaState } from './types';

/** The account's latest messages the phone page lists per phone. */
const SENT_SHOWN = 20;

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** The standalone "phone": a plain HTML page plus a small JSON API over the simulator's test API. */
export class PhonePage {
  private readonly html = readFileSync(join(__dirname, 'phone', 'phone.html'), 'utf8');
  private readonly svgCache = new Map<string, string>();

  constructor(private readonly backend: SimBackend) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req).then(
      (reply) => (reply === 'html' ? sendHtml(res, this.html) : send(res, reply.ok ? 200 : 400, reply)),
      (error: unknown) => send(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(error) } }),
    );
  };

  private async route(req: IncomingMessage): Promise<Reply | 'html'> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/') return 'html';
    if (req.method === 'GET' && url.pathname === '/api/state') return { ok: true, value: await this.state() };
    if (req.method === 'GET' && url.pathname === '/api/messages') return this.guard(() => this.sent(url.searchParams));
    if (req.method !== 'POST') return { ok: false, error: { code: 'NOT_FOUND', message: 'Unknown address.' } };
    const body = await readJson(req);
    const text = (key: string): string => (typeof body[key] === 'string' ? (body[key] as string) : '');
    const phone = text('number') || undefined;
    return this.guard(() => {
      switch (url.pathname) {
        case '/api/scan': return { ok: true, value: this.backend.scan(text('qr'), phone) };
        case '/api/code': return { ok: true, value: this.backend.enterCode(text('code'), phone) };
        case '/api/unlink': this.backend.unlink(text('deviceId'), (text('style') || 'bridge') as UnlinkStyle); return { ok: true, value: null };
        case '/api/push-state': this.backend.pushState(text('deviceId'), text('state') as WaState); return { ok: true, value: null };
        case '/api/phones': this.backend.addPhone({ number: text('number'), pushname: text('pushname') || 'Phone' }); return { ok: true, value: null };
        case '/api/contacts': return { ok: true, value: this.backend.addContact({ number: text('contact'), name: text('name') || undefined }, phone) };
        case '/api/messages/send': {
          const sent = this.backend.sendToAccount({ from: text('from'), body: text('body'), pushname: text('pushname') || undefined }, phone);
          return { ok: true, value: sent };
        }
        case '/api/messages/read': return { ok: true, value: { read: this.backend.contactReads(text('contact'), phone) } };
        default: return { ok: false, error: { code: 'NOT_FOUND', message: 'Unknown address.' } };
      }
    });
  }

  /** Runs an action, turning the simulator's refusals (SimError) into a 400 reply with their code. */
  private guard(action: () => Reply): Reply {
    try {
      return action();
    } catch (error) {
      if (error instanceof SimError) return { ok: false, error: { code: error.code, message: error.message } };
      throw error;
    }
  }

  /** GET /api/messages?number=<phone>&contact=<number>: what the account sent, with acks. */
  private sent(params: URLSearchParams): Reply {
    return { ok: true, value: this.backend.sentByAccount(params.get('number') || undefined, params.get('contact') || undefined) };
  }

  private async state(): Promise<unknown> {
    const qrs = await Promise.all(this.backend.pendingQrs().map(async (p) => ({ ...p, svg: await this.svg(p.qr) })));
    return {
      phones: this.backend.listPhones().map((p) => ({ number: p.number, pushname: p.pushname, max: p.maxLinkedDevices })),
      qrs,
      codes: this.backend.pendingCodes(),
      devices: this.backend.devices(),
      chats: this.backend.listPhones().flatMap((p) => this.backend.chats(p).map((c) => ({ ...c, number: p.number }))),
      sent: this.backend.listPhones().flatMap((p) => this.backend.sentByAccount(p).slice(-SENT_SHOWN).map((m) => ({ ...m, number: p.number }))),
    };
  }

  private async svg(qr: string): Promise<string> {
    let svg = this.svgCache.get(qr);
    if (!svg) {
      svg = await QRCode.toString(qr, { type: 'svg', margin: 1 });
      if (this.svgCache.size > 50) this.svgCache.clear();
      this.svgCache.set(qr, svg);
    }
    return svg;
  }
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function send(res: ServerResponse, status: number, reply: Reply): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(reply));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
