import { useState } from 'react';
import type { TimelineItem } from './timeline';

/** Far from 0 so that a long history can be prepended while the index stays positive. */
export const START_INDEX = 10_000_000;

/** Where a list of rows sits: the anchor row keeps its absolute index whatever is added above it. */
export interface RowPlacement {
  rows: readonly TimelineItem[];
  anchor: { key: string; absolute: number } | null;
  firstItemIndex: number;
}

/**
 * The placement of `rows` after `previous` (null: the list just opened). The
 * anchor is the first message row; rows loaded above it lower the first index
 * by as many, so nothing on screen moves. When the anchor row went away (a
 * failed message deleted), it re-anchors where the list stands.
 */
export function placeRows(previous: RowPlacement | null, rows: readonly TimelineItem[]): RowPlacement {
  const anchor = previous?.anchor ?? null;
  const found = anchor ? rows.findIndex((row) => row.key === anchor.key) : -1;
  if (anchor && found >= 0) return { rows, anchor, firstItemIndex: anchor.absolute - found };
  const firstItemIndex = previous?.firstItemIndex ?? START_INDEX;
  const firstMessage = rows.findIndex((row) => row.kind === 'message');
  return { rows, anchor: firstMessage >= 0 ? { key: rows[firstMessage]!.key, absolute: firstItemIndex + firstMessage } : null, firstItemIndex };
}

/**
 * Virtuoso's firstItemIndex for a list that grows at the top: the row that was
 * first when the list opened keeps the same absolute index, so loading older
 * messages (and the date separators they bring) never moves what is on screen.
 */
export function usePrependAnchor(rows: readonly TimelineItem[]): number {
  const [placement, setPlacement] = useState(() => placeRows(null, rows));
  if (placement.rows === rows) return placement.firstItemIndex;
  // New rows: place them from the previous placement during this render (React re-renders at once, before
  // committing), so Virtuoso never sees the new rows with the old index.
  const next = placeRows(placement, rows);
  setPlacement(next);
  return next.firstItemIndex;
}
