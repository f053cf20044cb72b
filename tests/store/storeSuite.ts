import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupEntry, MessageRevision, NewDirect, NewGroup, NewMessage, Store, UserRecord } from '../../src/backend/store';
import { planDelete, planEdit, planReaction } from '../../src/backend/messageActions';
import { newDirectConversation } from '../../src/backend/rules';
import { channelTitleKey, newGroupConversation, planAdd, planJoin, planLeave, planRemove, planRename, type GroupPlan } from '../../src/backend/groups';
import type { Conversation, Message, SystemEntry } from '../../src/transport';
import { ChatError } from '../../src/transport';
import { testService } from '../support/testService';

/** When a test's receipts are made. */
const AT = '2025-01-01T00:00:00.000Z';

export interface StoreHarness {
  store: Store;
  /** A second handle on the SAME data (another connection, tab or node), when the store has one. */
  peer?: () => Promise<Store>;
  /**
   * Everything the store keeps, read around it as text (every row of every
   * table, or the memory store's insides): a deleted body must be nowhere in it.
   */
  storedText(): Promise<string>;
  close(): Promise<void>;
}

let n = 0;
const uid = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
const now = () => new Date().toISOString();

export function userRecord(username = uid('user')): UserRecord {
  return {
    id: uid('u'),
    username: username.toLowerCase(),
    displayName: username,
    email: `${username}@example.com`,
    avatarColor: '#6d28d9',
    passwordHash: 'hash',
    createdAt: now(),
    lastSeen: null,
  };
}

export function direct(a: string, b: string): NewDirect {
  return { id: uid('c'), memberIds: [a, b], createdAt: now() };
}

export function entry(senderId: string, system: SystemEntry): GroupEntry {
  return { id: uid('e'), senderId, clientId: `system:${uid('k')}`, body: system.type, createdAt: now(), system };
}

export function newGroup(createdBy: string, memberIds: string[], visibility: 'private' | 'public' = 'private', clientId = crypto.randomUUID()): NewGroup {
  return { id: uid('g'), clientId, title: 'Launch', visibility, createdBy, memberIds, createdAt: now(), entry: entry(createdBy, { type: 'created', title: 'Launch', memberIds }) };
}

/** A store edit as the service makes it from a plan. */
function edited(actor: string, plan: (group: Conversation) => GroupPlan | null) {
  return (group: Conversation) => {
    const decided = plan(group);
    if (!decided) return null;
    return {
      entry: entry(actor, decided.system),
      ...(decided.title === undefined ? {} : { title: decided.title }),
      ...(decided.add ? { add: decided.add.map((userId) => ({ userId, role: 'member' as const })) } : {}),
      ...(decided.remove ? { remove: decided.remove } : {}),
      ...(decided.promote ? { promote: decided.promote } : {}),
    };
  };
}

export function message(conversationId: string, senderId: string, body = 'hi', clientId = crypto.randomUUID()): NewMessage {
  return { id: uid('m'), conversationId, senderId, clientId, body, createdAt: now() };
}

/**
 * The persistence contract every Store keeps (memory, Dexie, SQLite,
 * PostgreSQL): the service's guarantees rest on these.
 */
