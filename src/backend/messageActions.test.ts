import { describe, expect, it } from 'vitest';
import { LIMITS } from '../protocol/limits';
import type { Message, Reaction } from '../transport/types';
import { applyRevision, planDelete, planEdit, planReaction, revisionOf } from './messageActions';

const SENT = '2025-01-01T10:00:00.000Z';
const LATER = '2025-01-01T11:00:00.000Z';
const LATEST = '2025-01-01T12:00:00.000Z';

function message(fields: Partial<Message> = {}): Message {
  return { id: 'm1', conversationId: 'c', senderId: 'ann', clientId: 'client-1', body: 'helo', createdAt: SENT, seq: 3, status: 'sent', ...fields };
}

const entry = message({ senderId: 'ann', body: 'Ann renamed the group', system: { type: 'renamed', title: 'Launch' } });
const deleted = message({ body: '', deletedAt: LATER });
const reacted = message({ reactions: [{ emoji: '👍', userIds: ['ben'] }] });
/** LIMITS.reactionsPerMessageMax distinct emoji, each from ben. */
const full: Reaction[] = Array.from({ length: LIMITS.reactionsPerMessageMax }, (_, i) => ({ emoji: String.fromCodePoint(0x1f600 + i), userIds: ['ben'] }));

describe('message actions: refusals', () => {
  const refusals: [name: string, decide: () => unknown, code: string, field?: string][] = [
    ['someone else edits', () => planEdit(message(), 'ben', 'hello', LATER), 'FORBIDDEN'],
    ['someone else deletes', () => planDelete(message(), 'ben', LATER), 'FORBIDDEN'],
    ['someone else deletes a deleted message', () => planDelete(deleted, 'ben', LATEST), 'FORBIDDEN'],
    ['a system entry is edited, by its actor too', () => planEdit(entry, 'ann', 'Ann did nothing', LATER), 'INVALID_INPUT', 'seq'],
    ['a system entry is deleted', () => planDelete(entry, 'ann', LATER), 'INVALID_INPUT', 'seq'],
    ['a system entry is reacted to', () => planReaction(entry, 'ben', '👍', true), 'INVALID_INPUT', 'seq'],
    ['a reaction on a system entry is taken back', () => planReaction(entry, 'ben', '👍', false), 'INVALID_INPUT', 'seq'],
    ['a deleted message is edited', () => planEdit(deleted, 'ann', 'back again', LATEST), 'INVALID_INPUT', 'seq'],
    ['a deleted message is reacted to', () => planReaction(deleted, 'ben', '👍', true), 'INVALID_INPUT', 'seq'],
    ['a reaction on a deleted message is taken back', () => planReaction(deleted, 'ben', '👍', false), 'INVALID_INPUT', 'seq'],
    ['a 21st distinct emoji is added', () => planReaction(message({ reactions: full }), 'ann', '🙏', true), 'INVALID_INPUT', 'emoji'],
  ];
  it.each(refusals)('refuses when %s', (_name, decide, code, field) => {
    expect(decide).toThrow(expect.objectContaining({ code, ...(field ? { details: { field } } : {}) }));
  });
});

describe('message actions: edit', () => {
  it('the author gives a new body: editedAt set, seq, reactions and everything else kept', () => {
    expect(planEdit(reacted, 'ann', 'hello', LATER)).toEqual({ body: 'hello', editedAt: LATER, deletedAt: null, reactions: [{ emoji: '👍', userIds: ['ben'] }] });
  });

  it('a second edit moves editedAt on', () => {
    expect(planEdit(message({ body: 'hello', editedAt: LATER }), 'ann', 'hello!', LATEST)).toMatchObject({ body: 'hello!', editedAt: LATEST });
  });

  it('the same body changes nothing: no "edited" for a no-op', () => {
    expect(planEdit(message(), 'ann', 'helo', LATER)).toBeNull();
    expect(planEdit(message({ editedAt: LATER }), 'ann', 'helo', LATEST)).toBeNull();
  });
});

describe('message actions: delete', () => {
  it('the author takes it back: the body and the reactions go, deletedAt is set, editedAt stays', () => {
    expect(planDelete(message({ editedAt: LATER, reactions: [{ emoji: '👍', userIds: ['ben'] }] }), 'ann', LATEST)).toEqual({
      body: '',
      editedAt: LATER,
      deletedAt: LATEST,
      reactions: [],
    });
  });

  it('deleting again changes nothing (the first time stays the time)', () => {
    expect(planDelete(deleted, 'ann', LATEST)).toBeNull();
  });
});

