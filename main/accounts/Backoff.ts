export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Automatic retries before the account is marked failed and waits for the user. */
  maxAttempts: number;
  /** 0..1 share of each delay that is randomised, so many accounts do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000, maxAttempts: 6, jitter: 0.3 };

/**
 * The retry after `used` earlier ones: capped exponential delay, jittered by `random` (0..1); null once
 * the attempts are used up. Pure, so the session machine can compute it from a random draw it is given.
 */
export function backoffStep(opts: BackoffOptions, used: number, random: number): { attempt: number; delayMs: number } | null {
  if (used >= opts.maxAttempts) return null;
  const raw = Math.min(opts.capMs, opts.baseMs * 2 ** used);
  const spread = raw * opts.jitter;
  return { attempt: used + 1, delayMs: Math.round(raw - spread + random * 2 * spread) };
}
