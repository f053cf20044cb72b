import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationMember, Message } from '../../transport';
import type { ConversationRow, MessageRow } from '../db/clientDb';
import { mergeConversation, mergeMembers, mergeMessage } from './merge';

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

describe('mergeMessage: edits, deletes and reactions', () => {
  const sent: Message = { id: 'm1', clientId: 'k1', conversationId: 'c', senderId: 'ann', body: 'hello', createdAt: '2026-01-01T00:00:00.000Z', seq: 1, status: 'sent' };
  const edited: Message = { ...sent, body: 'hello!', editedAt: '2026-01-01T00:01:00.000Z', updateRev: 7 };
  const reacted: Message = { ...edited, reactions: [{ emoji: '👍', userIds: ['me'] }], updateRev: 9 };
  const deleted: Message = { ...sent, body: '', editedAt: edited.editedAt, deletedAt: '2026-01-01T00:02:00.000Z', updateRev: 12 };
  const states = [sent, edited, reacted, deleted];
  const merged = (order: readonly Message[]) => order.reduce<MessageRow | undefined>((row, message) => mergeMessage(row, message, []), undefined)!;

  it.each([
    ['in order', [sent, edited, reacted]],
    ['a late older state', [reacted, edited, sent]],
    ['replayed', [edited, reacted, edited, reacted, sent]],
  ])('keeps the state with the highest updateRev: %s', (_, order) => {
    expect(merged(order)).toMatchObject({ body: 'hello!', editedAt: edited.editedAt, reactions: reacted.reactions, updateRev: 9 });
  });

  it('ends the same whatever the order', () => {
    const expected = merged(states);
    for (const order of [[...states].reverse(), [edited, deleted, sent, reacted], [deleted, deleted, reacted]]) expect(merged(order)).toEqual(expected);
    expect(expected).toMatchObject({ body: '', deletedAt: deleted.deletedAt, updateRev: 12 });
    expect(expected.reactions).toBeUndefined();
  });

  it('keeps a reply its quote, and my last refusal', () => {
    const row = mergeMessage({ ...mergeMessage(undefined, { ...sent, replyToSeq: 3 }, []), actionError: { action: 'react', code: 'INVALID_INPUT', message: 'no' } }, edited, []);
    expect(row.actionError?.action).toBe('react');
    expect(mergeMessage(undefined, { ...sent, replyToSeq: 3 }, []).replyToSeq).toBe(3);
  });
});
