import { z } from 'zod/mini';
import type { Unsubscribe, UserId } from '../../transport';

/**
 * How the tabs of one origin tell each other that a person signed out, so
 * every tab of that person signs out with it (as Slack or WhatsApp Web do).
 */
export interface SignOutChannel {
  /** Tells every other tab that `userId` signed out here; this tab is not told. */
  announce(userId: UserId): void;
  /** Told when another tab announces a sign-out, whoever it was for. */
  onSignOut(listener: (userId: UserId) => void): Unsubscribe;
  /** Stops listening and announcing for good. */
  close(): void;
}

export const SIGN_OUT_CHANNEL = 'violetchat.sign-out';

const signedOutSchema = z.object({ type: z.literal('signed-out'), userId: z.string().check(z.minLength(1)) });

/**
 * A BroadcastChannel between the tabs. Where the browser has none, a channel
 * that reaches nobody: the other tabs then learn it from the deletion of the
 * user's database (see closeWhenDeleted), only a little later.
 */
export function openSignOutChannel(name: string = SIGN_OUT_CHANNEL): SignOutChannel {
  if (typeof BroadcastChannel !== 'function') return unconnectedChannel();
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(userId: UserId) => void>();
  let closed = false;
  channel.onmessage = (event: MessageEvent<unknown>) => {
    // Anything else on the channel (another version of the app, a stray page) is not a sign-out.
    const message = signedOutSchema.safeParse(event.data);
    if (!message.success) return;
    for (const listener of [...listeners]) listener(message.data.userId);
  };
  return {
    announce: (userId) => {
      if (!closed) channel.postMessage({ type: 'signed-out', userId } satisfies z.infer<typeof signedOutSchema>);
    },
    onSignOut: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: () => {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel.close();
    },
  };
}

/** A channel with no other tab on it. */
export function unconnectedChannel(): SignOutChannel {
  return { announce: () => {}, onSignOut: () => () => {}, close: () => {} };
}
