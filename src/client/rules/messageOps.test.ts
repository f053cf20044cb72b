import { describe, expect, it } from 'vitest';
import { ChatError } from '../../transport';
import type { MessageRow, OperationRow, OutboxState, SendRow } from '../db/clientDb';
import { type MessageState, type NewOperation, type OperationPlan, planOperation, reactionViews, stateOf, withQueuedOps } from './messageOps';

const ME = 'me';
const AT = '2026-03-01T10:00:00.000Z';
let order = 0;

function message(extra: Partial<MessageRow> = {}): MessageRow {
  return { senderId: ME, clientId: 'k', id: 'm1', conversationId: 'c', body: 'hello', createdAt: AT, seq: 1, sortKey: 1, status: 'sent', error: null, ...extra };
}

const target = { clientId: 'x', conversationId: 'c', createdAt: AT, targetSenderId: ME, targetClientId: 'k' };
const edit = (body: string, state: OutboxState = 'queued', createdAt = AT): OperationRow => ({ ...target, order: ++order, clientId: `op${order}`, state, createdAt, kind: 'edit', body });
const del = (state: OutboxState = 'queued'): OperationRow => ({ ...target, order: ++order, clientId: `op${order}`, state, kind: 'delete' });
const react = (emoji: string, on: boolean, state: OutboxState = 'queued'): OperationRow => ({ ...target, order: ++order, clientId: `op${order}`, state, kind: 'react', emoji, on });
const send = (state: OutboxState): SendRow => ({ order: ++order, clientId: 'k', conversationId: 'c', body: 'hello', state, createdAt: AT });

const base: MessageState = { body: 'hello', editedAt: null, deleted: false, reactions: [{ emoji: '👍', userIds: ['ann'] }] };

describe('stateOf', () => {
  it('keeps no body of a deleted message', () => {
    expect(stateOf(message({ body: 'left over', deletedAt: AT }))).toEqual({ body: '', editedAt: null, deleted: true, reactions: [] });
    expect(stateOf(message({ editedAt: AT, reactions: [{ emoji: '🙏', userIds: ['ann'] }] }))).toEqual({
      body: 'hello',
      editedAt: AT,
      deleted: false,
      reactions: [{ emoji: '🙏', userIds: ['ann'] }],
    });
  });
});

describe('withQueuedOps', () => {
  const later = '2026-03-01T10:05:00.000Z';
  it.each<[string, OperationRow[], MessageState]>([
    ['nothing queued', [], base],
    ['an edit', [edit('fixed', 'queued', later)], { ...base, body: 'fixed', editedAt: later }],
    ['an edit to the same body changes nothing', [edit('hello')], base],
    ['two edits: the last', [edit('one'), edit('two', 'sending', later)], { ...base, body: 'two', editedAt: later }],
    ['a delete', [del()], { body: '', editedAt: null, deleted: true, reactions: [] }],
    ['nothing after a delete', [del(), edit('too late'), react('❤️', true)], { body: '', editedAt: null, deleted: true, reactions: [] }],
    ['my reaction joins others on the same emoji', [react('👍', true)], { ...base, reactions: [{ emoji: '👍', userIds: ['ann', ME] }] }],
    ['a new emoji goes last', [react('❤️', true)], { ...base, reactions: [{ emoji: '👍', userIds: ['ann'] }, { emoji: '❤️', userIds: [ME] }] }],
    ['on then off', [react('❤️', true), react('❤️', false)], base],
    ['off of one I never put there', [react('👍', false)], base],
    ['on twice (its answer came already)', [react('❤️', true), react('❤️', true)], { ...base, reactions: [{ emoji: '👍', userIds: ['ann'] }, { emoji: '❤️', userIds: [ME] }] }],
  ])('%s', (_, ops, expected) => {
    expect(withQueuedOps(base, ops, ME)).toEqual(expected);
  });

  it('takes the emoji away when I was the last on it', () => {
    const mine: MessageState = { ...base, reactions: [{ emoji: '🙏', userIds: [ME] }, ...base.reactions] };
    expect(withQueuedOps(mine, [react('🙏', false)], ME).reactions).toEqual(base.reactions);
  });
});

describe('reactionViews', () => {
  it('counts, marks mine and lists who', () => {
    expect(reactionViews([{ emoji: '👍', userIds: ['ann', ME] }, { emoji: '❤️', userIds: ['bo'] }], ME)).toEqual([
      { emoji: '👍', count: 2, mine: true, userIds: ['ann', ME] },
      { emoji: '❤️', count: 1, mine: false, userIds: ['bo'] },
    ]);
  });
});

