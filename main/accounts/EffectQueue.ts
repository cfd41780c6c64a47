/**
 * Runs batches of work one after another, in the order they came, each item of a batch in turn. A
 * batch starts at once when nothing is pending, inside the caller's call, as a plain event handler
 * would: on a disconnect the session's close must start before whatever the library does right after
 * emitting. Work that finishes synchronously does not wait for a tick, so a listener woken by one item
 * already sees the next (a state and the attention that goes with it). A failing item is reported and
 * the batch goes on: one step that cannot be done (a profile that cannot be deleted) must not stop the rest.
 */
export class EffectQueue<T> {
  private readonly backlog: { items: T[]; resolve: () => void }[] = [];
  private draining = false;

  constructor(
    private readonly run: (item: T) => Promise<void> | void,
    private readonly onError: (item: T, err: unknown) => void,
  ) {}

  /** Settles once this batch has run (never rejects). */
  push(items: T[]): Promise<void> {
    return new Promise((resolve) => {
      this.backlog.push({ items, resolve });
      if (this.draining) return;
      this.draining = true;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    for (let batch = this.backlog.shift(); batch; batch = this.backlog.shift()) {
      for (const item of batch.items) {
        try {
          const running = this.run(item);
          if (running) await running;
        } catch (err) {
          this.onError(item, err);
        }
      }
      batch.resolve();
    }
    this.draining = false;
  }
}
