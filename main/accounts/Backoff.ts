export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Automatic retries before the account is marked failed and waits for the user. */
  maxAttempts: number;
  /** 0..1 share of each delay that is randomised, so many accounts do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000, maxAttempts: 6, jitter: 0.3 };

/** Capped exponential backoff with jitter; `next()` answers null once the attempts are used up. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly opts: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  get attempts(): number {
    return this.attempt;
  }

  next(): { attempt: number; delayMs: number } | null {
    if (this.attempt >= this.opts.maxAttempts) return null;
    const raw = Math.min(this.opts.capMs, this.opts.baseMs * 2 ** this.attempt);
    this.attempt += 1;
    const spread = raw * this.opts.jitter;
    return { attempt: this.attempt, delayMs: Math.round(raw - spread + this.random() * 2 * spread) };
  }

  reset(): void {
    this.attempt = 0;
  }
}