describe('planOperation', () => {
  const plan = (op: NewOperation, opts: { message?: Partial<MessageRow>; send?: SendRow; ops?: OperationRow[] } = {}): OperationPlan =>
    planOperation({ message: message(opts.message), send: opts.send, ops: opts.ops ?? [] }, ME, op);
  const refused = (op: NewOperation, opts: Parameters<typeof plan>[1], code: ChatError['code']) => {
    let thrown: unknown = null;
    try {
      plan(op, opts);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChatError);
    expect((thrown as ChatError).code).toBe(code);
  };

  describe('edit', () => {
    it('of a sent message is queued', () => expect(plan({ kind: 'edit', body: 'new' })).toEqual({ type: 'queue', drop: [] }));
    it('to the same body does nothing', () => expect(plan({ kind: 'edit', body: 'hello' })).toEqual({ type: 'nothing' }));
    it('of a message whose send is not handed over yet rewrites the send', () =>
      expect(plan({ kind: 'edit', body: 'new' }, { message: { seq: null }, send: send('queued') })).toEqual({ type: 'rewriteSend', body: 'new' }));
    it('of a failed message rewrites the send (to be tried again)', () =>
      expect(plan({ kind: 'edit', body: 'new' }, { message: { seq: null }, send: send('failed') })).toEqual({ type: 'rewriteSend', body: 'new' }));
    it('of a message on its way is queued behind its send', () =>
      expect(plan({ kind: 'edit', body: 'new' }, { message: { seq: null }, send: send('sending') })).toEqual({ type: 'queue', drop: [] }));
    it('replaces an edit still queued', () => {
      const first = edit('first');
      expect(plan({ kind: 'edit', body: 'second' }, { ops: [first] })).toEqual({ type: 'queue', drop: [first.order] });
    });
    it('does not replace an edit the server may have', () => {
      const first = edit('first', 'sending');
      expect(plan({ kind: 'edit', body: 'second' }, { ops: [first] })).toEqual({ type: 'queue', drop: [] });
    });
    it('compares with the body as queued', () => expect(plan({ kind: 'edit', body: 'first' }, { ops: [edit('first', 'sending')] })).toEqual({ type: 'nothing' }));
    it("of someone else's message is refused", () => refused({ kind: 'edit', body: 'x' }, { message: { senderId: 'ann' } }, 'FORBIDDEN'));
    it('of a deleted message is refused', () => refused({ kind: 'edit', body: 'x' }, { message: { deletedAt: AT } }, 'INVALID_INPUT'));
    it('of a message with a delete queued is refused', () => refused({ kind: 'edit', body: 'x' }, { ops: [del()] }, 'INVALID_INPUT'));
    it('of a group event is refused', () =>
      refused({ kind: 'edit', body: 'x' }, { message: { system: { type: 'renamed', title: 'G' } } }, 'INVALID_INPUT'));
  });

  describe('delete', () => {
    it('of a sent message is queued, dropping what is queued on it, sent or not', () => {
      const ops = [edit('a', 'sending'), react('👍', true), edit('b')];
      expect(plan({ kind: 'delete' }, { ops })).toEqual({ type: 'queue', drop: ops.map((o) => o.order) });
    });
    it('of a message not handed over yet drops it', () => expect(plan({ kind: 'delete' }, { message: { seq: null }, send: send('queued') })).toEqual({ type: 'dropMessage' }));
    it('of a failed message drops it', () => expect(plan({ kind: 'delete' }, { message: { seq: null }, send: send('failed') })).toEqual({ type: 'dropMessage' }));
    it('of a message on its way is queued behind it', () =>
      expect(plan({ kind: 'delete' }, { message: { seq: null }, send: send('sending') })).toEqual({ type: 'queue', drop: [] }));
    it('again does nothing', () => {
      expect(plan({ kind: 'delete' }, { message: { deletedAt: AT } })).toEqual({ type: 'nothing' });
      expect(plan({ kind: 'delete' }, { ops: [del('sending')] })).toEqual({ type: 'nothing' });
    });
    it("of someone else's message is refused", () => refused({ kind: 'delete' }, { message: { senderId: 'ann' } }, 'FORBIDDEN'));
  });

  describe('react', () => {
    const others = { senderId: 'ann', reactions: [{ emoji: '👍', userIds: ['ann'] }] };
    it("on anyone's message is queued", () => expect(plan({ kind: 'react', emoji: '👍', on: true }, { message: others })).toEqual({ type: 'queue', drop: [] }));
    it('that is so already does nothing', () => {
      expect(plan({ kind: 'react', emoji: '👍', on: false }, { message: others })).toEqual({ type: 'nothing' });
      expect(plan({ kind: 'react', emoji: '👍', on: true }, { message: others, ops: [react('👍', true, 'sending')] })).toEqual({ type: 'nothing' });
    });
    it('off while its on is still queued cancels both', () => {
      const on = react('❤️', true);
      expect(plan({ kind: 'react', emoji: '❤️', on: false }, { message: others, ops: [on] })).toEqual({ type: 'cancel', drop: [on.order] });
    });
    it('off while its on is still queued, but the server has mine already (another device), is queued: the tap takes it off', () => {
      const on = react('❤️', true);
      const mineElsewhere = { senderId: 'ann', reactions: [{ emoji: '❤️', userIds: [ME] }] };
      expect(plan({ kind: 'react', emoji: '❤️', on: false }, { message: mineElsewhere, ops: [on] })).toEqual({ type: 'queue', drop: [] });
    });
    it('off while its on is on its way is queued', () =>
      expect(plan({ kind: 'react', emoji: '❤️', on: false }, { message: others, ops: [react('❤️', true, 'sending')] })).toEqual({ type: 'queue', drop: [] }));
    it('on my message on its way waits behind its send', () =>
      expect(plan({ kind: 'react', emoji: '👍', on: true }, { message: { seq: null }, send: send('sending') })).toEqual({ type: 'queue', drop: [] }));
    it('on a failed message is refused', () => refused({ kind: 'react', emoji: '👍', on: true }, { message: { seq: null }, send: send('failed') }, 'INVALID_INPUT'));
    it('on a deleted message is refused', () => refused({ kind: 'react', emoji: '👍', on: true }, { message: { ...others, deletedAt: AT } }, 'INVALID_INPUT'));
    it('a 21st emoji is refused, joining one of the 20 is not', () => {
      const twenty = Array.from({ length: 20 }, (_, i) => ({ emoji: `e${i}`, userIds: ['ann'] }));
      refused({ kind: 'react', emoji: '👍', on: true }, { message: { reactions: twenty } }, 'INVALID_INPUT');
      expect(plan({ kind: 'react', emoji: 'e3', on: true }, { message: { reactions: twenty } })).toEqual({ type: 'queue', drop: [] });
    });
  });
});
