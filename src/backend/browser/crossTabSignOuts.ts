import { z } from 'zod/mini';
import type { Unsubscribe } from '../../transport/types';

/** What one tab tells the others: some session signed out (which one stays in that tab). */
const signedOutSchema = z.object({ type: z.literal('signed-out') });

/**
 * A sign-out heard by this tab: `sessionId` (the token) when it happened
 * here, null when another tab signed a session out and each tab must check
 * its own (a token that no longer verifies was the one).
 */
export type SignedOutListener = (sessionId: string | null) => void;

/**
 * Sign-outs among the tabs of one browser backend. Every tab runs its own
 * ChatService over the shared database, so a session signed out in one tab
 * must end what the others hold open for it (the sim's connections, the
 * mocks' event streams), as the server ends a session's sockets and streams
 * on every node. The message names no session: tokens never leave their tab.
 */
export class CrossTabSignOuts {
  private readonly channel: BroadcastChannel | null;
  private readonly listeners = new Set<SignedOutListener>();

  constructor(channelName: string) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.channel?.addEventListener('message', (message: MessageEvent<unknown>) => {
      // Another tab is another program (maybe another version of it): validate before trusting.
      if (signedOutSchema.safeParse(message.data).success) this.tell(null);
    });
  }

  /** `sessionId` was signed out in this tab: this tab's listeners hear which, the other tabs that one did. */
  signedOut(sessionId: string): void {
    this.tell(sessionId);
    this.channel?.postMessage({ type: 'signed-out' } satisfies z.infer<typeof signedOutSchema>);
  }

  onSignedOut(listener: SignedOutListener): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
  }

  private tell(sessionId: string | null): void {
    for (const listener of [...this.listeners]) listener(sessionId);
  }
}
