import { type Countable, isUnread, unreadCount } from '../../protocol/rules/unread';
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

/** What the server counted for a conversation's list entry, which the device may not hold the messages of. */
export interface UnreadSummary {
  /** The conversation's last seq when it counted. */
  lastSeq: number;
  /** My read marker it counted from. */
  readSeq: number;
  /** Messages in (readSeq, lastSeq] from someone else. */
  unread: number;
}

/** Of two summaries of one conversation, the later: the server's seqs and my marker only move forward. */
export function laterSummary(known: UnreadSummary | undefined, incoming: UnreadSummary): UnreadSummary {
  if (!known) return incoming;
  if (known.lastSeq !== incoming.lastSeq) return known.lastSeq > incoming.lastSeq ? known : incoming;
  return known.readSeq > incoming.readSeq ? known : incoming;
}

/**
 * My unread count in a conversation whose history the cache may hold only in
 * part (a device that bootstrapped holds the newest message of each). Every
 * seq above the summary's lastSeq came later, through catch-up or events, so
 * the cache holds it and counts it. Up to lastSeq the cache counts what it
 * holds, and the server's count stands for the rest: its `unread` less the
 * ones the cache holds, less those my marker has passed since. A passed seq
 * the cache lacks (read on another device) is taken for someone else's, the
 * likelier case; the next summary, on every reconnect, sets it right.
 * `cached`: the rows the cache holds above min(readSeq, summary.readSeq).
 */
export function conversationUnread(cached: readonly Countable[], me: UserId, readSeq: number, summary: UnreadSummary | null): number {
  const above = unreadCount(cached, me, readSeq);
  if (!summary || readSeq >= summary.lastSeq) return above;
  const from = summary.readSeq;
  const to = summary.lastSeq;
  const ahead = Math.max(readSeq, from);
  let heldPassed = 0;
  let othersPassed = 0;
  let heldAhead = 0;
  let othersHeldAhead = 0;
  for (const m of cached) {
    if (m.seq === null || m.seq <= from || m.seq > to) continue;
    const others = m.senderId !== me ? 1 : 0;
    if (m.seq <= ahead) {
      heldPassed += 1;
      othersPassed += others;
    } else {
      heldAhead += 1;
      othersHeldAhead += others;
    }
  }
  const missingPassed = ahead - from - heldPassed;
  const missingAhead = to - ahead - heldAhead;
  return above + Math.max(0, Math.min(missingAhead, summary.unread - othersPassed - missingPassed - othersHeldAhead));
}
