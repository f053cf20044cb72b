import { expect, it } from 'vitest';
import { LIMITS } from '../../src/protocol/limits';
import type { Change, ChatEvent, Message } from '../../src/transport';
import { expectError } from './expectError';
import { type ContractContext, type Person, connectAndWait, conversationOf, drain, nextEvent } from './harness';

type MessageChange = Extract<Change, { type: 'message' }>;
type UpdateChange = Extract<Change, { type: 'messageUpdate' }>;

const id = (p: Person) => p.session.user.id;
const op = () => crypto.randomUUID();
const send = (p: Person, conversationId: string, body: string, replyToSeq?: number) =>
  p.t.send({ conversationId, clientId: op(), body, ...(replyToSeq === undefined ? {} : { replyToSeq }) });
const edit = (p: Person, m: Message, body: string, opId = op()) => p.t.editMessage({ conversationId: m.conversationId, seq: m.seq, opId, body });
const remove = (p: Person, m: Message, opId = op()) => p.t.deleteMessage({ conversationId: m.conversationId, seq: m.seq, opId });
const react = (p: Person, m: Message, emoji: string, on = true, opId = op()) => p.t.react({ conversationId: m.conversationId, seq: m.seq, opId, emoji, on });

const isUpdateOf = (m: Message) => (e: ChatEvent): e is UpdateChange => e.type === 'messageUpdate' && e.message.id === m.id;
const isMessageChangeOf = (m: Message) => (c: Change): c is MessageChange => c.type === 'message' && c.message.id === m.id;
const isMessageIn = (conversationId: string) => (e: ChatEvent): e is MessageChange => e.type === 'message' && e.message.conversationId === conversationId;

/** `count` distinct emoji of the Unicode set (the emoticons block, each drawn as an emoji by default). */
const distinctEmoji = (count: number) => Array.from({ length: count }, (_, i) => String.fromCodePoint(0x1f600 + i));

async function found(p: Person, m: Message): Promise<Message | undefined> {
  return (await p.t.history(m.conversationId, { limit: LIMITS.historyPageMax })).messages.find((x) => x.seq === m.seq);
}

/** The message as the other member reads it now: history and catch-up must agree on it. */
async function seenBy(p: Person, m: Message): Promise<Message> {
  const message = await found(p, m);
  if (!message) throw new Error(`seq ${m.seq} is not in the history`);
  return message;
}

/** No body kept, no reactions, a time it was deleted. */
function expectTombstone(m: Message | undefined): void {
  expect(m).toBeDefined();
  expect(m!.body).toBe('');
  expect(Number.isNaN(Date.parse(m!.deletedAt ?? ''))).toBe(false);
  expect(m!.reactions).toBeUndefined();
}

/**
 * Reply, edit, delete and react: the rules every adapter keeps (issue 16).
 * Registered inside the contract suite's describe, so they run wherever it
 * runs: the sim, http on MSW, http and Socket.IO on the real server, and on
 * PostgreSQL with one node and with two.
 */
