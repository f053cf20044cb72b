import { describe, expect, it } from 'vitest';
import { historyRequests, missingRanges, openingFloor, type SeqRange } from './window';

describe('openingFloor', () => {
  const table: [lastSeq: number, firstUnread: number | null, floor: number][] = [
    [0, null, 1], // empty
    [30, null, 1], // less than a page
    [400, null, 351], // all read: the newest page
    [400, 390, 351], // unread within the newest page
    [400, 281, 271], // 120 unread: the first one with 10 before it
    [10_000, 5_001, 4_991], // 5,000 unread
    [400, 5, 1], // the context runs out at the beginning
  ];
  it.each(table)('last %i, first unread %s -> %i (page 50, context 10)', (lastSeq, firstUnread, floor) => {
    expect(openingFloor(lastSeq, firstUnread, 50, 10)).toBe(floor);
  });
});

describe('missingRanges', () => {
  const table: [held: number[], from: number, to: number, missing: SeqRange[]][] = [
    [[], 1, 5, [{ from: 1, to: 5 }]],
    [[1, 2, 3, 4, 5], 1, 5, []],
    [[3, 4], 1, 5, [{ from: 1, to: 2 }, { from: 5, to: 5 }]],
    [[1, 4], 1, 5, [{ from: 2, to: 3 }, { from: 5, to: 5 }]],
    [[0, 2, 9], 1, 5, [{ from: 1, to: 1 }, { from: 3, to: 5 }]],
    [[], 5, 4, []],
  ];
  it.each(table)('held %j of [%i, %i]', (held, from, to, missing) => {
    expect(missingRanges(held, from, to)).toEqual(missing);
  });
});

describe('historyRequests', () => {
  it('pages each range from its newest end, newest range first', () => {
    expect(
      historyRequests(
        [
          { from: 1, to: 450 },
          { from: 500, to: 520 },
        ],
        200,
      ),
    ).toEqual([
      { beforeSeq: 521, limit: 21 },
      { beforeSeq: 451, limit: 200 },
      { beforeSeq: 251, limit: 200 },
      { beforeSeq: 51, limit: 50 },
    ]);
  });

  it('asks nothing when nothing is missing', () => {
    expect(historyRequests([], 200)).toEqual([]);
  });
});
