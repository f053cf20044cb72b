import { describe, expect, it } from 'vitest';
import { directKey, markerMoves, nextMarker } from './rules';

describe('nextMarker', () => {
  it.each([
    { current: 0, requested: 3, last: 5, expected: 3 },
    { current: 3, requested: 3, last: 5, expected: null },
    { current: 4, requested: 2, last: 5, expected: null },
    { current: 2, requested: 99, last: 5, expected: 5 },
    { current: 5, requested: 99, last: 5, expected: null },
    { current: 0, requested: 1, last: 0, expected: null },
  ])('from $current asked $requested with last $last -> $expected', ({ current, requested, last, expected }) => {
    expect(nextMarker(current, requested, last)).toBe(expected);
  });
});

describe('directKey', () => {
  it('is the same whichever side opens it', () => {
    expect(directKey(['b', 'a'])).toBe(directKey(['a', 'b']));
  });
});

describe('markerMoves', () => {
  it.each([
    { name: 'delivered moves delivered only', member: [0, 0], kind: 'delivered', upto: 2, last: 5, expected: [['delivered', 2]] },
    { name: 'read moves both', member: [1, 0], kind: 'read', upto: 3, last: 5, expected: [['delivered', 3], ['read', 3]] },
    { name: 'read behind delivered moves read only', member: [4, 1], kind: 'read', upto: 3, last: 5, expected: [['read', 3]] },
    { name: 'capped at the last seq', member: [0, 0], kind: 'read', upto: 99, last: 2, expected: [['delivered', 2], ['read', 2]] },
    { name: 'backwards moves nothing', member: [3, 3], kind: 'read', upto: 1, last: 5, expected: [] },
  ] as const)('$name', ({ member, kind, upto, last, expected }) => {
    const moves = markerMoves({ deliveredSeq: member[0], readSeq: member[1] }, kind, upto, last);
    expect(moves.map((m) => [m.kind, m.uptoSeq])).toEqual(expected);
  });
});
