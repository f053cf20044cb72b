import { describe, expect, it } from 'vitest';
import { auditConversation, type StoredMessage, undelivered } from './ledger';

const stored = (clientId: string, seq: number, id = `m-${clientId}`): StoredMessage => ({ id, clientId, seq });
const clean = { lost: [], duplicated: [], unexpected: [], badSeqs: [] };

describe('auditConversation', () => {
  it.each([
    { name: 'everything acked is stored once', acked: [['a', 'm-a'], ['b', 'm-b']], attempted: ['a', 'b'], history: [stored('a', 1), stored('b', 2)], expected: clean },
    { name: 'nothing sent, nothing stored', acked: [], attempted: [], history: [], expected: clean },
    { name: 'an acked send missing', acked: [['a', 'm-a'], ['b', 'm-b']], attempted: ['a', 'b'], history: [stored('a', 1)], expected: { ...clean, lost: ['b'] } },
    { name: 'a client id stored twice', acked: [['a', 'm-a']], attempted: ['a'], history: [stored('a', 1), stored('a', 2, 'm-a2')], expected: { ...clean, duplicated: ['a'] } },
    { name: 'stored under another id than acked', acked: [['a', 'm-a']], attempted: ['a'], history: [stored('a', 1, 'm-other')], expected: { ...clean, duplicated: ['a'] } },
    { name: 'an attempted, unacked send that was stored', acked: [], attempted: ['a'], history: [stored('a', 1)], expected: clean },
    { name: 'a message nobody sent', acked: [], attempted: [], history: [stored('x', 1)], expected: { ...clean, unexpected: ['x'] } },
    { name: 'a gap in seqs', acked: [['a', 'm-a'], ['b', 'm-b']], attempted: ['a', 'b'], history: [stored('a', 1), stored('b', 3)], expected: { ...clean, badSeqs: [3] } },
    { name: 'a repeated seq', acked: [['a', 'm-a'], ['b', 'm-b']], attempted: ['a', 'b'], history: [stored('a', 1), stored('b', 1)], expected: { ...clean, badSeqs: [1] } },
  ] as const)('$name', ({ acked, attempted, history, expected }) => {
    expect(auditConversation(new Map(acked as readonly (readonly [string, string])[]), new Set(attempted), history)).toEqual(expected);
  });
});

describe('undelivered', () => {
  it('lists what was sent and never received, in order', () => {
    expect(undelivered(['a', 'b', 'c'], new Set(['b']))).toEqual(['a', 'c']);
    expect(undelivered([], new Set(['b']))).toEqual([]);
  });
});
