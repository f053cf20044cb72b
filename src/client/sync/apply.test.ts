import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, Message } from '../../transport';
import { type ClientDb, deleteClientDb, openClientDb } from '../db/clientDb';
import { applyChanges, followedCursor, readCursor } from './apply';

const ME = 'me';
const PEER = 'peer';
let db: ClientDb;

const conversation = (lastSeq = 0): Change => ({
  type: 'conversation',
  rev: 1,
  conversation: {
    id: 'c',
    kind: 'direct',
    createdAt: '2026-01-01T00:00:00.000Z',
    lastSeq,
    members: [
      { userId: ME, deliveredSeq: 0, readSeq: 0 },
      { userId: PEER, deliveredSeq: 0, readSeq: 0 },
    ],
  },
});

const message = (seq: number, senderId = seq % 2 ? PEER : ME): Change => {
  const m: Message = { id: `m${seq}`, clientId: `client-${seq}`, conversationId: 'c', senderId, body: `#${seq}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), seq, status: 'sent' };
  return { type: 'message', rev: seq + 1, message: m };
};

const receipt = (rev: number, userId: string, kind: 'delivered' | 'read', uptoSeq: number): Change => ({ type: 'receipt', rev, conversationId: 'c', userId, kind, uptoSeq });

async function snapshot() {
  return { messages: await db.messages.orderBy('[conversationId+sortKey]').toArray(), conversation: await db.conversations.get('c'), cursor: await readCursor(db) };
}

beforeEach(() => {
  db = openClientDb(`apply-${Math.random()}`);
});

afterEach(async () => {
  db.close();
  await deleteClientDb(db.name.replace('violetchat-client-', ''));
});

describe('applyChanges', () => {
  it('applies a full catch-up page in one transaction, cursor included', async () => {
    const changes = [conversation(), ...Array.from({ length: 500 }, (_, i) => message(i + 1))];
    for (let i = 0; i < 300; i++) changes.push(receipt(1000 + i, PEER, 'delivered', 1));
    changes.push(receipt(2000, PEER, 'read', 500));
    await applyChanges(db, ME, changes, { cursor: 2000 });
    const { messages, cursor } = await snapshot();
    expect(messages).toHaveLength(500);
    expect(new Set(messages.map((m) => m.status))).toEqual(new Set(['read', 'sent']));
    expect(messages.filter((m) => m.senderId === ME).every((m) => m.status === 'read')).toBe(true);
    expect(cursor).toBe(2000);
  });

  it('ends in the same state whatever the order and however often changes arrive', async () => {
    const changes = [conversation(), message(1), message(2), receipt(10, PEER, 'delivered', 2), message(3), receipt(11, PEER, 'read', 2), receipt(12, ME, 'read', 3)];
    await applyChanges(db, ME, changes);
    const inOrder = await snapshot();
    await db.messages.clear();
    await db.conversations.clear();
    for (const change of [...changes].reverse()) await applyChanges(db, ME, [change]);
    await applyChanges(db, ME, changes);
    expect(await snapshot()).toEqual(inOrder);
    expect(inOrder.messages.map((m) => [m.seq, m.status])).toEqual([
      [1, 'read'],
      [2, 'read'],
      [3, 'read'],
    ]);
  });

  it('flags a seq gap in live changes only', async () => {
    await applyChanges(db, ME, [conversation(), message(1)]);
    expect((await applyChanges(db, ME, [message(2)], { detectGaps: true })).gap).toBe(false);
    expect((await applyChanges(db, ME, [message(5)], { detectGaps: true })).gap).toBe(true);
    expect((await applyChanges(db, ME, [message(9)])).gap).toBe(false);
  });

  describe('messageUpdate', () => {
    const update = (seq: number, rev: number, extra: Partial<Message>): Change => {
      const { message: m } = message(seq) as Extract<Change, { type: 'message' }>;
      return { type: 'messageUpdate', rev, message: { ...m, ...extra, updateRev: rev } };
    };

    it('is not news: nothing delivered, no gap for a message held; a newer one the cache lacks shows one', async () => {
      await applyChanges(db, ME, [conversation(), message(1), message(2), message(3)]);
      const edited = await applyChanges(db, ME, [update(1, 20, { body: 'edited', editedAt: '2026-01-01T01:00:00.000Z' })], { detectGaps: true });
      expect(edited).toEqual({ received: new Map(), gap: false, unknownConversation: false });
      expect((await applyChanges(db, ME, [update(5, 21, { reactions: [{ emoji: '👍', userIds: [ME] }] })], { detectGaps: true })).gap).toBe(true);
      const { messages } = await snapshot();
      expect(messages.map((m) => [m.seq, m.body, m.updateRev ?? null])).toEqual([
        [1, 'edited', 20],
        [2, '#2', null],
        [3, '#3', null],
        [5, '#5', 21],
      ]);
    });

    it('ends in the same state whatever the order, with messages, history and updates mixed', async () => {
      const changes = [
        conversation(),
        message(1),
        update(1, 10, { body: 'v2', editedAt: '2026-01-01T01:00:00.000Z' }),
        update(1, 11, { body: 'v2', editedAt: '2026-01-01T01:00:00.000Z', reactions: [{ emoji: '👍', userIds: [PEER] }] }),
        update(1, 12, { body: '', editedAt: '2026-01-01T01:00:00.000Z', deletedAt: '2026-01-01T02:00:00.000Z' }),
        message(2),
        update(2, 13, { reactions: [{ emoji: '🙏', userIds: [ME] }] }),
      ];
      await applyChanges(db, ME, changes);
      const inOrder = await snapshot();
      await db.messages.clear();
      await db.conversations.clear();
      for (const change of [...changes].reverse()) await applyChanges(db, ME, [change]);
      await applyChanges(db, ME, changes.slice(2, 4));
      expect(await snapshot()).toEqual(inOrder);
      expect(inOrder.messages.map((m) => [m.body, m.deletedAt !== undefined, m.reactions ?? []])).toEqual([
        ['', true, []],
        ['#2', false, [{ emoji: '🙏', userIds: [ME] }]],
      ]);
    });
  });

  it('never moves the cursor back', async () => {
    await applyChanges(db, ME, [conversation()], { cursor: 40 });
    await applyChanges(db, ME, [], { cursor: 30 });
    expect(await readCursor(db)).toBe(40);
  });
});

describe('followedCursor', () => {
  const revs = (...values: number[]): Change[] => values.map((rev) => receipt(rev, PEER, 'delivered', 1));
  const table: [cursor: number, changes: Change[], expected: number][] = [
    [4, revs(5), 5],
    [4, revs(5, 6, 7), 7],
    [4, revs(7, 6, 5), 7],
    [4, revs(6), 4],
    [4, revs(5, 7), 5],
    [4, revs(3, 4), 4],
    [4, [], 4],
  ];
  it.each(table)('cursor %i -> %j', (cursor, changes, expected) => {
    expect(followedCursor(cursor, changes)).toBe(expected);
  });
});
