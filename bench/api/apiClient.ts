// The benchmark's script side of the local API: a Bearer key, POST /v1/accounts/{id}/messages, and the
// Server-Sent Events stream for message_ack. Two clients: `http` (node:http with a keep-alive agent:
// little work on the script's side, so what is measured is the API) and `fetch` (docs/api.md's
// example; undici's fetch costs the script a few ms of CPU per request, which a loaded machine shows).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApiAccess } from './protocol';
import { percentile } from './report';
import type { AckTracker, SendFn } from './rounds';

export type ClientKind = 'http' | 'fetch';

interface Answer {
  status: number;
  body: string;
}

export class ApiClient {
  private readonly headers: Record<string, string>;
  private readonly agent = new Agent({ keepAlive: true });
  private stream: AbortController | null = null;
  /** Frames the stream delivered, to show it was the stream that carried the acks. */
  frames = 0;
  /** Why the stream ended early, if it did. */
  streamError: string | null = null;

  constructor(private readonly access: ApiAccess, private readonly accountIds: string[], readonly kind: ClientKind) {
    this.headers = { authorization: `Bearer ${access.secret}` };
  }

  /** One request and its whole answer, with the chosen client; a 30 s limit either way. */
  private async call(method: 'GET' | 'POST', path: string, json?: unknown): Promise<Answer> {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const headers = body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' };
    if (this.kind === 'fetch') {
      const res = await fetch(`${this.access.base}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
      return { status: res.status, body: await res.text() };
    }
    return new Promise<Answer>((resolve, reject) => {
      const req = request(`${this.access.base}${path}`, { method, headers, agent: this.agent, timeout: 30_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  readonly send: SendFn = async (account, to, text) => {
    const res = await this.call('POST', `/v1/accounts/${this.accountIds[account]}/messages`, { to, text });
    const body = JSON.parse(res.body) as { id?: string; error?: { code: string; message: string } };
    if (res.status !== 201 || !body.id) throw new Error(`POST answered ${res.status} ${body.error?.code ?? ''}`);
    return body.id;
  };

  /** `count` sequential GET /v1/accounts/{id}: p50 and p99 of the round trip, ms. */
  async pingPercentiles(accountId: string, count: number): Promise<{ p50: number; p99: number }> {
    const xs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const res = await this.call('GET', `/v1/accounts/${accountId}`);
      if (res.status !== 200) throw new Error(`GET /v1/accounts/{id} answered ${res.status}`);
      xs.push(performance.now() - t0);
    }
    const r = (x: number) => Math.round(x * 100) / 100;
    return { p50: r(percentile(xs, 50)), p99: r(percentile(xs, 99)) };
  }

  /** Opens the event stream (message_ack only) and records each ack as its frame arrives; resolves once connected. */
  async openStream(acks: AckTracker): Promise<void> {
    const abort = new AbortController();
    this.stream = abort;
    const chunks = await this.streamChunks(abort.signal);
    void (async () => {
      let buffer = '';
      try {
        for await (const chunk of chunks) {
          const at = performance.now();
          buffer += chunk;
          const frames = buffer.split('\n\n');
          buffer = frames.pop() ?? '';
          for (const frame of frames) {
            const data = frame.split('\n').find((line) => line.startsWith('data: '));
            if (!data) continue; // the greeting or a keep-alive comment
            this.frames += 1;
            const event = JSON.parse(data.slice(6)) as { type: string; data: { id: string; ack: number } };
            if (event.type === 'message_ack') acks.record(event.data.id, event.data.ack, at);
          }
        }
        if (!abort.signal.aborted) this.streamError = 'the event stream ended';
      } catch (err) {
        if (!abort.signal.aborted) this.streamError = err instanceof Error ? err.message : String(err);
      }
    })();
  }

  /** GET /v1/events?types=message_ack as text chunks, once the API answered 200. */
  private async streamChunks(signal: AbortSignal): Promise<AsyncIterable<string>> {
    const path = '/v1/events?types=message_ack';
    if (this.kind === 'fetch') {
      const res = await fetch(`${this.access.base}${path}`, { headers: this.headers, signal });
      if (!res.ok || !res.body) throw new Error(`the event stream answered ${res.status}`);
      return res.body.pipeThrough(new TextDecoderStream());
    }
    return new Promise((resolve, reject) => {
      // Its own connection, outside the agent's pool: a stream never ends, so it must not hold a pooled socket.
      const req = request(`${this.access.base}${path}`, { headers: this.headers, signal }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`the event stream answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        resolve(res as AsyncIterable<string>);
      });
      req.on('error', reject);
      req.end();
    });
  }

  closeStream(): void {
    this.stream?.abort();
    this.stream = null;
  }

  close(): void {
    this.closeStream();
    this.agent.destroy();
  }
}
