import { useEffect, useEffectEvent, useState } from 'react';
import type { UserEngine } from '../engine/userEngine';
import type { Observable } from '../views';

/**
 * The latest value of an engine view, undefined until the first one arrives.
 * `identity` names what is shown (a conversation): when it changes the old
 * value disappears at once. `variant` refines it (a window size): while the
 * refined value loads, the previous one stays, so nothing flickers.
 */
export function useLive<T>(engine: UserEngine | null, identity: string, variant: string | number, make: (engine: UserEngine) => Observable<T>): T | undefined {
  const [state, setState] = useState<{ engine: UserEngine; identity: string; value: T } | null>(null);
  // `make` is a fresh closure each render; identity and variant say when it means something new.
  const view = useEffectEvent((from: UserEngine) => make(from));
  useEffect(() => {
    if (!engine) return;
    const subscription = view(engine).subscribe({
      next: (value) => setState({ engine, identity, value }),
      error: (error) => console.warn('[violetchat client] live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, [engine, identity, variant]);
  return state && state.engine === engine && state.identity === identity ? state.value : undefined;
}
