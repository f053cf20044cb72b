import type { ConversationMember, MessageStatus, ServerMessageStatus, UserId } from '../../transport';

/** pending and failed are the same step: not yet on the server. */
const RANK: Record<MessageStatus, number> = { pending: 0, failed: 0, sent: 1, delivered: 2, read: 3 };

export function statusRank(status: MessageStatus): number {
  return RANK[status];
}

/**
 * The status after `next` is reported for a message now at `current`: it only
 * moves forward, so a late or replayed report never undoes a newer one. Between
 * pending and failed (both local) the latest word wins: a send fails, a retry
 * makes it pending again.
 */
export function advanceStatus(current: MessageStatus, next: MessageStatus): MessageStatus {
  const from = RANK[current];
  const to = RANK[next];
  if (to > from) return next;
  if (to === 0 && from === 0) return next;
  return current;
}

/**
 * What the members' markers say about a stored message, as the backend
 * reports it: read once every other member read past it, delivered once every
 * other member's device has it.
 */
export function statusFromMarkers(
  message: { seq: number; senderId: UserId },
  members: readonly ConversationMember[],
): ServerMessageStatus {
  const others = members.filter((m) => m.userId !== message.senderId);
  if (others.length === 0) return 'sent';
  if (others.every((m) => m.readSeq >= message.seq)) return 'read';
  if (others.every((m) => Math.max(m.deliveredSeq, m.readSeq) >= message.seq)) return 'delivered';
  return 'sent';
}
