import { describe, expect, it } from 'vitest';
import type { SystemEntry } from '../../transport';
import { describeEntry, groupTitleProblem } from './words';

const names: Record<string, string> = { maya: 'Maya', leo: 'Leo', sam: 'Sam' };
const nameOf = (id: string) => names[id] ?? 'Someone';

describe('describeEntry', () => {
  it.each([
    [{ type: 'added', userIds: ['leo'] } satisfies SystemEntry, 'maya', 'leo', 'Maya added you'],
    [{ type: 'added', userIds: ['leo', 'sam'] } satisfies SystemEntry, 'maya', 'sam', 'Maya added Leo and you'],
    [{ type: 'removed', userId: 'leo' } satisfies SystemEntry, 'maya', 'maya', 'You removed Leo'],
    [{ type: 'renamed', title: 'Launch' } satisfies SystemEntry, 'leo', 'maya', 'Leo renamed the group to “Launch”'],
    [{ type: 'joined' } satisfies SystemEntry, 'sam', 'maya', 'Sam joined'],
  ] satisfies [SystemEntry, string, string, string][])('%o by %s, read by %s', (system, senderId, me, expected) => {
    expect(describeEntry({ system, senderId, body: 'stored words' }, nameOf, me)).toBe(expected);
  });

  it('is the body for a message someone wrote', () => {
    expect(describeEntry({ system: null, senderId: 'maya', body: 'hello' }, nameOf, 'leo')).toBe('hello');
  });
});

describe('groupTitleProblem', () => {
  it.each([
    ['Launch', null],
    ['   ', 'A group needs a title.'],
    ['x'.repeat(81), 'A title can be at most 80 characters.'],
    [`  ${'x'.repeat(80)}  `, null],
  ])('%j', (title, expected) => {
    expect(groupTitleProblem(title)).toBe(expected);
  });
});
