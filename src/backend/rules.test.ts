import { describe, expect, it } from 'vitest';
import { directKey, markerMoves, newDirectConversation, unreadAbove } from './rules';

describe('directKey', () => {
  it('is the same whichever side opens it', () => {
    expect(directKey(['b', 'a'])).toBe(directKey(['a', 'b']));
  });
});

describe('newDirectConversation', () => {
  it('is empty, with every marker at 0 and the members in id order whichever side opens it', () => {
    const input = { id: 'c1', createdAt: '2026-01-01T00:00:00.000Z' };
    const expected = {
      id: 'c1',
      kind: 'direct',
      members: [
        { userId: 'ann', deliveredSeq: 0, readSeq: 0 },
        { userId: 'ben', deliveredSeq: 0, readSeq: 0 },
      ],
      createdAt: '2026-01-01T00:00:00.000Z',
      lastSeq: 0,
    };
    expect(newDirectConversation({ ...input, memberIds: ['ben', 'ann'] })).toEqual(expected);
    expect(newDirectConversation({ ...input, memberIds: ['ann', 'ben'] })).toEqual(expected);
  });
});

describe('markerMoves', () => {
  it.each([
    { name: 'delivered moves delivered only', member: [0, 0], kind: 'delivered', upto: 2, last: 5, expected: [['delivered', 2]] },
    { name: 'read moves both', member: [1, 0], kind: 'read', upto: 3, last: 5, expected: [['delivered', 3], ['read', 3]] },
    { name: 'read behind delivered moves read only', member: [4, 1], kind: 'read', upto: 3, last: 5, expected: [['read', 3]] },
    { name: 'capped at the last seq', member: [0, 0], kind: 'read', upto: 99, last: 2, expected: [['delivered', 2], ['read', 2]] },
    { name: 'backwards moves nothing', member: [3, 3], kind: 'read', upto: 1, last: 5, expected: [] },
    { name: 'already there moves nothing', member: [3, 3], kind: 'read', upto: 3, last: 5, expected: [] },
    { name: 'at the last seq moves nothing more', member: [5, 5], kind: 'read', upto: 99, last: 5, expected: [] },
    { name: 'an empty conversation moves nothing', member: [0, 0], kind: 'delivered', upto: 1, last: 0, expected: [] },
  ] as const)('$name', ({ member, kind, upto, last, expected }) => {
    const moves = markerMoves({ deliveredSeq: member[0], readSeq: member[1] }, kind, upto, last);
    expect(moves.map((m) => [m.kind, m.uptoSeq])).toEqual(expected);
  });
});

describe('unreadAbove', () => {
  const table: [lastSeq: number, readSeq: number, ownAbove: number, unread: number][] = [
    [0, 0, 0, 0], // empty
    [10, 10, 0, 0], // all read
    [10, 4, 0, 6], // six of theirs above the marker
    [10, 4, 2, 4], // two of the six are mine
    [10, 4, 6, 0], // all six are mine
    [50_000, 0, 24_000, 26_000], // never read: everything but mine
    [5, 7, 0, 0], // a marker past the end counts nothing, never less
  ];
  it.each(table)('last %i, read %i, %i of mine above -> %i', (lastSeq, readSeq, ownAbove, unread) => {
    expect(unreadAbove(lastSeq, readSeq, ownAbove)).toBe(unread);
  });
});
