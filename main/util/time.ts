/** What a promise given to `withTimeout` rejects with when it took too long (unless the caller names another error). */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

/**
 * Settles as `work` does if it settles within `ms`; otherwise rejects with what `onTimeout` returns
 * (a TimeoutError when it returns nothing). `onTimeout` is also where the caller aborts the work: the
 * work itself keeps running otherwise, only the wait ends. The timer never outlives the call.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout?: () => Error | void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout?.() ?? new TimeoutError(ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