export function messageActionsContractRules(ctx: ContractContext): void {
  async function pair() {
    const [a, b] = await Promise.all([ctx.user('ann'), ctx.user('ben')]);
    const conversation = await a.t.openDirect(id(b));
    return { a, b, conversation };
  }

  async function trio() {
    const [owner, b, c] = await Promise.all([ctx.user('owner'), ctx.user('bea'), ctx.user('cal')]);
    const group = await owner.t.createGroup({ clientId: op(), title: 'Actions', visibility: 'private', memberIds: [id(b), id(c)] });
    return { owner, b, c, group };
  }

  // --- replies ---

  it('replies: a reply names a seq of its conversation and reaches the other member with it: live, in history and in catch-up', async () => {
    const { a, b, conversation } = await pair();
    const question = await send(b, conversation.id, 'lunch at noon?');
    const { cursor } = await b.t.catchUp(0);
    await connectAndWait(b.t, b.session);
    const live = nextEvent(b.t, (e): e is MessageChange => isMessageIn(conversation.id)(e) && e.message.senderId === id(a));
    const reply = await send(a, conversation.id, 'yes!', question.seq);
    expect(reply).toMatchObject({ seq: 2, body: 'yes!', replyToSeq: question.seq });
    expect((await live).message).toMatchObject({ id: reply.id, replyToSeq: question.seq });
    expect(await seenBy(b, reply)).toMatchObject({ replyToSeq: question.seq });
    expect((await seenBy(b, question)).replyToSeq).toBeUndefined();
    const caughtUp = (await drain(b.t, cursor)).find(isMessageChangeOf(reply));
    expect(caughtUp?.message.replyToSeq).toBe(question.seq);
  });

  it('replies: only to a message of the same conversation: a seq it does not have (another conversation’s included) is INVALID_INPUT and stores nothing', async () => {
    const { a, b, conversation } = await pair();
    const carol = await ctx.user('carol');
    const other = await a.t.openDirect(id(carol));
    for (const body of ['one', 'two', 'three']) await send(a, other.id, body);
    await send(b, conversation.id, 'only one here');
    // Seq 3 exists in the other conversation, not in this one.
    const error = await expectError(send(a, conversation.id, 'answering three', 3), 'INVALID_INPUT');
    expect(error.details.field).toBe('replyToSeq');
    await expectError(send(a, conversation.id, 'answering nothing', 0), 'INVALID_INPUT');
    await expectError(send(a, conversation.id, 'answering half', 1.5), 'INVALID_INPUT');
    const history = (await b.t.history(conversation.id, { limit: 10 })).messages;
    expect(history.map((m) => m.body)).toEqual(['only one here']);
  });

  it('replies: a reply to a message later deleted keeps its replyToSeq, and the original reads as a tombstone', async () => {
    const { a, b, conversation } = await pair();
    const original = await send(b, conversation.id, 'something I regret');
    const reply = await send(a, conversation.id, 'what did you mean?', original.seq);
    await remove(b, original);
    expect(await seenBy(a, reply)).toMatchObject({ replyToSeq: original.seq, body: 'what did you mean?' });
    expectTombstone(await found(a, original));
  });

  // --- edit ---

  it('edit: the author’s edit keeps the seq and sets editedAt; the other member gets a messageUpdate, and history and catch-up carry it', async () => {
    const { a, b, conversation } = await pair();
    const { cursor } = await b.t.catchUp(0);
    const sent = await send(a, conversation.id, 'teh plan');
    await b.t.markRead(conversation.id, sent.seq);
    await connectAndWait(b.t, b.session);
    const live = nextEvent(b.t, isUpdateOf(sent));
    const edited = await edit(a, sent, 'the plan');
    expect(edited).toMatchObject({ id: sent.id, seq: sent.seq, clientId: sent.clientId, createdAt: sent.createdAt, body: 'the plan', status: 'read' });
    expect(Number.isNaN(Date.parse(edited.editedAt ?? ''))).toBe(false);
    expect(edited.updateRev).toBeGreaterThan(0);
    const event = await live;
    expect(event.message).toMatchObject({ id: sent.id, seq: sent.seq, body: 'the plan', editedAt: edited.editedAt, status: 'read' });
    expect(event.rev).toBe(edited.updateRev);
    expect(await seenBy(b, sent)).toMatchObject({ body: 'the plan', editedAt: edited.editedAt });
    const changes = (await drain(b.t, cursor)).filter((c) => conversationOf(c) === conversation.id);
    expect(changes.find((c): c is UpdateChange => c.type === 'messageUpdate')?.message).toMatchObject({ seq: sent.seq, body: 'the plan', editedAt: edited.editedAt, status: 'read' });
    // The message's own change reads as the message now is: the old words are nowhere.
    expect(changes.find(isMessageChangeOf(sent))?.message.body).toBe('the plan');
    expect(JSON.stringify(changes)).not.toContain('teh plan');
  });

  it('edit: only the author: anyone else is FORBIDDEN and nothing changes', async () => {
    const { a, b, conversation } = await pair();
    const sent = await send(a, conversation.id, 'mine to change');
    await expectError(edit(b, sent, 'now it is mine'), 'FORBIDDEN');
    await expectError(remove(b, sent), 'FORBIDDEN');
    const now = await seenBy(a, sent);
    expect(now.body).toBe('mine to change');
    expect(now.editedAt).toBeUndefined();
    expect(now.deletedAt).toBeUndefined();
  });

  it('edit: a blank body is INVALID_INPUT, one past the limit PAYLOAD_TOO_LARGE, the same body changes nothing', async () => {
    const { a, b, conversation } = await pair();
    const sent = await send(a, conversation.id, 'as it was');
    const { cursor } = await b.t.catchUp(0);
    await expectError(edit(a, sent, ' \n '), 'INVALID_INPUT');
    await expectError(edit(a, sent, 'a'.repeat(LIMITS.bodyMaxChars + 1)), 'PAYLOAD_TOO_LARGE');
    const same = await edit(a, sent, '  as it was ');
    expect(same.body).toBe('as it was');
    expect(same.editedAt).toBeUndefined();
    expect((await drain(b.t, cursor)).filter((c) => c.type === 'messageUpdate')).toEqual([]);
    expect((await edit(a, sent, 'a'.repeat(LIMITS.bodyMaxChars))).body).toHaveLength(LIMITS.bodyMaxChars);
  });

  // --- delete ---

  it('delete: a tombstone with the body gone everywhere the other member reads it: the event, history, the summary and catch-up, the original message change too', async () => {
    const { a, b, conversation } = await pair();
    const { cursor } = await b.t.catchUp(0);
    const secret = `the door code is ${op()}`;
    const sent = await send(a, conversation.id, secret);
    await react(b, sent, '😮');
    await connectAndWait(b.t, b.session);
    const live = nextEvent(b.t, isUpdateOf(sent));
    const deleted = await remove(a, sent);
    expect(deleted).toMatchObject({ id: sent.id, seq: sent.seq });
    expectTombstone(deleted);
    expectTombstone((await live).message);
    expectTombstone(await seenBy(b, sent));
    const summary = (await b.t.conversations()).find((c) => c.id === conversation.id);
    expectTombstone(summary?.lastMessage ?? undefined);
    const changes = await drain(b.t, cursor);
    expectTombstone(changes.find(isMessageChangeOf(sent))?.message);
    expectTombstone(changes.filter((c): c is UpdateChange => c.type === 'messageUpdate').at(-1)?.message);
    expect(JSON.stringify(changes)).not.toContain(secret);
    expect(JSON.stringify(await b.t.bootstrap())).not.toContain(secret);
    // Deleting again changes nothing: the first time stays the time.
    expect((await remove(a, sent)).deletedAt).toBe(deleted.deletedAt);
  });

  it('delete: a deleted message can be neither edited nor reacted to (INVALID_INPUT)', async () => {
    const { a, b, conversation } = await pair();
    const sent = await send(a, conversation.id, 'going away');
    await remove(a, sent);
    await expectError(edit(a, sent, 'back again'), 'INVALID_INPUT');
    await expectError(react(b, sent, '👍'), 'INVALID_INPUT');
    await expectError(react(a, sent, '👍', false), 'INVALID_INPUT');
    expectTombstone(await seenBy(b, sent));
  });

  // --- reactions ---

  it('reactions: one per emoji per person: on twice is one, off takes mine back, the last one off removes the emoji; the other member sees each', async () => {
    const { a, b, conversation } = await pair();
    const sent = await send(a, conversation.id, 'ship it?');
    await connectAndWait(a.t, a.session);
    const live = nextEvent(a.t, (e): e is UpdateChange => isUpdateOf(sent)(e) && (e.message.reactions?.length ?? 0) > 0);
    expect((await react(b, sent, '👍')).reactions).toEqual([{ emoji: '👍', userIds: [id(b)] }]);
    expect((await live).message.reactions).toEqual([{ emoji: '👍', userIds: [id(b)] }]);
    expect((await react(b, sent, '👍')).reactions).toEqual([{ emoji: '👍', userIds: [id(b)] }]);
    await react(a, sent, '👍');
    await react(a, sent, '🎉');
    expect((await seenBy(b, sent)).reactions).toEqual([
      { emoji: '👍', userIds: [id(b), id(a)] },
      { emoji: '🎉', userIds: [id(a)] },
    ]);
    expect((await react(b, sent, '👍', false)).reactions).toEqual([
      { emoji: '👍', userIds: [id(a)] },
      { emoji: '🎉', userIds: [id(a)] },
    ]);
    // Taking back what is not there changes nothing.
    expect((await react(b, sent, '👍', false)).reactions).toHaveLength(2);
    await react(a, sent, '👍', false);
    expect((await seenBy(b, sent)).reactions).toEqual([{ emoji: '🎉', userIds: [id(a)] }]);
    await react(a, sent, '🎉', false);
    expect((await seenBy(b, sent)).reactions).toBeUndefined();
  });

  it('reactions: at most 20 distinct emoji on a message: the 21st is INVALID_INPUT, joining one already there still works', async () => {
    const { a, b, conversation } = await pair();
    const sent = await send(a, conversation.id, 'react away');
    const emoji = distinctEmoji(LIMITS.reactionsPerMessageMax + 1);
    // Shared between the two, so neither meets the send limit.
    for (const [i, e] of emoji.slice(0, LIMITS.reactionsPerMessageMax).entries()) await react(i % 2 === 0 ? a : b, sent, e);
    const error = await expectError(react(b, sent, emoji.at(-1)!), 'INVALID_INPUT');
    expect(error.details.field).toBe('emoji');
    expect((await react(b, sent, emoji[0]!)).reactions?.[0]).toEqual({ emoji: emoji[0], userIds: [id(a), id(b)] });
    const now = (await seenBy(b, sent)).reactions ?? [];
    expect(now.map((r) => r.emoji)).toEqual(emoji.slice(0, LIMITS.reactionsPerMessageMax));
  });

  it.each(['ok', '👍👍', '', ' 👍', '❤', 'a'.repeat(100)])('reactions: %j is not one emoji: INVALID_INPUT naming emoji, and nothing changes', async (bad) => {
    const { a, b, conversation } = await pair();
    const sent = await send(a, conversation.id, 'pick one');
    const error = await expectError(react(b, sent, bad), 'INVALID_INPUT');
    expect(error.details.field).toBe('emoji');
    expect((await seenBy(a, sent)).reactions).toBeUndefined();
  });

  // --- idempotency ---

  it('idempotent: an operation id is applied once: a replay answers the message as it now is and undoes nothing done since', async () => {
    const { a, b, conversation } = await pair();
    const sent = await send(a, conversation.id, 'first words');
    const on = op();
    await react(b, sent, '👍', true, on);
    await react(b, sent, '👍', false);
    // The first operation again (a retry whose answer was lost): still off.
    expect((await react(b, sent, '👍', true, on)).reactions).toBeUndefined();
    expect((await seenBy(a, sent)).reactions).toBeUndefined();

    const firstEdit = op();
    await edit(a, sent, 'second words', firstEdit);
    await edit(a, sent, 'third words');
    expect((await edit(a, sent, 'second words', firstEdit)).body).toBe('third words');
    expect((await seenBy(b, sent)).body).toBe('third words');

    // Sent together, the same operation is applied once: one change.
    const { cursor } = await b.t.catchUp(0);
    const together = op();
    const answers = await Promise.all([react(a, sent, '🙏', true, together), react(a, sent, '🙏', true, together)]);
    for (const answer of answers) expect(answer.reactions).toEqual([{ emoji: '🙏', userIds: [id(a)] }]);
    expect((await drain(b.t, cursor)).filter((c) => c.type === 'messageUpdate')).toHaveLength(1);
  });

  // --- catch-up ---

  it('catch-up: a device that was away gets every kind of change, in rev order, each message as it now is', async () => {
    const { a, b, conversation } = await pair();
    const kept = await send(a, conversation.id, 'keep me');
    const doomed = await send(a, conversation.id, 'delete me');
    const { cursor } = await b.t.catchUp(0);
    // b is away while all of this happens.
    const reply = await send(a, conversation.id, 'a reply', kept.seq);
    const edited = await edit(a, kept, 'kept, edited');
    await react(a, kept, '🔥');
    await react(a, reply, '👀');
    await remove(a, doomed);
    const changes = (await drain(b.t, cursor)).filter((c) => conversationOf(c) === conversation.id);
    const revs = changes.map((c) => c.rev);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(changes.find(isMessageChangeOf(reply))?.message).toMatchObject({ replyToSeq: kept.seq, body: 'a reply' });
    const latest = new Map<number, UpdateChange>();
    for (const change of changes) if (change.type === 'messageUpdate') latest.set(change.message.seq, change);
    expect([...latest.keys()].sort()).toEqual([kept.seq, doomed.seq, reply.seq].sort());
    expect(latest.get(kept.seq)?.message).toMatchObject({ body: 'kept, edited', editedAt: edited.editedAt, reactions: [{ emoji: '🔥', userIds: [id(a)] }] });
    expect(latest.get(reply.seq)?.message.reactions).toEqual([{ emoji: '👀', userIds: [id(a)] }]);
    expectTombstone(latest.get(doomed.seq)?.message);
    // The newest state carries the rev of its newest change: a device keeps the higher one.
    for (const change of latest.values()) expect(change.message.updateRev).toBe(change.rev);
  });

  // --- who may act ---

  it('access: someone not in the conversation cannot edit, delete or react (FORBIDDEN), and nothing changes', async () => {
    const { a, conversation } = await pair();
    const sent = await send(a, conversation.id, 'between us');
    const outsider = await ctx.user('outsider');
    await expectError(edit(outsider, sent, 'hijacked'), 'FORBIDDEN');
    await expectError(remove(outsider, sent), 'FORBIDDEN');
    await expectError(react(outsider, sent, '👍'), 'FORBIDDEN');
    await expectError(send(outsider, conversation.id, 'a reply', sent.seq), 'FORBIDDEN');
    expect(await seenBy(a, sent)).toMatchObject({ body: 'between us' });
    expect((await seenBy(a, sent)).reactions).toBeUndefined();
  });

  it('access: a member who left a group can no longer edit, delete or react to their own messages (FORBIDDEN)', async () => {
    const { owner, c, group } = await trio();
    const mine = await send(c, group.id, 'said before leaving');
    await c.t.leaveGroup(group.id);
    await expectError(edit(c, mine, 'changed after leaving'), 'FORBIDDEN');
    await expectError(react(c, mine, '👋'), 'FORBIDDEN');
    await expectError(remove(c, mine), 'FORBIDDEN');
    expect(await seenBy(owner, mine)).toMatchObject({ body: 'said before leaving' });
  });

  it('access: a group’s system entry cannot be edited, deleted or reacted to (INVALID_INPUT), not even by who made it', async () => {
    const { owner, b, group } = await trio();
    const [entry] = (await owner.t.history(group.id, { limit: 5 })).messages;
    expect(entry?.system?.type).toBe('created');
    await expectError(edit(owner, entry!, 'Nobody made this group'), 'INVALID_INPUT');
    await expectError(remove(owner, entry!), 'INVALID_INPUT');
    await expectError(react(b, entry!, '🎉'), 'INVALID_INPUT');
    expect(await seenBy(b, entry!)).toEqual(entry);
  });

  it('access: an action on a seq the conversation does not have is NOT_FOUND', async () => {
    const { a, conversation } = await pair();
    const sent = await send(a, conversation.id, 'the only one');
    const missing = { ...sent, seq: sent.seq + 5 };
    await expectError(edit(a, missing, 'nothing here'), 'NOT_FOUND');
    await expectError(remove(a, missing), 'NOT_FOUND');
    await expectError(react(a, missing, '👍'), 'NOT_FOUND');
  });

  it('groups: every member gets each messageUpdate, whoever made it', async () => {
    const { owner, b, c, group } = await trio();
    const sent = await send(owner, group.id, 'team, thoughts?');
    await Promise.all([owner, b, c].map((p) => connectAndWait(p.t, p.session)));
    const reacted = Promise.all([owner, c].map((p) => nextEvent(p.t, (e): e is UpdateChange => isUpdateOf(sent)(e) && e.message.reactions !== undefined)));
    await react(b, sent, '💯');
    for (const event of await reacted) expect(event.message.reactions).toEqual([{ emoji: '💯', userIds: [id(b)] }]);
    const edited = Promise.all([b, c].map((p) => nextEvent(p.t, (e): e is UpdateChange => isUpdateOf(sent)(e) && e.message.editedAt !== undefined)));
    await edit(owner, sent, 'team, thoughts? (by Friday)');
    for (const event of await edited) expect(event.message).toMatchObject({ body: 'team, thoughts? (by Friday)', reactions: [{ emoji: '💯', userIds: [id(b)] }] });
  });
}
