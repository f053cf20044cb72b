import { describe, expect, it } from 'vitest';
import { isUnread, unreadCount } from './unread';

const msg = (seq: number | null, senderId: string) => ({ seq, senderId });
const history = [msg(1, 'bob'), msg(2, 'me'), msg(3, 'bob'), msg(4, 'bob'), msg(5, 'me'), msg(null, 'me')];

describe('isUnread', () => {
  it.each([
    { name: "someone else's above my marker", message: msg(4, 'bob'), readSeq: 3, expected: true },
    { name: "someone else's at my marker", message: msg(3, 'bob'), readSeq: 3, expected: false },
    { name: 'mine above my marker', message: msg(4, 'me'), readSeq: 3, expected: false },
    { name: 'pending (no seq yet)', message: msg(null, 'me'), readSeq: 0, expected: false },
  ])('$name -> $expected', ({ message, readSeq, expected }) => {
    expect(isUnread(message, 'me', readSeq)).toBe(expected);
  });
});

describe('unreadCount', () => {
  const table: [readSeq: number, expected: number][] = [
    [0, 3],
    [1, 2],
    [3, 1],
    [4, 0],
    [5, 0],
    [99, 0],
  ];
  it.each(table)('read up to %i -> %i unread', (readSeq, expected) => {
    expect(unreadCount(history, 'me', readSeq)).toBe(expected);
  });
});
