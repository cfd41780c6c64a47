import { events, type EventName, type EventPayload } from '../../preload/contract';
import type { Logger } from '../log';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Services publish contract events here; each transport subscribes once and forwards to its windows or
 * sockets. Payloads are checked against the contract so a service bug shows up in tests, not in the UI.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly log: Logger) {}

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const checked = events[name].safeParse(payload);
    if (!checked.success) {
      this.log.error('event payload does not match the contract', { event: name });
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(name, checked.data);
      } catch (err) {
        this.log.error('event listener failed', { event: name, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