export function runStoreSuite(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    beforeAll(async () => {
      h = await factory();
    });
    afterAll(async () => {
      await h?.close();
    });

    async function twoUsersAndConversation() {
      const a = userRecord();
      const b = userRecord();
      await h.store.createUser(a);
      await h.store.createUser(b);
      const { conversation } = await h.store.getOrCreateDirect(direct(a.id, b.id));
      return { a, b, conversation };
    }

    it('creates users and finds them by id and by lower-cased username', async () => {
      const u = userRecord(uid('Finder'));
      await h.store.createUser(u);
      expect(await h.store.getUserById(u.id)).toMatchObject({ id: u.id, username: u.username, passwordHash: 'hash' });
      expect((await h.store.getUserByUsername(u.username.toUpperCase()))?.id).toBe(u.id);
      expect(await h.store.getUserById('missing')).toBeUndefined();
      expect((await h.store.listUsers()).some((x) => x.id === u.id)).toBe(true);
    });

    it('refuses a second user with the same username as USERNAME_TAKEN', async () => {
      const u = userRecord();
      await h.store.createUser(u);
      const error = await h.store.createUser({ ...userRecord(), username: u.username }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChatError);
      expect((error as ChatError).code).toBe('USERNAME_TAKEN');
    });

    it('stores lastSeen', async () => {
      const u = userRecord();
      await h.store.createUser(u);
      const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5)).toISOString();
      await h.store.setLastSeen(u.id, at);
      expect((await h.store.getUserById(u.id))?.lastSeen).toBe(at);
    });

    it('creates a direct conversation once, whichever member asks, as newDirectConversation makes it', async () => {
      const a = userRecord();
      const b = userRecord();
      await h.store.createUser(a);
      await h.store.createUser(b);
      const input = direct(b.id, a.id);
      const first = await h.store.getOrCreateDirect(input);
      const second = await h.store.getOrCreateDirect(direct(a.id, b.id));
      const created = newDirectConversation(input);
      expect(first.conversation).toEqual(created);
      expect(first.change).toMatchObject({ type: 'conversation', conversation: created });
      expect((await h.store.changesSince([created.id], 0, 10))[0]).toMatchObject({ type: 'conversation', conversation: created });
      expect(second.change).toBeNull();
      expect(second.conversation.id).toBe(first.conversation.id);
      expect((await h.store.listConversations(a.id)).map((c) => c.id)).toContain(first.conversation.id);
      expect(await h.store.getConversation(first.conversation.id)).toMatchObject({ id: first.conversation.id, lastSeq: 0 });
    });

    it('appends messages with consecutive seqs and increasing revs', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const r1 = await h.store.appendMessage(message(conversation.id, a.id, 'one'));
      const r2 = await h.store.appendMessage(message(conversation.id, b.id, 'two'));
      expect([r1.message.seq, r2.message.seq]).toEqual([1, 2]);
      expect(r1.created && r2.created).toBe(true);
      expect(r2.change!.rev).toBeGreaterThan(r1.change!.rev);
      expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(2);
    });

    it('answers whom to tell with an append: the members as it found them, in order; nobody for a retry', async () => {
      const [a, b, c] = await users(3);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id, c!.id]));
      const input = message(group.id, b!.id, 'hello');
      expect((await h.store.appendMessage(input)).recipients).toEqual([a!.id, b!.id, c!.id]);
      expect((await h.store.appendMessage({ ...input, id: uid('m') })).recipients).toEqual([]);
      await h.store.editGroup(group.id, edited(a!.id, (g) => planRemove(g, a!.id, c!.id)));
      expect((await h.store.appendMessage(message(group.id, a!.id, 'after'))).recipients).toEqual([a!.id, b!.id]);
    });

    it('refuses the retry of someone no longer in the conversation, like any send of theirs (FORBIDDEN)', async () => {
      const [a, b] = await users(2);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id]));
      const input = message(group.id, b!.id, 'sent before leaving');
      expect((await h.store.appendMessage(input)).created).toBe(true);
      await h.store.editGroup(group.id, edited(a!.id, (g) => planRemove(g, a!.id, b!.id)));
      await expect(h.store.appendMessage({ ...input, id: uid('m') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('refuses a reply to a seq the conversation does not have yet (INVALID_INPUT on replyToSeq), writing nothing', async () => {
      const { a, conversation } = await twoUsersAndConversation();
      await h.store.appendMessage(message(conversation.id, a.id, 'one'));
      const rev = await h.store.currentRev();
      const input = { ...message(conversation.id, a.id, 'to the future'), replyToSeq: 2 };
      await expect(h.store.appendMessage(input)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'replyToSeq' } });
      expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(1);
      expect(await h.store.currentRev()).toBe(rev);
      // Nothing kept under its client id either: the same id replying to seq 1 is a new message.
      expect(await h.store.appendMessage({ ...input, replyToSeq: 1 })).toMatchObject({ created: true, message: { seq: 2, replyToSeq: 1 } });
    });

    it('stores one message per (sender, clientId) and returns the first on a retry', async () => {
      const { a, conversation } = await twoUsersAndConversation();
      const input = message(conversation.id, a.id, 'once');
      const first = await h.store.appendMessage(input);
      const again = await h.store.appendMessage({ ...input, id: uid('m') });
      expect(again.created).toBe(false);
      expect(again.change).toBeNull();
      expect(again.message.id).toBe(first.message.id);
      expect(await h.store.history(conversation.id, undefined, 10)).toHaveLength(1);
    });

    // Hole 8 of issue 14: a clientId reused in another conversation answered the earlier message, from the other conversation.
    it('keeps client ids per conversation: one reused in another conversation is a new message there', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const c = userRecord();
      await h.store.createUser(c);
      const other = (await h.store.getOrCreateDirect(direct(a.id, c.id))).conversation;
      const clientId = crypto.randomUUID();
      const first = await h.store.appendMessage(message(conversation.id, a.id, 'to b', clientId));
      const elsewhere = await h.store.appendMessage(message(other.id, a.id, 'to c', clientId));
      expect(elsewhere.created).toBe(true);
      expect(elsewhere.message).toMatchObject({ conversationId: other.id, body: 'to c', seq: 1 });
      expect(elsewhere.message.id).not.toBe(first.message.id);
      // Another sender may use the same id in the same conversation; a retry of either is still one message.
      expect((await h.store.appendMessage(message(conversation.id, b.id, 'from b', clientId))).created).toBe(true);
      expect((await h.store.appendMessage(message(other.id, a.id, 'to c again', clientId))).created).toBe(false);
      expect((await h.store.history(conversation.id, undefined, 10)).map((m) => m.body)).toEqual(['from b', 'to b']);
      expect((await h.store.history(other.id, undefined, 10)).map((m) => m.body)).toEqual(['to c']);
    });

    it('pages history newest first below a seq', async () => {
      const { a, conversation } = await twoUsersAndConversation();
      for (let i = 1; i <= 7; i++) await h.store.appendMessage(message(conversation.id, a.id, `m${i}`));
      expect((await h.store.history(conversation.id, undefined, 3)).map((m) => m.seq)).toEqual([7, 6, 5]);
      expect((await h.store.history(conversation.id, 5, 3)).map((m) => m.seq)).toEqual([4, 3, 2]);
      expect((await h.store.history(conversation.id, 2, 3)).map((m) => m.seq)).toEqual([1]);
      expect(await h.store.history(conversation.id, 1, 3)).toEqual([]);
    });

    it('summarises a member’s conversations: the newest message, and unread above their marker excluding their own', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const other = userRecord();
      await h.store.createUser(other);
      const { conversation: empty } = await h.store.getOrCreateDirect(direct(b.id, other.id));
      for (const [sender, body] of [[a, 'one'], [a, 'two'], [b, 'three'], [a, 'four']] as const) {
        await h.store.appendMessage(message(conversation.id, sender.id, body));
      }
      const summaryOf = async (userId: string, id: string) => (await h.store.listSummaries(userId)).find((s) => s.conversation.id === id);

      const ofB = await summaryOf(b.id, conversation.id);
      expect(ofB?.conversation).toEqual(await h.store.getConversation(conversation.id));
      expect(ofB?.lastMessage).toMatchObject({ body: 'four', seq: 4, senderId: a.id, status: 'sent' });
      expect(ofB?.unreadCount).toBe(3);
      expect((await summaryOf(a.id, conversation.id))?.unreadCount).toBe(1);
      await h.store.advanceMarker(conversation.id, b.id, 'read', 2, AT);
      expect((await summaryOf(b.id, conversation.id))?.unreadCount).toBe(1);
      // Above a's marker: b's 'three' counts, a's own 'four' does not.
      await h.store.advanceMarker(conversation.id, a.id, 'read', 2, AT);
      expect((await summaryOf(a.id, conversation.id))?.unreadCount).toBe(1);

      expect(await summaryOf(b.id, empty.id)).toMatchObject({ lastMessage: null, unreadCount: 0 });
      expect((await h.store.listSummaries(a.id)).map((s) => s.conversation.id)).toEqual([conversation.id]);
      expect(await h.store.listSummaries('nobody')).toEqual([]);
    });

    it('moves markers forward only, caps them at the last seq, and a read moves delivered too', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      for (let i = 0; i < 3; i++) await h.store.appendMessage(message(conversation.id, a.id));
      const delivered = await h.store.advanceMarker(conversation.id, b.id, 'delivered', 2, AT);
      expect(delivered.map((c) => c.type === 'receipt' && [c.kind, c.uptoSeq])).toEqual([['delivered', 2]]);
      expect(await h.store.advanceMarker(conversation.id, b.id, 'delivered', 1, AT)).toEqual([]);
      const read = await h.store.advanceMarker(conversation.id, b.id, 'read', 99, AT);
      expect(read.map((c) => c.type === 'receipt' && [c.kind, c.uptoSeq])).toEqual([
        ['delivered', 3],
        ['read', 3],
      ]);
      const member = (await h.store.getConversation(conversation.id))!.members.find((m) => m.userId === b.id);
      expect(member).toMatchObject({ deliveredSeq: 3, readSeq: 3 });
    });

    it('lists changes since a rev for the given conversations only, in rev order, up to a limit', async () => {
      const mine = await twoUsersAndConversation();
      const other = await twoUsersAndConversation();
      const start = await h.store.currentRev();
      await h.store.appendMessage(message(mine.conversation.id, mine.a.id, 'x'));
      await h.store.appendMessage(message(other.conversation.id, other.a.id, 'not mine'));
      await h.store.advanceMarker(mine.conversation.id, mine.b.id, 'read', 1, AT);
      await h.store.appendMessage(message(mine.conversation.id, mine.b.id, 'y'));
      const changes = await h.store.changesSince([mine.conversation.id], start, 100);
      expect(changes.map((c) => c.type)).toEqual(['message', 'receipt', 'receipt', 'message']);
      const revs = changes.map((c) => c.rev);
      expect(revs).toEqual([...revs].sort((x, y) => x - y));
      expect(await h.store.changesSince([mine.conversation.id], start, 2)).toEqual(changes.slice(0, 2));
      expect(await h.store.changesSince([mine.conversation.id], changes.at(-1)!.rev, 100)).toEqual([]);
      expect(await h.store.currentRev()).toBeGreaterThanOrEqual(changes.at(-1)!.rev);
    });

    it('gives concurrent sends to one conversation distinct, gap-free seqs', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const stores = [h.store, h.peer ? await h.peer() : h.store];
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => stores[i % stores.length]!.appendMessage(message(conversation.id, i % 2 ? a.id : b.id, `c${i}`))),
      );
      const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const revs = new Set(results.map((r) => r.change!.rev));
      expect(revs.size).toBe(40);
    });

    it('keeps one message when the same clientId races from two handles', async () => {
      const { a, conversation } = await twoUsersAndConversation();
      const stores = [h.store, h.peer ? await h.peer() : h.store];
      const input = message(conversation.id, a.id, 'racing');
      const results = await Promise.all(stores.map((s, i) => s.appendMessage({ ...input, id: `${input.id}-${i}` })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      expect(await h.store.history(conversation.id, undefined, 10)).toHaveLength(1);
      // The loser gave back whatever seq it took: the next message is 2.
      expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(1);
    });

    // --- groups ---

    async function users(count: number): Promise<UserRecord[]> {
      const made = Array.from({ length: count }, () => userRecord());
      for (const u of made) await h.store.createUser(u);
      return made;
    }

    it('refuses to append for someone not in the conversation (FORBIDDEN) and moves no marker of theirs, writing nothing', async () => {
      const [a, b, c] = await users(3);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id]));
      const rev = await h.store.currentRev();
      await expect(h.store.appendMessage(message(group.id, c!.id, 'outsider'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await h.store.editGroup(group.id, edited(a!.id, (g) => planRemove(g, a!.id, b!.id)));
      await expect(h.store.appendMessage(message(group.id, b!.id, 'gone'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await h.store.advanceMarker(group.id, b!.id, 'read', 2, AT)).toEqual([]);
      expect((await h.store.getConversation(group.id))?.lastSeq).toBe(2);
      expect((await h.store.changesSince([group.id], rev, 10)).map((ch) => ch.type)).toEqual(['conversation', 'message']);
      await expect(h.store.appendMessage(message('no-such-conversation', a!.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('a send racing a removal is stored before the removal entry or refused, never after it', async () => {
      const [a, b] = await users(2);
      // A send is on its way to the store (the service checks nothing before it) when the removal runs whole.
      let reached!: () => void;
      let release!: () => void;
      const atStore = new Promise<void>((resolve) => (reached = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const paused = pauseBefore(h.store, 'appendMessage', async () => {
        reached();
        await gate;
      });
      const { service } = testService({ store: paused });
      const group = await service.createGroup(a!.id, { clientId: crypto.randomUUID(), title: 'Race', visibility: 'private', memberIds: [b!.id] });
      const sending = service.send(b!.id, { conversationId: group.id, clientId: crypto.randomUUID(), body: 'late' }).then(
        (stored) => stored,
        (error: unknown) => error,
      );
      await atStore;
      await service.removeMember(a!.id, { conversationId: group.id, userId: b!.id });
      release();
      const outcome = await sending;
      const stored = (await h.store.history(group.id, undefined, 10)).reverse();
      const removal = stored.find((m) => m.system?.type === 'removed')!;
      const late = stored.find((m) => m.body === 'late');
      // Here the removal came first, so the send must be refused; had the store let it through, it would sit after the removal.
      expect(late === undefined || late.seq < removal.seq).toBe(true);
      expect(outcome).toBeInstanceOf(ChatError);
      expect((outcome as ChatError).code).toBe('FORBIDDEN');
      service.dispose();
    });

    it('creates a group as newGroupConversation makes it, its entry at seq 1, once per creator and client id', async () => {
      const [a, b, c] = await users(3);
      const input = newGroup(a!.id, [b!.id, c!.id]);
      const first = await h.store.createGroup(input);
      expect(first.created).toBe(true);
      expect(first.conversation).toEqual(newGroupConversation(input));
      expect(first.changes.map((ch) => ch.type)).toEqual(['conversation', 'message']);
      expect(first.changes[0]!.rev).toBeLessThan(first.changes[1]!.rev);
      const again = await h.store.createGroup({ ...input, id: uid('g'), entry: entry(a!.id, input.entry.system) });
      expect(again).toMatchObject({ created: false, changes: [], conversation: { id: input.id } });
      const [stored] = await h.store.history(input.id, undefined, 10);
      expect(stored).toMatchObject({ seq: 1, senderId: a!.id, system: input.entry.system, body: 'created' });
      expect((await h.store.getConversation(input.id))?.group).toEqual({ title: 'Launch', visibility: 'private', createdBy: a!.id });
      expect((await h.store.listConversations(c!.id)).map((g) => g.id)).toContain(input.id);
      const changes = await h.store.changesSince([input.id], 0, 10);
      expect(changes).toEqual(first.changes);
    });

    it('edits a group atomically: members, roles, title, its entry and two changes; a null edit writes nothing', async () => {
      const [a, b, c, d] = await users(4);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id]));
      const added = await h.store.editGroup(group.id, edited(b!.id, (g) => planAdd(g, b!.id, [c!.id, d!.id])));
      expect(added.conversation.members.map((m) => [m.userId, m.role, m.joinedSeq])).toEqual([
        [a!.id, 'owner', 0],
        [b!.id, 'member', 0],
        [c!.id, 'member', 2],
        [d!.id, 'member', 2],
      ]);
      expect(added.conversation.members[2]).toMatchObject({ deliveredSeq: 1, readSeq: 1 });
      const nothing = await h.store.editGroup(group.id, edited(b!.id, (g) => planAdd(g, b!.id, [c!.id])));
      expect(nothing.changes).toEqual([]);
      const renamed = await h.store.editGroup(group.id, edited(a!.id, (g) => planRename(g, a!.id, 'Liftoff')));
      expect(renamed.conversation).toMatchObject({ lastSeq: 3, group: { title: 'Liftoff' } });
      expect(await h.store.getConversation(group.id)).toEqual(renamed.conversation);
      const changes = await h.store.changesSince([group.id], renamed.changes[0]!.rev - 1, 10);
      expect(changes).toEqual(renamed.changes);
      await expect(h.store.editGroup(group.id, edited(b!.id, (g) => planRename(g, b!.id, 'No')))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await h.store.getConversation(group.id))?.lastSeq).toBe(3);
      await expect(h.store.editGroup('no-such-group', () => null)).rejects.toBeInstanceOf(ChatError);
    });

    it('keeps a departure for whoever leaves or is removed, until they are back', async () => {
      const [a, b, c] = await users(3);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id, c!.id], 'public'));
      const removed = await h.store.editGroup(group.id, edited(a!.id, (g) => planRemove(g, a!.id, c!.id)));
      expect(removed.conversation.members.map((m) => m.userId)).toEqual([a!.id, b!.id]);
      expect(await h.store.listDepartures(c!.id)).toEqual([
        { conversationId: group.id, userId: c!.id, leftSeq: 2, leftRev: removed.changes[1]!.rev, conversation: removed.conversation },
      ]);
      expect((await h.store.listConversations(c!.id)).map((g) => g.id)).not.toContain(group.id);
      const left = await h.store.editGroup(group.id, edited(a!.id, (g) => planLeave(g, a!.id)));
      expect(left.conversation.members).toMatchObject([{ userId: b!.id, role: 'owner' }]);
      expect((await h.store.listDepartures(a!.id)).map((d) => d.leftSeq)).toEqual([3]);
      await h.store.editGroup(group.id, edited(c!.id, (g) => planJoin(g, c!.id)));
      expect(await h.store.listDepartures(c!.id)).toEqual([]);
      expect((await h.store.getConversation(group.id))?.members.map((m) => [m.userId, m.joinedSeq])).toEqual([
        [b!.id, 0],
        [c!.id, 4],
      ]);
      expect((await h.store.browseChannels({ userId: a!.id, titleKey: '', limit: 1000 })).map((g) => g.id)).toContain(group.id);
    });

    it('keeps when each receipt was made: each member\'s first receipt of a kind at or past a seq', async () => {
      const [a, b] = await users(2);
      const { conversation: hidden } = await h.store.createGroup(newGroup(a!.id, [b!.id], 'private'));
      await h.store.appendMessage(message(hidden.id, a!.id, 'two'));
      await h.store.appendMessage(message(hidden.id, a!.id, 'three'));
      await h.store.advanceMarker(hidden.id, b!.id, 'delivered', 2, '2025-01-01T10:00:00.000Z');
      await h.store.advanceMarker(hidden.id, b!.id, 'read', 3, '2025-01-01T11:00:00.000Z');
      const times = (seq: number) => h.store.receiptTimes(hidden.id, seq).then((t) => t.sort((x, y) => x.kind.localeCompare(y.kind)));
      expect(await times(2)).toEqual([
        { userId: b!.id, kind: 'delivered', at: '2025-01-01T10:00:00.000Z' },
        { userId: b!.id, kind: 'read', at: '2025-01-01T11:00:00.000Z' },
      ]);
      expect(await times(3)).toEqual([
        { userId: b!.id, kind: 'delivered', at: '2025-01-01T11:00:00.000Z' },
        { userId: b!.id, kind: 'read', at: '2025-01-01T11:00:00.000Z' },
      ]);
      expect(await times(4)).toEqual([]);
      // Only members are answered for: someone removed keeps their receipts but is nobody's reader now.
      await h.store.editGroup(hidden.id, edited(a!.id, (g) => planRemove(g, a!.id, b!.id)));
      expect(await times(2)).toEqual([]);
    });

    it('browses channels: public groups the user is not in, whose title key contains the search, newest activity first, at most the limit', async () => {
      const [a, b, eve] = await users(3);
      const tag = uid('tag').replace(/[^a-z0-9]/g, '');
      const at = (minute: number) => `2030-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      const channel = async (title: string, visibility: 'private' | 'public', minute: number, members = [b!.id]) => {
        const input = newGroup(a!.id, members, visibility);
        const made = await h.store.createGroup({ ...input, title, entry: { ...input.entry, createdAt: at(minute) } });
        return made.conversation.id;
      };
      const old = await channel(`Café ${tag} old`, 'public', 1);
      const busy = await channel(`CAFE ${tag} busy`, 'public', 2);
      await channel(`Café ${tag} secret`, 'private', 3);
      const mine = await channel(`Café ${tag} mine`, 'public', 4, [b!.id, eve!.id]);
      const renamed = await channel(`Other ${tag}`, 'public', 5);
      const literal = await channel(`Cafe ${tag} 100%_off`, 'public', 0);
      await h.store.appendMessage({ ...message(old, a!.id, 'wakes it up'), createdAt: at(6) });
      const browse = (search: string, limit = 10) => h.store.browseChannels({ userId: eve!.id, titleKey: channelTitleKey(search), limit });
      const listed = await browse(`cafe ${tag}`);
      expect(listed.map((l) => l.id)).toEqual([old, busy, literal]);
      expect(listed[0]).toEqual({ id: old, title: `Café ${tag} old`, memberCount: 2, createdBy: a!.id, createdAt: expect.any(String), lastActivityAt: at(6) });
      expect((await browse(`cafe ${tag}`, 1)).map((l) => l.id)).toEqual([old]);
      expect((await browse(`${tag} 100%_`)).map((l) => l.id)).toEqual([literal]);
      expect(await browse(`${tag} 1_0`)).toEqual([]);
      expect((await h.store.browseChannels({ userId: b!.id, titleKey: tag, limit: 10 })).map((l) => l.id)).not.toContain(mine);
      expect((await browse(`café ${tag}`)).map((l) => l.id)).not.toContain(mine);
      await h.store.editGroup(renamed, () => ({ entry: { ...entry(a!.id, { type: 'renamed', title: `Café ${tag} new` }), createdAt: at(7) }, title: `Café ${tag} new` }));
      expect((await browse(`cafe ${tag}`)).map((l) => l.id)).toEqual([renamed, old, busy, literal]);
      expect(await browse(`other ${tag}`)).toEqual([]);
    });

    // --- message actions: reviseMessage, and the reply's seq ---

    /** One edit, delete or reaction as the service asks for it. */
    function revise(store: Store, conversationId: string, seq: number, userId: string, decide: (m: Message) => MessageRevision | null, opId: string = crypto.randomUUID()) {
      return store.reviseMessage({ conversationId, seq, userId, opId, decide });
    }
    const react = (userId: string, emoji: string, on = true) => (m: Message) => planReaction(m, userId, emoji, on);
    const neverDecided = (): MessageRevision | null => {
      throw new Error('decide ran');
    };
    /** The message at `seq` as history has it now. */
    async function stored(conversationId: string, seq: number): Promise<Message | undefined> {
      return (await h.store.history(conversationId, seq + 1, 1)).find((m) => m.seq === seq);
    }
    /** What a message never edited, deleted, reacted to or replying has none of. */
    const REVISION_FIELDS = ['editedAt', 'deletedAt', 'reactions', 'updateRev', 'replyToSeq'];

    it('edits a message in place: body and editedAt written, its seq kept, updateRev the rev of the messageUpdate change', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const sent = await h.store.appendMessage(message(conversation.id, a.id, 'tpyo'));
      await h.store.appendMessage(message(conversation.id, b.id, 'after it'));
      const before = await h.store.currentRev();
      const at = '2025-02-03T04:05:06.000Z';
      const { message: edited, change } = await revise(h.store, conversation.id, 1, a.id, (m) => planEdit(m, a.id, 'typo', at));
      expect(edited).toEqual({ ...sent.message, body: 'typo', editedAt: at, updateRev: change!.rev });
      expect(change).toEqual({ type: 'messageUpdate', rev: edited.updateRev, message: edited });
      expect(change!.rev).toBeGreaterThan(before);
      expect(await stored(conversation.id, 1)).toEqual(edited);
      expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(2);
      const untouched = await stored(conversation.id, 2);
      for (const field of REVISION_FIELDS) expect(untouched).not.toHaveProperty(field);
    });

    it('catch-up reads a revised message as it now is, in its messageUpdate changes and in the change that sent it', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const start = await h.store.currentRev();
      await h.store.appendMessage(message(conversation.id, a.id, 'first'));
      await revise(h.store, conversation.id, 1, a.id, (m) => planEdit(m, a.id, 'second', now()));
      const last = await revise(h.store, conversation.id, 1, b.id, react(b.id, '👍'));
      const changes = await h.store.changesSince([conversation.id], start, 10);
      expect(changes.map((c) => c.type)).toEqual(['message', 'messageUpdate', 'messageUpdate']);
      expect(changes.at(-1)).toEqual(last.change);
      for (const change of changes) expect(change.type !== 'receipt' && change.type !== 'conversation' && change.message).toEqual(last.message);
      expect(last.message).toMatchObject({ body: 'second', reactions: [{ emoji: '👍', userIds: [b.id] }], updateRev: last.change!.rev });
    });

    it('applies an operation id once: a replay answers the message as it now is, with no change and without deciding again', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      await h.store.appendMessage(message(conversation.id, a.id, 'react to me'));
      const opId = crypto.randomUUID();
      let decided = 0;
      const thumbsUp = (m: Message) => {
        decided += 1;
        return planReaction(m, b.id, '👍', true);
      };
      expect((await revise(h.store, conversation.id, 1, b.id, thumbsUp, opId)).change).not.toBeNull();
      // Something newer happens to the message; the replay must neither undo it nor apply twice.
      await revise(h.store, conversation.id, 1, b.id, react(b.id, '👍', false));
      const rev = await h.store.currentRev();
      const replay = await revise(h.store, conversation.id, 1, b.id, thumbsUp, opId);
      expect(decided).toBe(1);
      expect(replay.change).toBeNull();
      expect(replay.message).toEqual(await stored(conversation.id, 1));
      expect(replay.message).not.toHaveProperty('reactions');
      expect(await h.store.currentRev()).toBe(rev);
      // An operation that changed nothing is applied all the same: its replay is not decided either.
      const idle = crypto.randomUUID();
      expect((await revise(h.store, conversation.id, 1, a.id, () => null, idle)).change).toBeNull();
      expect((await revise(h.store, conversation.id, 1, a.id, neverDecided, idle)).change).toBeNull();
      // Operation ids are per user: the same id from someone else is another operation.
      expect((await revise(h.store, conversation.id, 1, a.id, react(a.id, '🎉'), opId)).change).not.toBeNull();
      expect(await h.store.currentRev()).toBe(rev + 1);
    });

    it('refuses a non-member (FORBIDDEN, someone removed too) and a seq or conversation that does not exist (NOT_FOUND), before deciding, writing nothing', async () => {
      const [a, b, c] = await users(3);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id]));
      await h.store.appendMessage(message(group.id, b!.id, 'from b'));
      await expect(revise(h.store, group.id, 2, c!.id, neverDecided)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await h.store.editGroup(group.id, edited(a!.id, (g) => planRemove(g, a!.id, b!.id)));
      const rev = await h.store.currentRev();
      await expect(revise(h.store, group.id, 2, b!.id, neverDecided)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(revise(h.store, group.id, 4, a!.id, neverDecided)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(revise(h.store, 'no-such-conversation', 1, a!.id, neverDecided)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await h.store.currentRev()).toBe(rev);
      expect(await stored(group.id, 2)).toMatchObject({ body: 'from b' });
    });

    // The choice, for every store: a refusal is no application. The operation id stays free, so the
    // client may send it again once the reason is gone (a reaction slot freed), and is decided afresh.
    it('writes nothing when decide refuses, the operation id included: the same id is decided again', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      await h.store.appendMessage(message(conversation.id, a.id, 'only a edits this'));
      const rev = await h.store.currentRev();
      const opId = crypto.randomUUID();
      await expect(revise(h.store, conversation.id, 1, b.id, (m) => planEdit(m, b.id, 'hijacked', now()), opId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await h.store.currentRev()).toBe(rev);
      expect(await stored(conversation.id, 1)).not.toHaveProperty('editedAt');
      const retried = await revise(h.store, conversation.id, 1, b.id, react(b.id, '👍'), opId);
      expect(retried.change).toMatchObject({ type: 'messageUpdate', rev: rev + 1 });
    });

    it('keeps no earlier body anywhere: an edit overwrites it, a delete leaves an empty tombstone without reactions, really gone', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const draft = `draft ${crypto.randomUUID()}`;
      const secret = `secret ${crypto.randomUUID()}`;
      await h.store.appendMessage(message(conversation.id, a.id, draft));
      await h.store.appendMessage({ ...message(conversation.id, b.id, 'what did you say?'), replyToSeq: 1 });
      await revise(h.store, conversation.id, 1, a.id, (m) => planEdit(m, a.id, secret, now()));
      await revise(h.store, conversation.id, 1, b.id, react(b.id, '😮'));
      // The scan does see what the store keeps.
      expect(await h.storedText()).toContain(secret);
      expect(await h.storedText()).not.toContain(draft);
      const at = '2025-03-04T05:06:07.000Z';
      const { message: tombstone, change } = await revise(h.store, conversation.id, 1, a.id, (m) => planDelete(m, a.id, at));
      expect(tombstone).toMatchObject({ body: '', deletedAt: at, updateRev: change!.rev });
      expect(tombstone).not.toHaveProperty('reactions');
      expect(await h.storedText()).not.toContain(secret);
      expect(await stored(conversation.id, 1)).toEqual(tombstone);
      const changes = await h.store.changesSince([conversation.id], 0, 10);
      for (const c of changes) if (c.type === 'message' && c.message.seq === 1) expect(c.message).toEqual(tombstone);
      // The reply keeps pointing at it: the reader shows "Original message was deleted".
      expect(await stored(conversation.id, 2)).toMatchObject({ replyToSeq: 1 });
    });

    it('keeps reactions in order, each emoji where it was first used and its people in the order they came, on every read', async () => {
      const [a, b, c] = await users(3);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id, c!.id]));
      await h.store.appendMessage(message(group.id, a!.id, 'news'));
      for (const [who, emoji, on] of [[b, '👍', true], [c, '🎉', true], [a, '👍', true], [c, '👍', true], [b, '👍', false], [b, '❤️', true], [c, '🎉', false]] as const) {
        await revise(h.store, group.id, 2, who!.id, react(who!.id, emoji, on));
      }
      const expected = [
        { emoji: '👍', userIds: [a!.id, c!.id] },
        { emoji: '❤️', userIds: [b!.id] },
      ];
      const current = await stored(group.id, 2);
      expect(current?.reactions).toEqual(expected);
      expect((await h.store.listSummaries(c!.id)).find((s) => s.conversation.id === group.id)?.lastMessage).toEqual(current);
      const changes = await h.store.changesSince([group.id], 0, 100);
      expect(changes.at(-1)).toEqual({ type: 'messageUpdate', rev: current!.updateRev, message: current });
      // Taken back to none: no reactions at all, as on a message never reacted to.
      for (const [who, emoji] of [[a, '👍'], [c, '👍'], [b, '❤️']] as const) await revise(h.store, group.id, 2, who!.id, react(who!.id, emoji, false));
      expect(await stored(group.id, 2)).not.toHaveProperty('reactions');
    });

    it('keeps a reply\'s seq through the append, its retry, history, summaries and catch-up', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const start = await h.store.currentRev();
      const question = await h.store.appendMessage(message(conversation.id, a.id, 'lunch?'));
      const input = { ...message(conversation.id, b.id, 'yes!'), replyToSeq: 1 };
      const answer = await h.store.appendMessage(input);
      expect(answer.message).toMatchObject({ seq: 2, replyToSeq: 1 });
      expect(answer.change).toMatchObject({ type: 'message', message: { replyToSeq: 1 } });
      expect((await h.store.appendMessage({ ...input, id: uid('m') })).message).toEqual(answer.message);
      expect((await h.store.history(conversation.id, undefined, 10)).map((m) => m.replyToSeq)).toEqual([1, undefined]);
      expect((await h.store.listSummaries(a.id)).find((s) => s.conversation.id === conversation.id)?.lastMessage).toEqual(answer.message);
      const changes = await h.store.changesSince([conversation.id], start, 10);
      expect(changes.map((c) => c.type === 'message' && c.message)).toEqual([question.message, answer.message]);
      for (const field of REVISION_FIELDS) expect(question.message).not.toHaveProperty(field);
    });

    it('serializes revisions of one message from two handles: none lost, each under its own rev, a raced operation id applied once', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      await h.store.appendMessage(message(conversation.id, a.id, 'popular'));
      const stores = [h.store, h.peer ? await h.peer() : h.store];
      const emoji = ['👍', '❤️', '😂', '😮', '😢', '🙏', '🎉', '🔥'];
      const results = await Promise.all(
        emoji.flatMap((e, i) => [a, b].map((who, j) => revise(stores[(i + j) % 2]!, conversation.id, 1, who.id, react(who.id, e)))),
      );
      const revs = results.map((r) => r.change!.rev);
      expect(new Set(revs).size).toBe(16);
      const current = await stored(conversation.id, 1);
      // Which of the racers came first decides the order; that each is there, once, does not depend on it.
      const byEmoji = (current?.reactions ?? []).map((r) => [r.emoji, [...r.userIds].sort()]).sort(([x], [y]) => String(x).localeCompare(String(y)));
      expect(byEmoji).toEqual([...emoji].sort((x, y) => x.localeCompare(y)).map((e) => [e, [a.id, b.id].sort()]));
      expect(current?.updateRev).toBe(Math.max(...revs));
      const opId = crypto.randomUUID();
      const raced = await Promise.all(stores.map((store) => revise(store, conversation.id, 1, a.id, react(a.id, '👀'), opId)));
      expect(raced.filter((r) => r.change !== null)).toHaveLength(1);
      expect(raced[0]!.message).toEqual(raced[1]!.message);
    });
  });
}

/** `store` with `before` awaited ahead of each call to `method`: a test's hook between the service's checks and the store. */
export function pauseBefore<K extends keyof Store>(store: Store, method: K, before: () => Promise<void>): Store {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (property !== method) return bound;
      return async (...args: unknown[]) => {
        await before();
        return bound(...args);
      };
    },
  });
}
