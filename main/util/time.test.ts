import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeoutError, withTimeout } from './time.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  it('gives the value (or the failure) of work that settles in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve('done'), 1000)).resolves.toBe('done');
    await expect(withTimeout(Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with a TimeoutError naming the wait once the time is up', async () => {
    vi.useFakeTimers();
    const waited = withTimeout(new Promise(() => undefined), 250);
    const seen = expect(waited).rejects.toMatchObject({ name: 'TimeoutError', ms: 250, message: 'timed out after 250 ms' });
    await vi.advanceTimersByTimeAsync(249);
    await vi.advanceTimersByTimeAsync(1);
    await seen;
    await expect(waited).rejects.toBeInstanceOf(TimeoutError);
  });

  it('does not time out a moment early', async () => {
    vi.useFakeTimers();
    let settled = false;
    void withTimeout(new Promise(() => undefined), 250).catch(() => (settled = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });

  it('calls onTimeout once, on time, and rejects with the error it returns', async () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn(() => new RangeError('the store did not answer'));
    const waited = withTimeout(new Promise(() => undefined), 100, onTimeout);
    const seen = expect(waited).rejects.toThrow(new RangeError('the store did not answer'));
    expect(onTimeout).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    await seen;
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('an onTimeout that only aborts still rejects with a TimeoutError', async () => {
    vi.useFakeTimers();
    const abort = new AbortController();
    const waited = withTimeout(new Promise(() => undefined), 100, () => abort.abort());
    const seen = expect(waited).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(100);
    await seen;
    expect(abort.signal.aborted).toBe(true);
  });
});