describe('message actions: reactions', () => {
  const cases: [name: string, reactions: Reaction[] | undefined, userId: string, emoji: string, on: boolean, expected: Reaction[] | null][] = [
    ['the first reaction', undefined, 'ben', '👍', true, [{ emoji: '👍', userIds: ['ben'] }]],
    ['another person joins an emoji, after those already there', [{ emoji: '👍', userIds: ['ben'] }], 'cat', '👍', true, [{ emoji: '👍', userIds: ['ben', 'cat'] }]],
    ['a new emoji goes after the ones first used earlier', [{ emoji: '👍', userIds: ['ben'] }], 'ben', '❤️', true, [{ emoji: '👍', userIds: ['ben'] }, { emoji: '❤️', userIds: ['ben'] }]],
    ['adding mine again changes nothing: one per person and emoji', [{ emoji: '👍', userIds: ['ben'] }], 'ben', '👍', true, null],
    ['taking back what is not there changes nothing', [{ emoji: '👍', userIds: ['ben'] }], 'cat', '👍', false, null],
    ['taking back an emoji nobody used changes nothing', undefined, 'ben', '👍', false, null],
    ['taking back mine keeps the others, in order', [{ emoji: '👍', userIds: ['ben', 'cat', 'dan'] }], 'cat', '👍', false, [{ emoji: '👍', userIds: ['ben', 'dan'] }]],
    [
      'the last person taking back removes the emoji, the others keep their order',
      [{ emoji: '👍', userIds: ['ben'] }, { emoji: '❤️', userIds: ['cat'] }, { emoji: '😂', userIds: ['ben'] }],
      'cat',
      '❤️',
      false,
      [{ emoji: '👍', userIds: ['ben'] }, { emoji: '😂', userIds: ['ben'] }],
    ],
    ['a different skin tone is a different emoji', [{ emoji: '👍', userIds: ['ben'] }], 'ben', '👍🏽', true, [{ emoji: '👍', userIds: ['ben'] }, { emoji: '👍🏽', userIds: ['ben'] }]],
    ['the author may react to their own message', undefined, 'ann', '😂', true, [{ emoji: '😂', userIds: ['ann'] }]],
    ['at the limit, joining an emoji already there works', full, 'ann', full[5]!.emoji, true, full.map((r, i) => (i === 5 ? { ...r, userIds: ['ben', 'ann'] } : r))],
    ['at the limit, taking one back works', full, 'ben', full[0]!.emoji, false, full.slice(1)],
  ];
  it.each(cases)('%s', (_name, reactions, userId, emoji, on, expected) => {
    const target = message(reactions ? { reactions } : {});
    const before = structuredClone(target);
    const plan = planReaction(target, userId, emoji, on);
    expect(plan).toEqual(expected === null ? null : { body: 'helo', editedAt: null, deletedAt: null, reactions: expected });
    // Pure: the message as given is not touched.
    expect(target).toEqual(before);
  });

  it('a reaction keeps an edit', () => {
    expect(planReaction(message({ body: 'hello', editedAt: LATER }), 'ben', '👍', true)).toMatchObject({ body: 'hello', editedAt: LATER });
  });

  it('toggling on, on, off, off ends where it began', () => {
    let current = message();
    for (const on of [true, true, false, false]) {
      const plan = planReaction(current, 'ben', '👍', on);
      if (plan) {
        current = structuredClone(current);
        applyRevision(current, plan);
      }
    }
    expect(current).toEqual(message());
  });
});

describe('applyRevision and revisionOf', () => {
  it('a message never revised reads as no edit, no delete, no reactions', () => {
    expect(revisionOf(message())).toEqual({ body: 'helo', editedAt: null, deletedAt: null, reactions: [] });
  });

  it('writes a revision over the message, present fields only, as a message never revised has them', () => {
    const target = message({ reactions: [{ emoji: '👍', userIds: ['ben'] }] });
    applyRevision(target, { body: '', editedAt: LATER, deletedAt: LATEST, reactions: [] });
    expect(target).toEqual({ ...message(), body: '', editedAt: LATER, deletedAt: LATEST });
    expect('reactions' in target).toBe(false);
    applyRevision(target, { body: 'x', editedAt: null, deletedAt: null, reactions: [] });
    expect(target).toEqual({ ...message(), body: 'x' });
  });

  it('keeps a copy of the reactions, not the revision’s own array', () => {
    const reactions: Reaction[] = [{ emoji: '👍', userIds: ['ben'] }];
    const target = message();
    applyRevision(target, { body: 'helo', editedAt: null, deletedAt: null, reactions });
    reactions[0]!.userIds.push('cat');
    expect(target.reactions).toEqual([{ emoji: '👍', userIds: ['ben'] }]);
  });
});
