import { expect, it } from 'vitest';
import { Backoff } from './Backoff';

it('doubles up to the cap, jitters within bounds, and stops after the last attempt', () => {
  const noJitter = new Backoff({ baseMs: 1000, capMs: 5000, maxAttempts: 5, jitter: 0 });
  expect([1, 2, 3, 4, 5].map(() => noJitter.next()?.delayMs)).toEqual([1000, 2000, 4000, 5000, 5000]);
  expect(noJitter.next()).toBeNull();
  noJitter.reset();
  expect(noJitter.next()).toEqual({ attempt: 1, delayMs: 1000 });

  const low = new Backoff({ baseMs: 1000, capMs: 5000, maxAttempts: 3, jitter: 0.5 }, () => 0);
  const high = new Backoff({ baseMs: 1000, capMs: 5000, maxAttempts: 3, jitter: 0.5 }, () => 0.999999);
  expect(low.next()?.delayMs).toBe(500);
  expect(high.next()?.delayMs).toBe(1500);
});
