import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../preload/contract';
import { errorText } from './errors';

/**
 * Runs one command for a control: `pending` while it runs (the control says so and ignores repeats),
 * `error` next to the control if it failed. Safe if the control unmounts meanwhile (its card changed).
 */
export function useCommand() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async <T,>(command: () => Promise<Result<T>>): Promise<Result<T> | null> => {
    if (pending) return null;
    setPending(true);
    setError(null);
    const result = await command();
    if (mounted.current) {
      setPending(false);
      if (!result.ok) setError(errorText(result.error));
    }
    return result;
  }, [pending]);

  return { run, pending, error, clearError: () => setError(null) };
}
