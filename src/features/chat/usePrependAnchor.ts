import { useState } from 'react';
import type { TimelineItem } from './timeline';

/** Far from 0 so that a long history can be prepended while the index stays positive. */
const START_INDEX = 10_000_000;

/** Where each message row sat (Virtuoso's absolute index), to find the rows again after the list changes. */
export type RowPlaces = ReadonlyMap<string, number>;

/**
 * Virtuoso's firstItemIndex for `rows`, given where the previous rows sat:
 * the first message row that was there before keeps its absolute index, so
 * pages loaded above (with the date separators they bring) or let go above
 * never move what is on screen. Message rows only: a day's separator moves
 * up when older messages of that day arrive. With no row in common, as it was.
 */
export function anchoredFirstIndex(rows: readonly TimelineItem[], previous: RowPlaces, firstItemIndex: number): number {
  for (const [index, row] of rows.entries()) {
    if (row.kind !== 'message') continue;
    const place = previous.get(row.key);
    if (place !== undefined) return place - index;
  }
  return firstItemIndex;
}

export function rowPlaces(rows: readonly TimelineItem[], firstItemIndex: number): RowPlaces {
  const places = new Map<string, number>();
  for (const [index, row] of rows.entries()) if (row.kind === 'message') places.set(row.key, firstItemIndex + index);
  return places;
}

/** A list's rows, its first index, and where its message rows sit: what the next render anchors on. */
interface Placement {
  rows: readonly TimelineItem[];
  firstItemIndex: number;
  places: RowPlaces;
}

function place(rows: readonly TimelineItem[], firstItemIndex: number): Placement {
  return { rows, firstItemIndex, places: rowPlaces(rows, firstItemIndex) };
}

/** anchoredFirstIndex across renders: a list that grows and shrinks at the top keeps what is on screen still. */
export function usePrependAnchor(rows: readonly TimelineItem[]): number {
  const [placement, setPlacement] = useState(() => place(rows, START_INDEX));
  if (placement.rows === rows) return placement.firstItemIndex;
  // New rows: placed from the previous placement during this render (React re-renders at once, before
  // committing), so Virtuoso never sees the new rows with the old index.
  const next = place(rows, anchoredFirstIndex(rows, placement.places, placement.firstItemIndex));
  setPlacement(next);
  return next.firstItemIndex;
}
