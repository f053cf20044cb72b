import { describe, expect, it } from 'vitest';
import type { TimelineItem } from './timeline';
import { placeRows, START_INDEX } from './usePrependAnchor';

/** Rows by key: `d…` a date separator, `u` the unread divider, anything else a message. */
function rows(...keys: string[]): TimelineItem[] {
  return keys.map((key): TimelineItem => {
    if (key.startsWith('d')) return { kind: 'day', key, at: '2026-01-01T00:00:00.000Z' };
    if (key === 'u') return { kind: 'unread', key: 'unread' };
    return { kind: 'message', key, message: {} as never, startsRun: true, endsRun: true };
  });
}

/** Places each list of rows after the one before, as the hook does render by render. */
function firstIndexes(...lists: TimelineItem[][]): number[] {
  let placement = null;
  const out: number[] = [];
  for (const list of lists) {
    placement = placeRows(placement, list);
    out.push(placement.firstItemIndex - START_INDEX);
  }
  return out;
}

describe('placeRows: the first item index of a list that grows at the top', () => {
  it.each([
    ['opening', [rows('d1', 'm5', 'm6')], [0]],
    ['an older page of the same day, then of the day before', [rows('d1', 'm5'), rows('d1', 'm3', 'm4', 'm5'), rows('d0', 'm1', 'd1', 'm3', 'm4', 'm5')], [0, -2, -4]],
    ['new messages at the bottom move nothing', [rows('d1', 'm5'), rows('d1', 'm5', 'm6', 'm7')], [0, 0]],
    ['the unread divider appearing above the anchor counts as a row', [rows('d1', 'm5'), rows('d1', 'u', 'm5')], [0, -1]],
    ['no messages yet, then some', [rows(), rows('d1', 'm1')], [0, 0]],
    ['the anchor deleted: re-anchored where the list stands', [rows('d1', 'm3', 'm4'), rows('d0', 'm1', 'd1', 'm3', 'm4'), rows('d0', 'm1', 'd1', 'm4'), rows('d9', 'm0', 'd0', 'm1', 'd1', 'm4')], [0, -2, -2, -4]],
  ])('%s', (_, lists, expected) => {
    expect(firstIndexes(...lists)).toEqual(expected);
  });

  it('keeps the anchor row at one absolute index', () => {
    const before = placeRows(null, rows('d1', 'm5', 'm6'));
    const after = placeRows(before, rows('d0', 'm1', 'm2', 'd1', 'm5', 'm6'));
    expect(after.firstItemIndex + 4).toBe(before.firstItemIndex + 1);
  });
});
