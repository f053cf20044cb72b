import type { ConnectionState, Unsubscribe } from './types';

/**
 * Where the device's own idea of being online comes from (the window's
 * online/offline events in a browser). Every adapter follows it: `false` is
 * reliable (no network at all), so a transport goes offline at once instead
 * of waiting for a heartbeat to time out; `true` is only a hint to try again now.
 */
export interface OnlineSource {
  online(): boolean;
  /** Called on every change (either way); read online() for the new value. */
  subscribe(listener: () => void): Unsubscribe;
}

/** The window's `online`/`offline` events, or null outside a browser. */
export function windowOnlineSource(): OnlineSource | null {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return null;
  return {
    online: () => navigator.onLine,
    subscribe: (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
  };
}

/** The connection state while the device says it has no network, in the same words on every transport. */
export const DEVICE_OFFLINE = { status: 'offline', reason: 'You are offline.' } as const satisfies ConnectionState;
