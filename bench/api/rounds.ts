// The two measurements, the same code for both variants: a latency round (each account sends one
// message at a time and waits for its read ack, or its delivered ack, before the next) and a burst (each
// account sends `count` messages with `concurrency` in flight until every one is delivered). Only how a
// message is sent and where its acks are heard differs: HTTP and the event stream, or sendMessage and
// message_ack in the same process.
import { performance } from 'node:perf_hooks';
import type { AckTimes, RoundResult } from './protocol';

/** Acks as they arrive, by message id: an ack may come before the send has answered with the id. */
export class AckTracker {
  private readonly seen = new Map<string, { deliveredAt?: number; readAt?: number }>();
  private readonly waiters = new Set<() => void>();

  record(id: string, ack: number, at = performance.now()): void {
    const entry = this.seen.get(id) ?? {};
    if (ack >= 2 && entry.deliveredAt === undefined) entry.deliveredAt = at;
    if (ack >= 3 && entry.readAt === undefined) entry.readAt = at;
    this.seen.set(id, entry);
    for (const wake of [...this.waiters]) wake();
  }

  get(id: string): { deliveredAt?: number; readAt?: number } {
    return this.seen.get(id) ?? {};
  }

  /** Resolves true once the id reached `level` (2 delivered, 3 read), false after `timeoutMs`. */
  waitFor(id: string, level: 2 | 3, timeoutMs: number): Promise<boolean> {
    const reached = () => (level === 2 ? this.get(id).deliveredAt : this.get(id).readAt) !== undefined;
    if (reached()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const check = () => reached() && done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Forget what a finished round saw (bounded memory over many rounds). */
  clear(): void {
    this.seen.clear();
  }
}

/** Sends one text from account `account` to `to`; resolves with the message's serialized id. */
export type SendFn = (account: number, to: string, text: string) => Promise<string>;

const textFor = (account: number, i: number) => `bench ${account}.${i} ${performance.now().toFixed(3)}`;

/** Each account in parallel, one message at a time: send, then wait for read (3), then the next. */
export async function latencyRound(send: SendFn, acks: AckTracker, to: string[], count: number, perMessageTimeoutMs: number): Promise<RoundResult[]> {
  return Promise.all(to.map(async (contact, account) => {
    const samples: AckTimes[] = [];
    const errors: string[] = [];
    for (let i = 0; i < count; i++) {
      const sentAt = performance.now();
      try {
        const id = await send(account, contact, textFor(account, i));
        const acceptedAt = performance.now();
        const read = await acks.waitFor(id, 3, perMessageTimeoutMs);
        if (!read) errors.push(`message ${i}: no read ack within ${perMessageTimeoutMs} ms`);
        samples.push({ sentAt, acceptedAt, ...acks.get(id) });
      } catch (err) {
        errors.push(`message ${i}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { account, samples, errors };
  }));
}

/** Each account in parallel: `count` messages, `concurrency` in flight, until every one is delivered (2) or the time is up. */
export async function burstRound(send: SendFn, acks: AckTracker, to: string[], count: number, concurrency: number, timeoutMs: number): Promise<RoundResult[]> {
  return Promise.all(to.map(async (contact, account) => {
    const samples: AckTimes[] = [];
    const errors: string[] = [];
    const ids: string[] = [];
    const t0 = performance.now();
    const deadline = t0 + timeoutMs;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count && performance.now() < deadline; i = next++) {
        const sentAt = performance.now();
        try {
          const id = await send(account, contact, textFor(account, i));
          ids.push(id);
          samples.push({ sentAt, acceptedAt: performance.now() });
        } catch (err) {
          errors.push(`message ${i}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
    const delivered = await Promise.all(ids.map((id) => acks.waitFor(id, 2, Math.max(0, deadline - performance.now()))));
    const missing = delivered.filter((ok) => !ok).length;
    if (missing) errors.push(`${missing} of ${ids.length} messages not delivered within ${timeoutMs} ms`);
    ids.forEach((id, k) => Object.assign(samples[k]!, acks.get(id)));
    const last = Math.max(...samples.map((s) => s.deliveredAt ?? Infinity));
    const elapsedMs = ids.length === count && Number.isFinite(last) ? last - t0 : undefined;
    return { account, samples, errors, elapsedMs };
  }));
}
