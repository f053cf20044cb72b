import { useEffect, useState } from 'react';
import { useClock } from '../client';

/** The current time, refreshed every `everyMs`, so "5 minutes ago" stays true. */
export function useNow(everyMs = 30_000): Date {
  const clock = useClock();
  const [now, setNow] = useState(() => new Date(clock()));
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date(clock())), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
