import type { UserId } from '../../transport/types';

/** What the unread rule needs of a message: pending ones (mine, not yet stored) have no seq. */
export interface Countable {
  seq: number | null;
  senderId: UserId;
}

/**
 * Unread for `me`: a stored message from someone else above my read marker.
 * My own messages never count, nor do pending ones (they are mine). The
 * backend counts a conversation's unread with it, the client its badge.
 */
export function isUnread<M extends Countable>(message: M, me: UserId, readSeq: number): message is M & { seq: number } {
  return message.seq !== null && message.seq > readSeq && message.senderId !== me;
}

export function unreadCount(messages: readonly Countable[], me: UserId, readSeq: number): number {
  let count = 0;
  for (const m of messages) if (isUnread(m, me, readSeq)) count++;
  return count;
}
