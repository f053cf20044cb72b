import type { MessageStatus } from '../../transport';

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
