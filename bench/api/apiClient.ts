// The benchmark's script side of the local API, as docs/api.md's example does it: plain fetch, a
// Bearer key, POST /v1/accounts/{id}/messages, and the Server-Sent Events stream for message_ack.
import { performance } from 'node:perf_hooks';
import type { ApiAccess } from './protocol';
import { percentile } from './report';
import type { AckTracker, SendFn } from './rounds';

export class ApiClient {
  private readonly headers: Record<string, string>;
  private stream: AbortController | null = null;
  /** Frames the stream delivered, to show it was the stream that carried the acks. */
  frames = 0;
  /** Why the stream ended early, if it did. */
  streamError: string | null = null;

  constructor(private readonly access: ApiAccess, private readonly accountIds: string[]) {
    this.headers = { authorization: `Bearer ${access.secret}` };
  }

  readonly send: SendFn = async (account, to, text) => {
    const res = await fetch(`${this.access.base}/v1/accounts/${this.accountIds[account]}/messages`, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ to, text }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { id?: string; error?: { code: string; message: string } };
    if (res.status !== 201 || !body.id) throw new Error(`POST answered ${res.status} ${body.error?.code ?? ''}`);
    return body.id;
  };

  /** `count` sequential GET /v1/accounts/{id}: p50 and p99 of the round trip, ms. */
  async pingPercentiles(accountId: string, count: number): Promise<{ p50: number; p99: number }> {
    const xs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const res = await fetch(`${this.access.base}/v1/accounts/${accountId}`, { headers: this.headers, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET /v1/accounts/{id} answered ${res.status}`);
      xs.push(performance.now() - t0);
    }
    const r = (x: number) => Math.round(x * 100) / 100;
    return { p50: r(percentile(xs, 50)), p99: r(percentile(xs, 99)) };
  }

  /** Opens the event stream (message_ack only) and records each ack as its frame arrives; resolves once connected. */
  async openStream(acks: AckTracker): Promise<void> {
    const abort = new AbortController();
    this.stream = abort;
    const res = await fetch(`${this.access.base}/v1/events?types=message_ack`, { headers: this.headers, signal: abort.signal });
    if (!res.ok || !res.body) throw new Error(`the event stream answered ${res.status}`);
    const body = res.body.pipeThrough(new TextDecoderStream());
    void (async () => {
      let buffer = '';
      try {
        for await (const chunk of body) {
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

  closeStream(): void {
    this.stream?.abort();
    this.stream = null;
  }
}
