import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationMember } from '../../transport';
import type { ConversationRow } from '../db/clientDb';
import { mergeConversation, mergeMembers } from './merge';

const member = (userId: string, readSeq = 0, extra: Partial<ConversationMember> = {}): ConversationMember => ({ userId, deliveredSeq: readSeq, readSeq, ...extra });

function group(members: ConversationMember[], title = 'Design', lastSeq = 5): Conversation {
  return { id: 'g', kind: 'group', members, createdAt: '2026-01-01T00:00:00.000Z', lastSeq, group: { title, visibility: 'private', createdBy: 'maya' } };
}

function row(conversation: Conversation, extra: Partial<ConversationRow> = {}): ConversationRow {
  return { ...conversation, localReadSeq: 0, localDeliveredSeq: 0, ...extra };
}

describe('mergeMembers', () => {
  it('keeps a role and joinedSeq, markers by max', () => {
    const merged = mergeMembers([member('leo', 4, { role: 'member', joinedSeq: 2 })], [member('leo', 3, { role: 'owner', joinedSeq: 2 })]);
    expect(merged).toEqual([member('leo', 4, { role: 'owner', joinedSeq: 2 })]);
  });
});

describe('mergeConversation for a group', () => {
  const before = row(group([member('maya', 3, { role: 'owner' }), member('leo', 2), member('me', 5)]), { groupRev: 10 });

  it('takes the members of a newer change: someone removed is gone, markers do not go back', () => {
    const merged = mergeConversation(before, group([member('maya', 1, { role: 'owner' }), member('me', 5)], 'Launch', 6), 11, 'me');
    expect(merged.members.map((m) => [m.userId, m.readSeq])).toEqual([
      ['maya', 3],
      ['me', 5],
    ]);
    expect(merged.group?.title).toBe('Launch');
    expect(merged.groupRev).toBe(11);
  });

  it('does not let an older change bring a removed member back or undo a rename', () => {
    const current = mergeConversation(before, group([member('maya', 3, { role: 'owner' }), member('me', 5)], 'Launch', 6), 11, 'me');
    const late = mergeConversation(current, group([member('maya', 4, { role: 'owner' }), member('leo', 2), member('me', 5)], 'Design', 5), 10, 'me');
    expect(late.members.map((m) => [m.userId, m.readSeq])).toEqual([
      ['maya', 4],
      ['me', 5],
    ]);
    expect(late.group?.title).toBe('Launch');
  });

  it('takes an answer or a summary (rev 0) as current', () => {
    const merged = mergeConversation(before, group([member('maya', 3, { role: 'owner' }), member('me', 5)]), 0, 'me');
    expect(merged.members.map((m) => m.userId)).toEqual(['maya', 'me']);
  });

  it('once I am out, leaves nothing unread and keeps the history', () => {
    const merged = mergeConversation(before, group([member('maya', 3, { role: 'owner' }), member('leo', 2)], 'Design', 7), 12, 'me');
    expect(merged.members.some((m) => m.userId === 'me')).toBe(false);
    expect(merged.localReadSeq).toBe(7);
    expect(merged.lastSeq).toBe(7);
  });

  it('fills a stub known only from a message', () => {
    const stub: ConversationRow = { id: 'g', kind: 'direct', members: [], createdAt: '2026-01-01T00:00:00.000Z', lastSeq: 3, localReadSeq: 0, localDeliveredSeq: 0 };
    const merged = mergeConversation(stub, group([member('maya', 0, { role: 'owner' }), member('me')]), 4, 'me');
    expect(merged.kind).toBe('group');
    expect(merged.group?.title).toBe('Design');
    expect(merged.lastSeq).toBe(5);
  });
});
