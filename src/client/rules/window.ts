/**
 * The message window of an open conversation is bounded below by a seq, not
 * by a count: it holds every message from that seq on, so new ones join at
 * the bottom, an older page lowers the bound, and a conversation opens at its
 * first unread message however many are unread. Seqs of a conversation are
 * dense (1..lastSeq), so "is there anything older" is "is the bound above 1".
 */

export interface SeqRange {
  from: number;
  to: number;
}

/**
 * The lowest seq the window opens at: the newest page, reaching back to
 * `context` messages before the first unread one (null: none unread).
 */
export function openingFloor(lastSeq: number, firstUnreadSeq: number | null, pageSize: number, context: number): number {
  const newestPage = lastSeq - pageSize + 1;
  const beforeUnread = firstUnreadSeq === null ? Number.POSITIVE_INFINITY : firstUnreadSeq - context;
  return Math.max(1, Math.min(newestPage, beforeUnread));
}

/** The stretches of [from, to] whose seqs are not in `held` (ascending). */
export function missingRanges(held: readonly number[], from: number, to: number): SeqRange[] {
  const ranges: SeqRange[] = [];
  let next = from;
  for (const seq of held) {
    if (seq < next) continue;
    if (seq > to) break;
    if (seq > next) ranges.push({ from: next, to: seq - 1 });
    next = seq + 1;
  }
  if (next <= to) ranges.push({ from: next, to });
  return ranges;
}

/** History requests that fetch `ranges`, newest first, at most `pageMax` messages each. */
export function historyRequests(ranges: readonly SeqRange[], pageMax: number): { beforeSeq: number; limit: number }[] {
  const requests: { beforeSeq: number; limit: number }[] = [];
  for (const range of [...ranges].sort((a, b) => b.to - a.to)) {
    for (let top = range.to; top >= range.from; top -= pageMax) {
      requests.push({ beforeSeq: top + 1, limit: Math.min(pageMax, top - range.from + 1) });
    }
  }
  return requests;
}
