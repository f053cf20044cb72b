import type { UserId } from '../../transport';

/** My read marker as this device knows it: the server's, or further if I read on this device before it heard back. */
export function effectiveReadSeq(serverReadSeq: number, localReadSeq: number): number {
  return Math.max(serverReadSeq, localReadSeq);
}

/** Messages from others above my read marker. Pending messages have no seq and are mine: they never count. */
export function unreadCount(messages: readonly { seq: number | null; senderId: UserId }[], me: UserId, readSeq: number): number {
  let count = 0;
  for (const m of messages) if (m.seq !== null && m.seq > readSeq && m.senderId !== me) count++;
  return count;
}

/** The first message from someone else above my read marker: where a conversation opens. */
export function firstUnreadSeq(messages: readonly { seq: number | null; senderId: UserId }[], me: UserId, readSeq: number): number | null {
  let first: number | null = null;
  for (const m of messages) {
    if (m.seq === null || m.seq <= readSeq || m.senderId === me) continue;
    if (first === null || m.seq < first) first = m.seq;
  }
  return first;
}
