import { type Countable, isUnread } from '../../protocol/rules/unread';
import type { UserId } from '../../transport';

/** My read marker as this device knows it: the server's, or further if I read on this device before it heard back. */
export function effectiveReadSeq(serverReadSeq: number, localReadSeq: number): number {
  return Math.max(serverReadSeq, localReadSeq);
}

/** The first message from someone else above my read marker: where a conversation opens. */
export function firstUnreadSeq(messages: readonly Countable[], me: UserId, readSeq: number): number | null {
  let first: number | null = null;
  for (const m of messages) {
    if (!isUnread(m, me, readSeq)) continue;
    if (first === null || m.seq < first) first = m.seq;
  }
  return first;
}
