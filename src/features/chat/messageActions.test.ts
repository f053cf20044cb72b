import { describe, expect, it } from 'vitest';
import { LIMITS, type MessageView, type ReactionView } from '../../client';
import { availableActions, canAddReaction, firstLine, lastEditable, quoteLine, reactedWith, reactionLabel, whoReacted } from './messageActions';
import { messageView } from '../../../tests/support/messageView';

const message = messageView;

const NAMES: Record<string, string> = { maya: 'Maya', leo: 'Leo', ann: 'Ann', bo: 'Bo', cy: 'Cy', di: 'Di', ed: 'Ed', fay: 'Fay' };
const nameOf = (id: string) => NAMES[id] ?? 'Someone';
const reaction = (userIds: string[], mine = userIds.includes('me')): ReactionView => ({ emoji: '👍', count: userIds.length, mine, userIds });

describe('availableActions', () => {
  const all = { reply: true, react: true, edit: true, remove: true, copy: true, info: false };
  it.each<[string, Partial<MessageView>, boolean, ReturnType<typeof availableActions>]>([
    ['my sent message', {}, false, all],
    ['my sent message in a group: Message info too', {}, true, { ...all, info: true }],
    ['their message: no edit, delete or info', { mine: false, senderId: 'maya' }, true, { ...all, edit: false, remove: false }],
    ['my message on its way: edit and delete, no reply or reaction yet', { seq: null, id: null, status: 'pending' }, true, { reply: false, react: false, edit: true, remove: true, copy: true, info: false }],
    ['my failed message: only copy (it has Retry and Delete of its own)', { seq: null, id: null, status: 'failed' }, true, { reply: false, react: false, edit: false, remove: false, copy: true, info: false }],
    ['a deleted message: nothing', { deleted: true, body: '' }, true, null],
    ['a system entry: nothing', { system: { type: 'joined' } }, true, null],
  ])('%s', (_, overrides, canInfo, expected) => {
    expect(availableActions(message(overrides), { canInfo })).toEqual(expected);
  });
});

describe('lastEditable', () => {
  it('is my newest message that is neither deleted, failed nor a system entry', () => {
    const list = [
      message({ clientId: 'a' }),
      message({ clientId: 'b', deleted: true, body: '' }),
      message({ clientId: 'c', status: 'failed', seq: null }),
      message({ clientId: 'd', mine: false, senderId: 'maya' }),
    ];
    expect(lastEditable(list)?.clientId).toBe('a');
    expect(lastEditable([...list, message({ clientId: 'e', status: 'pending', seq: null })])?.clientId).toBe('e');
    expect(lastEditable(list.slice(1))).toBeNull();
  });
});

describe('reactions', () => {
  it('lets an emoji already there be toggled at the limit, but no new one', () => {
    const full = message({ reactions: Array.from({ length: LIMITS.reactionsPerMessageMax }, (_, i) => ({ emoji: String.fromCodePoint(0x1f600 + i), count: 1, mine: false, userIds: ['maya'] })) });
    expect(canAddReaction(full, '😀')).toBe(true);
    expect(canAddReaction(full, '🙏')).toBe(false);
    expect(canAddReaction(message(), '🙏')).toBe(true);
  });

  it('knows which are mine', () => {
    const m = message({ reactions: [reaction(['maya', 'me']), { ...reaction(['maya']), emoji: '❤️' }] });
    expect(reactedWith(m, '👍')).toBe(true);
    expect(reactedWith(m, '❤️')).toBe(false);
    expect(reactedWith(m, '😂')).toBe(false);
  });

  it.each<[string, ReactionView, string]>([
    ['someone', reaction(['maya']), 'Maya'],
    ['only me', reaction(['me']), 'You'],
    ['someone and me, me last whatever the order', reaction(['me', 'maya']), 'Maya and you'],
    ['three', reaction(['maya', 'leo', 'ann']), 'Maya, Leo, and Ann'],
    ['many: six named and the rest counted', reaction(['maya', 'leo', 'ann', 'bo', 'cy', 'di', 'ed', 'fay', 'me']), 'Maya, Leo, Ann, Bo, Cy, Di, 2 others, and you'],
    ['one more than named', reaction(['maya', 'leo', 'ann', 'bo', 'cy', 'di', 'ed']), 'Maya, Leo, Ann, Bo, Cy, Di, and 1 other'],
    ['a count above the names known', { emoji: '👍', count: 5, mine: false, userIds: ['maya', 'leo'] }, 'Maya, Leo, and 3 others'],
  ])('says who reacted: %s', (_, r, expected) => {
    expect(whoReacted(r, nameOf, 'me')).toBe(expected);
  });

  it('names a chip by its emoji, count and who', () => {
    expect(reactionLabel(reaction(['maya', 'me']), nameOf, 'me')).toBe('👍 2: Maya and you');
  });
});

describe('quotes', () => {
  it.each([
    ['  first\nsecond ', 'first'],
    ['one line', 'one line'],
    ['x'.repeat(250), `${'x'.repeat(200)}…`],
  ])('takes the first line of %j', (body, expected) => {
    expect(firstLine(body)).toBe(expected);
  });

  it.each([
    [{ seq: 3, available: true, senderId: 'maya', body: 'Lunch?\nAt noon', deleted: false }, { text: 'Lunch?', missing: false }],
    [{ seq: 3, available: true, senderId: 'maya', body: '', deleted: true }, { text: 'Original message was deleted', missing: true }],
    [{ seq: 3, available: false, senderId: null, body: '', deleted: false }, { text: 'Message', missing: true }],
  ])('puts a reply quote in words: %j', (quote, expected) => {
    expect(quoteLine(quote)).toEqual(expected);
  });
});
