import { describe, expect, it } from 'vitest';
import { historyRequests, missingRanges, newerBound, openingFloor, seqRuns, openingWindow, type SeqRange, trimmedWindow, type WindowBounds } from './window';

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

const SIZE = { pageSize: 50, context: 10, maxSize: 200 };

describe('openingWindow', () => {
  const table: [lastSeq: number, firstUnread: number | null, bounds: WindowBounds][] = [
    [0, null, { fromSeq: 1, toSeq: null }], // empty
    [400, null, { fromSeq: 351, toSeq: null }], // all read: the newest page, open-ended
    [400, 281, { fromSeq: 271, toSeq: null }], // 120 unread fit: through the newest
    [400, 211, { fromSeq: 201, toSeq: null }], // exactly maxSize
    [400, 210, { fromSeq: 200, toSeq: 249 }], // one more: a page around the first unread
    [50_000, 1, { fromSeq: 1, toSeq: 50 }], // never read: the first page, not 50,000
  ];
  it.each(table)('last %i, first unread %s -> %j', (lastSeq, firstUnread, bounds) => {
    expect(openingWindow(lastSeq, firstUnread, SIZE)).toEqual(bounds);
  });
});

describe('newerBound', () => {
  const table: [toSeq: number, lastSeq: number, next: number | null][] = [
    [249, 400, 299],
    [349, 400, 399],
    [350, 400, null], // reaches the newest: open-ended from now on
    [360, 400, null],
  ];
  it.each(table)('to %i of %i -> %s', (toSeq, lastSeq, next) => {
    expect(newerBound(toSeq, lastSeq, 50)).toBe(next);
  });
});

describe('trimmedWindow', () => {
  const table: [label: string, bounds: WindowBounds, shown: SeqRange, newest: number, trimmed: WindowBounds][] = [
    ['within maxSize: unchanged', { fromSeq: 201, toSeq: null }, { from: 380, to: 400 }, 400, { fromSeq: 201, toSeq: null }],
    ['at the bottom of a grown live window: the top goes', { fromSeq: 150, toSeq: null }, { from: 380, to: 400 }, 400, { fromSeq: 330, toSeq: null }],
    ['scrolled up to the top of it: the bottom goes', { fromSeq: 150, toSeq: null }, { from: 150, to: 170 }, 400, { fromSeq: 150, toSeq: 220 }],
    ['in the middle: both ends go', { fromSeq: 1, toSeq: 300 }, { from: 140, to: 160 }, 300, { fromSeq: 90, toSeq: 210 }],
    ['near the newest end: it stays open-ended', { fromSeq: 100, toSeq: null }, { from: 330, to: 360 }, 400, { fromSeq: 280, toSeq: null }],
  ];
  it.each(table)('%s', (_, bounds, shown, newest, trimmed) => {
    expect(trimmedWindow(bounds, shown, newest, SIZE)).toEqual(trimmed);
  });

  it.each([
    ['a day begins within a page above the cut: there', [40, 95, 310], 95],
    ['the latest such day', [60, 75, 99], 99],
    ['none near: at the cut', [20, 101, 330], 100],
    ['none at all: at the cut', [], 100],
  ])('cuts the top where %s', (_, starts, fromSeq) => {
    expect(trimmedWindow({ fromSeq: 1, toSeq: null }, { from: 150, to: 170 }, 300, SIZE, starts).fromSeq).toBe(fromSeq);
  });

  it('returns the same bounds when nothing changes, so a render is not asked for', () => {
    const bounds = { fromSeq: 201, toSeq: null };
    expect(trimmedWindow(bounds, { from: 300, to: 320 }, 400, SIZE)).toBe(bounds);
  });
});

describe('seqRuns', () => {
  it.each<[number[], SeqRange[]]>([
    [[], []],
    [[7], [{ from: 7, to: 7 }]],
    [[3, 4, 9], [{ from: 3, to: 4 }, { from: 9, to: 9 }]],
    [[1, 2, 3], [{ from: 1, to: 3 }]],
    [[2, 2, 3], [{ from: 2, to: 3 }]],
    [[1, 5, 6, 7, 20], [{ from: 1, to: 1 }, { from: 5, to: 7 }, { from: 20, to: 20 }]],
  ])('%j → %j', (seqs, runs) => {
    expect(seqRuns(seqs)).toEqual(runs);
  });
});
