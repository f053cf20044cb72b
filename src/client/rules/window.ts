/**
 * The message window of an open conversation is a stretch of seqs: every
 * message from `fromSeq` to `toSeq`, or to the newest when `toSeq` is null
 * (then new ones join at the bottom). It opens at the newest page or around
 * the first unread message, grows a page at a time as the person scrolls, and
 * holds at most a few pages around what is on screen: pages far from it go
 * and come back (from the cache) when scrolled back to, however far the
 * person scrolls or however many are unread. Seqs of a conversation are dense
 * (1..lastSeq), so "is there anything older" is "is fromSeq above 1".
 */

export interface SeqRange {
  from: number;
  to: number;
}

export interface WindowBounds {
  fromSeq: number;
  /** null: through the newest message, growing as new ones arrive. */
  toSeq: number | null;
}

export interface WindowSize {
  /** Messages per page, locally and from the server. */
  pageSize: number;
  /** Messages before the first unread one the window opens with. */
  context: number;
  /** The most the window holds before it lets pages far from the screen go. */
  maxSize: number;
}

/**
 * Where the window opens: from openingFloor(); through the newest when that
 * fits in maxSize, else one page, the rest of the unread ones to come as the
 * person scrolls down.
 */
export function openingWindow(lastSeq: number, firstUnreadSeq: number | null, size: WindowSize): WindowBounds {
  const fromSeq = openingFloor(lastSeq, firstUnreadSeq, size.pageSize, size.context);
  return lastSeq - fromSeq + 1 <= size.maxSize ? { fromSeq, toSeq: null } : { fromSeq, toSeq: fromSeq + size.pageSize - 1 };
}

/** The window's upper bound after one more newer page: null once it reaches the newest. */
export function newerBound(toSeq: number, lastSeq: number, pageSize: number): number | null {
  const to = toSeq + pageSize;
  return to >= lastSeq ? null : to;
}

/**
 * The window once the list shows the seqs `shown`: as it was while it holds
 * at most maxSize messages; beyond that, a page on either side of what is
 * shown, the rest let go. `newestSeq`: the newest one it holds (its end when
 * it reaches the newest). A window that keeps its newest end stays open-ended.
 * `starts`: seqs the window can begin at without its first rows changing (the
 * first message of a day: its date heads it either way). The top is cut at
 * one of them when one lies within a page above the cut, so nothing above the
 * screen changes height and the screen does not move.
 */
export function trimmedWindow(
  bounds: WindowBounds,
  shown: SeqRange,
  newestSeq: number,
  size: Pick<WindowSize, 'pageSize' | 'maxSize'>,
  starts: readonly number[] = [],
): WindowBounds {
  const end = bounds.toSeq ?? newestSeq;
  if (end - bounds.fromSeq + 1 <= size.maxSize) return bounds;
  const cut = Math.min(shown.from, end) - size.pageSize;
  const start = Math.max(...starts.filter((seq) => seq <= cut && seq >= cut - size.pageSize));
  const fromSeq = Math.max(bounds.fromSeq, Number.isFinite(start) ? start : cut);
  const keepTo = Math.max(shown.to, fromSeq) + size.pageSize;
  const toSeq = keepTo >= end ? bounds.toSeq : keepTo;
  return fromSeq === bounds.fromSeq && toSeq === bounds.toSeq ? bounds : { fromSeq, toSeq };
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

/** Seqs, ascending, as runs of neighbours (a history request each): [3, 4, 9] → 3-4, 9. Repeats count once. */
export function seqRuns(seqs: readonly number[]): SeqRange[] {
  const runs: SeqRange[] = [];
  for (const seq of seqs) {
    const last = runs.at(-1);
    if (last && seq === last.to + 1) runs[runs.length - 1] = { from: last.from, to: seq };
    else if (!last || seq > last.to) runs.push({ from: seq, to: seq });
  }
  return runs;
}
