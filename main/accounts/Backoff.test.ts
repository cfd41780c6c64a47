import { expect, it } from 'vitest';
import { backoffStep, type BackoffOptions } from './Backoff';

/** The delays of successive retries until the attempts are used up (then null). */
function delays(opts: BackoffOptions, random: number, count: number): (number | null)[] {
  return Array.from({ length: count }, (_, used) => backoffStep(opts, used, random)?.delayMs ?? null);
}

it('doubles up to the cap, jitters within bounds, and stops after the last attempt', () => {
  const noJitter: BackoffOptions = { baseMs: 1000, capMs: 5000, maxAttempts: 5, jitter: 0 };
  expect(delays(noJitter, 0.5, 6)).toEqual([1000, 2000, 4000, 5000, 5000, null]);
  expect(backoffStep(noJitter, 0, 0.5)).toEqual({ attempt: 1, delayMs: 1000 });
  expect(backoffStep(noJitter, 4, 0.5)).toEqual({ attempt: 5, delayMs: 5000 });

  const jittered: BackoffOptions = { baseMs: 1000, capMs: 5000, maxAttempts: 3, jitter: 0.5 };
  expect(backoffStep(jittered, 0, 0)?.delayMs).toBe(500);
  expect(backoffStep(jittered, 0, 0.999999)?.delayMs).toBe(1500);
});
