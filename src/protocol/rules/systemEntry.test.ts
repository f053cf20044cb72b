import { describe, expect, it } from 'vitest';
import type { SystemEntry } from '../../transport/types';
import { describeSystemEntry, listOf } from './systemEntry';

const NAMES: Record<string, string> = { maya: 'Maya', leo: 'Leo', sam: 'Sam', alex: 'Alex' };
const nameOf = (id: string) => NAMES[id] ?? 'Someone';

describe('describeSystemEntry', () => {
  const table: [entry: SystemEntry, actor: string, me: string | undefined, expected: string][] = [
    [{ type: 'created', title: 'Launch', memberIds: ['leo'] }, 'maya', undefined, 'Maya created the group “Launch”'],
    [{ type: 'added', userIds: ['leo'] }, 'maya', undefined, 'Maya added Leo'],
    [{ type: 'added', userIds: ['leo', 'sam', 'alex'] }, 'maya', undefined, 'Maya added Leo, Sam and Alex'],
    [{ type: 'added', userIds: ['leo'] }, 'maya', 'leo', 'Maya added you'],
    [{ type: 'added', userIds: ['leo'] }, 'maya', 'maya', 'You added Leo'],
    [{ type: 'removed', userId: 'leo' }, 'maya', undefined, 'Maya removed Leo'],
    [{ type: 'left', newOwnerId: null }, 'leo', undefined, 'Leo left'],
    [{ type: 'left', newOwnerId: 'sam' }, 'maya', undefined, 'Maya left; Sam is now the owner'],
    [{ type: 'left', newOwnerId: 'sam' }, 'maya', 'sam', 'Maya left; You are now the owner'],
    [{ type: 'joined' }, 'sam', undefined, 'Sam joined'],
    [{ type: 'renamed', title: 'Launch' }, 'alex', undefined, 'Alex renamed the group to “Launch”'],
  ];
  it.each(table)('%j by %s (reader %s)', (entry, actor, me, expected) => {
    expect(describeSystemEntry(entry, actor, { nameOf, ...(me ? { me } : {}) })).toBe(expected);
  });
});

describe('listOf', () => {
  it.each([
    [[], 'nobody'],
    [['Leo'], 'Leo'],
    [['Leo', 'Sam'], 'Leo and Sam'],
    [['Leo', 'Sam', 'Ana'], 'Leo, Sam and Ana'],
  ] as [string[], string][])('%j', (names, expected) => {
    expect(listOf(names)).toBe(expected);
  });
});
