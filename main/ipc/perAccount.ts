/**
 * Runs the commands that change one account one at a time, in the order they came, while commands on
 * other accounts go on in parallel. Without it a remove during a restore brought the account back (the
 * restore adopted it after the remove), and a start could launch a browser on a profile being swapped.
 */
export class PerAccountQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(id: string, work: () => Promise<T> | T): Promise<T> {
    const before = this.tails.get(id) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(id, tail);
    void tail.then(() => {
      if (this.tails.get(id) === tail) this.tails.delete(id);
    });
    return mine;
  }

  /** How many accounts have work queued or running (for tests and diagnostics). */
  get busy(): number {
    return this.tails.size;
  }
}
