// A window.api for the stores' unit tests: answers each command from a handler the test sets (or
// UNKNOWN_COMMAND), records every call, and emits events to whoever subscribed, as main would.
import { vi } from 'vitest';
import type { CommandName, EventName, EventPayload, Result } from '../../../preload/contract';

type Answer = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export class FakeApi {
  readonly calls: { name: CommandName; input: unknown }[] = [];
  private readonly answers = new Map<CommandName, Answer>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  /** Main's answer to `name` from now on; a value is `{ ok: true, value }`. */
  answer(name: CommandName, answer: Answer): this {
    this.answers.set(name, answer);
    return this;
  }

  ok(name: CommandName, value: unknown): this {
    return this.answer(name, () => ({ ok: true, value }));
  }

  /** An answer that comes only when the test says so (a slow command). */
  hold(name: CommandName): { release(result: Result<unknown>): void } {
    let release!: (result: Result<unknown>) => void;
    const answered = new Promise<Result<unknown>>((r) => (release = r));
    this.answer(name, () => answered);
    return { release: (result) => release(result) };
  }

  readonly invoke = async (name: CommandName, input?: unknown): Promise<Result<unknown>> => {
    this.calls.push({ name, input });
    const answer = this.answers.get(name);
    return answer ? answer(input) : { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `no answer for ${name}` } };
  };

  readonly on = (name: EventName, listener: (payload: unknown) => void): (() => void) => {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  };

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(payload);
  }

  listening(name: EventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}

/** Puts a fresh FakeApi at window.api (undone by vi.unstubAllGlobals()). */
export function installFakeApi(): FakeApi {
  const api = new FakeApi();
  vi.stubGlobal('window', { api });
  return api;
}
