/** Named one-shot timers: arming a name replaces its previous timer; a fired timer forgets itself. */
export class Timers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  arm(name: string, ms: number, fn: () => void): void {
    this.clear(name);
    this.timers.set(name, setTimeout(() => {
      this.timers.delete(name);
      fn();
    }, ms));
  }

  has(name: string): boolean {
    return this.timers.has(name);
  }

  clear(name: string): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  clearAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
