import type { ChatTransport, Unsubscribe, UserId } from '../../transport';
import type { ClientDb } from '../db/clientDb';
import type { WebLocks } from '../../protocol/locks/webLocks';
import type { BackoffOptions } from '../../protocol/rules/backoff';
import type { ClientStores } from '../stores';

export interface EngineTiming {
  backoff: BackoffOptions;
  /** Markers wait this long for more to read before telling the server. */
  markerDelayMs: number;
  /** After live events go quiet, a catch-up confirms nothing was missed and moves the cursor. */
  settleCatchUpMs: number;
  /** setTyping(true) at most this often while the user keeps typing. */
  typingThrottleMs: number;
  /** setTyping(false) after this long without a keystroke. */
  typingIdleMs: number;
  /** Someone else's "typing" ends here if no refresh or stop arrives. */
  typingExpiryMs: number;
}

export const DEFAULT_TIMING: EngineTiming = {
  backoff: { baseMs: 500, maxMs: 30_000 },
  markerDelayMs: 400,
  settleCatchUpMs: 3000,
  typingThrottleMs: 3000,
  typingIdleMs: 4000,
  typingExpiryMs: 6500,
};

/** Whether the person can see the page: read markers follow only what is on a visible screen. */
export interface Visibility {
  isVisible(): boolean;
  onChange(listener: () => void): Unsubscribe;
}

export const documentVisibility: Visibility = {
  isVisible: () => typeof document === 'undefined' || document.visibilityState === 'visible',
  onChange: (listener) => {
    if (typeof document === 'undefined') return () => {};
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

/** What every part of one signed-in user's engine shares. */
export interface EngineContext {
  transport: ChatTransport;
  db: ClientDb;
  me: UserId;
  stores: ClientStores;
  locks: WebLocks;
  timing: EngineTiming;
  visibility: Visibility;
  random(): number;
  /** The client's clock in ms (Date.now unless a scenario fixes it). */
  now(): number;
  /** Aborted when the engine stops: every loop and timer ends. */
  signal: AbortSignal;
  isOnline(): boolean;
  /** The session is no longer valid: the client signs the tab out. */
  onUnauthenticated(): void;
  /** Something unexpected: reported, never thrown into the UI. */
  onError(error: unknown): void;
}
