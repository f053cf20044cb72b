import { describe, expect, it } from 'vitest';
import { conversationUnread, effectiveReadSeq, firstUnreadSeq, laterSummary } from './unread';

const msg = (seq: number | null, senderId: string) => ({ seq, senderId });
const history = [msg(1, 'bob'), msg(2, 'me'), msg(3, 'bob'), msg(4, 'bob'), msg(5, 'me'), msg(null, 'me')];

describe('firstUnreadSeq', () => {
  const table: [readSeq: number, expected: number | null][] = [
    [0, 1],
    [1, 3],
    [3, 4],
    [4, null],
  ];
  it.each(table)('read up to %i -> first unread %s', (readSeq, expected) => {
    expect(firstUnreadSeq(history, 'me', readSeq)).toBe(expected);
  });
});

describe('effectiveReadSeq', () => {
  const table: [server: number, local: number, expected: number][] = [
    [0, 0, 0],
    [3, 1, 3],
    [3, 7, 7],
  ];
  it.each(table)('server %i, local %i -> %i', (server, local, expected) => {
    expect(effectiveReadSeq(server, local)).toBe(expected);
  });
});

describe('conversationUnread', () => {
  const theirs = (seq: number) => msg(seq, 'bob');
  const mine = (seq: number) => msg(seq, 'me');
  const range = (from: number, to: number, make: (seq: number) => { seq: number | null; senderId: string }) =>
    Array.from({ length: to - from + 1 }, (_, i) => make(from + i));
  // The server counted 60 of theirs above my marker at 40, up to 100; the cache holds the newest message only.
  const summary = { lastSeq: 100, readSeq: 40, unread: 60 };

  const table: [label: string, cached: { seq: number | null; senderId: string }[], readSeq: number, summary: typeof summary | null, expected: number][] = [
    ['no summary: the cache counts', history, 1, null, 2],
    ['the summary for what the cache lacks', [theirs(100)], 40, summary, 60],
    ['a later message joins the count', [theirs(100), theirs(101)], 40, summary, 61],
    ['my own later message does not', [theirs(100), mine(101), msg(null, 'me')], 40, summary, 60],
    ['read on this device halfway (the passed ones cached)', [...range(41, 70, theirs), theirs(100)], 70, summary, 30],
    ['read elsewhere halfway (the passed ones not cached)', [theirs(100)], 70, summary, 30],
    ['read to the end: the summary is spent', [theirs(100), theirs(101)], 100, summary, 1],
    ['mine among the counted: the server left them out', [mine(10)], 0, { lastSeq: 10, readSeq: 0, unread: 5 }, 5],
    ['the cache holds them all: the same count', [...range(41, 100, theirs)], 40, summary, 60],
    ['never more than the seqs the cache lacks', [...range(41, 99, mine), theirs(100)], 40, summary, 1],
  ];
  it.each(table)('%s', (_, cached, readSeq, known, expected) => {
    expect(conversationUnread(cached, 'me', readSeq, known)).toBe(expected);
  });
});

describe('laterSummary', () => {
  it('keeps the summary with the higher last seq, then the higher read marker', () => {
    const a = { lastSeq: 10, readSeq: 2, unread: 8 };
    const b = { lastSeq: 12, readSeq: 2, unread: 10 };
    const c = { lastSeq: 12, readSeq: 5, unread: 7 };
    expect(laterSummary(undefined, a)).toBe(a);
    expect(laterSummary(a, b)).toBe(b);
    expect(laterSummary(b, a)).toBe(b);
    expect(laterSummary(b, c)).toBe(c);
    expect(laterSummary(c, b)).toBe(c);
  });
});
