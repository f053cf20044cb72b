import { describe, expect, it } from 'vitest';
import { effectiveReadSeq, firstUnreadSeq } from './unread';

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
