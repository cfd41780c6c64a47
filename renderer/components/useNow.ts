import { useEffect, useState } from 'react';

/**
 * The current time, updated every `periodMs` (a second by default: countdowns) while `ticking`;
 * otherwise no timer runs.
 */
export function useNow(ticking: boolean, periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [ticking, periodMs]);
  return now;
}
