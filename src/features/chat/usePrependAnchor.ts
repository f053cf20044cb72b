import { useRef } from 'react';
import type { TimelineItem } from './timeline';

/** Far from 0 so that a long history can be prepended while the index stays positive. */
const START_INDEX = 10_000_000;

/**
 * Virtuoso's firstItemIndex for a list that grows at the top: the row that was
 * first when the list opened keeps the same absolute index, so loading older
 * messages (and the date separators they bring) never moves what is on screen.
 */
export function usePrependAnchor(rows: readonly TimelineItem[]): number {
  const anchor = useRef<{ key: string; absolute: number } | null>(null);
  const firstItemIndex = useRef(START_INDEX);

  const current = anchor.current;
  const found = current ? rows.findIndex((row) => row.key === current.key) : -1;
  if (current && found >= 0) {
    firstItemIndex.current = current.absolute - found;
  } else {
    // First rows, or the anchor row went away (a failed message deleted): re-anchor where we are.
    const firstMessage = rows.findIndex((row) => row.kind === 'message');
    if (firstMessage >= 0) anchor.current = { key: rows[firstMessage]!.key, absolute: firstItemIndex.current + firstMessage };
  }
  return firstItemIndex.current;
}
