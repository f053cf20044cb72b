import { afterEach, describe, expect, it } from 'vitest';
import type { SystemEntry } from '../../transport';
import { activateLocale } from '../i18n/i18n';
import { systemEntryText } from './systemEntryText';

const names: Record<string, string> = { maya: 'Maya', leo: 'Leo', sam: 'Sam' };
const nameOf = (id: string) => names[id] ?? 'Someone';
const say = (system: SystemEntry, senderId: string, me: string) => systemEntryText({ system, senderId, body: 'stored words' }, nameOf, me);

describe('systemEntryText', () => {
  afterEach(() => activateLocale('en', null));

  it.each<[SystemEntry, string, string, string]>([
    [{ type: 'created', title: 'Launch', memberIds: ['leo'] }, 'maya', 'leo', 'Maya created the group “Launch”'],
    [{ type: 'added', userIds: ['leo'] }, 'maya', 'leo', 'Maya added you'],
    [{ type: 'added', userIds: ['leo', 'sam'] }, 'maya', 'sam', 'Maya added you along with Leo'],
    [{ type: 'added', userIds: ['leo', 'sam'] }, 'maya', 'maya', 'You added Leo and Sam'],
    [{ type: 'removed', userId: 'leo' }, 'maya', 'maya', 'You removed Leo'],
    [{ type: 'removed', userId: 'leo' }, 'maya', 'leo', 'Maya removed you'],
    [{ type: 'left', newOwnerId: null }, 'leo', 'maya', 'Leo left'],
    [{ type: 'left', newOwnerId: 'maya' }, 'leo', 'maya', 'Leo left; you are now the owner'],
    [{ type: 'left', newOwnerId: 'sam' }, 'maya', 'maya', 'You left; Sam is now the owner'],
    [{ type: 'renamed', title: 'Launch' }, 'leo', 'maya', 'Leo renamed the group to “Launch”'],
    [{ type: 'joined' }, 'sam', 'maya', 'Sam joined'],
  ])('%o by %s, read by %s', (system, senderId, me, expected) => {
    expect(say(system, senderId, me)).toBe(expected);
  });

  it('is the body for a message someone wrote', () => {
    expect(systemEntryText({ system: null, senderId: 'maya', body: 'hello' }, nameOf, 'leo')).toBe('hello');
  });

  it('speaks German: the verb and "you" change for the reader, names joined the German way', async () => {
    await activateLocale('de', null);
    expect(say({ type: 'added', userIds: ['leo', 'sam'] }, 'maya', 'sam')).toBe('Maya hat dich zusammen mit Leo hinzugefügt');
    expect(say({ type: 'added', userIds: ['leo', 'sam'] }, 'maya', 'maya')).toBe('Du hast Leo und Sam hinzugefügt');
    expect(say({ type: 'renamed', title: 'Launch' }, 'leo', 'maya')).toBe('Leo hat die Gruppe in „Launch“ umbenannt');
  });
});
