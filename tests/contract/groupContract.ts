import { expect, it } from 'vitest';
import { LIMITS } from '../../src/protocol/limits';
import { type Change, type ChatEvent, type Conversation, type Message } from '../../src/transport';
import { expectError } from './expectError';
import { type ContractContext, type Person, collect, connectAndWait, conversationOf, drain, holdsFor, nextEvent } from './harness';

const isMessageIn = (conversationId: string) => (e: ChatEvent): e is Extract<Change, { type: 'message' }> =>
  e.type === 'message' && e.message.conversationId === conversationId;

const id = (p: Person) => p.session.user.id;
const send = (p: Person, conversationId: string, body: string) => p.t.send({ conversationId, clientId: crypto.randomUUID(), body });
const bodies = (messages: readonly Message[]) => messages.map((m) => m.body);
const systemTypes = (messages: readonly Message[]) => messages.flatMap((m) => (m.system ? [m.system.type] : []));
const roleOf = (group: Conversation, p: Person) => group.members.find((m) => m.userId === id(p))?.role;

async function fullHistory(p: Person, conversationId: string): Promise<Message[]> {
  return (await p.t.history(conversationId, { limit: LIMITS.historyPageMax })).messages;
}

/**
 * The group and channel rules every adapter keeps: membership, permissions,
 * system entries, receipts that need every member, catch-up after removal and
 * after joining, idempotent create, typing in groups. Registered inside the
 * contract suite's describe, so they run wherever it runs.
 */
export function groupContractRules(ctx: ContractContext): void {
  async function trio(visibility: 'private' | 'public' = 'private') {
    const [owner, b, c] = await Promise.all([ctx.user('owner'), ctx.user('bea'), ctx.user('cal')]);
    const group = await owner.t.createGroup({ clientId: crypto.randomUUID(), title: 'Launch', visibility, memberIds: [id(b), id(c)] });
    return { owner, b, c, group };
  }

  it('groups: the creator owns a new group, the others are members, and its first entry says who made it', async () => {
    const { owner, b, c, group } = await trio();
    expect(group.kind).toBe('group');
    expect(group.group).toEqual({ title: 'Launch', visibility: 'private', createdBy: id(owner) });
    expect(roleOf(group, owner)).toBe('owner');
    expect([roleOf(group, b), roleOf(group, c)]).toEqual(['member', 'member']);
    for (const p of [owner, b, c]) {
      const [entry] = await fullHistory(p, group.id);
      expect(entry).toMatchObject({ seq: 1, senderId: id(owner), system: { type: 'created', title: 'Launch', memberIds: [id(b), id(c)] } });
      expect((await p.t.conversations()).find((s) => s.id === group.id)?.group?.title).toBe('Launch');
    }
  });

  it('groups: a create retried with its client id makes one group', async () => {
    const [owner, b] = await Promise.all([ctx.user('owner'), ctx.user('bea')]);
    const input = { clientId: crypto.randomUUID(), title: 'Once', visibility: 'private' as const, memberIds: [id(b)] };
    const [first, second] = await Promise.all([owner.t.createGroup(input), owner.t.createGroup(input)]);
    const third = await owner.t.createGroup(input);
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect((await b.t.conversations()).filter((s) => s.group?.title === 'Once')).toHaveLength(1);
    expect(await fullHistory(owner, first.id)).toHaveLength(1);
  });

  it('groups: a title is 1-80 characters of well-formed text; members must exist', async () => {
    const [owner, b] = await Promise.all([ctx.user('owner'), ctx.user('bea')]);
    const create = (title: string, memberIds = [id(b)]) => owner.t.createGroup({ clientId: crypto.randomUUID(), title, visibility: 'private', memberIds });
    await expectError(create('   '), 'INVALID_INPUT');
    await expectError(create('x'.repeat(LIMITS.groupTitleMax + 1)), 'INVALID_INPUT');
    await expectError(create('bad\u0000title'), 'INVALID_INPUT');
    await expectError(create('Ghosts', ['no-such-user']), 'NOT_FOUND');
    expect((await create(`  ${'x'.repeat(LIMITS.groupTitleMax)}  `)).group?.title).toBe('x'.repeat(LIMITS.groupTitleMax));
  });

  it('groups: a message reaches every member once, and nobody else', async () => {
    const { owner, b, c, group } = await trio();
    const outsider = await ctx.user('outsider');
    await Promise.all([b, c, outsider].map((p) => connectAndWait(p.t, p.session)));
    const seen = [b, c, outsider].map((p) => collect(p.t));
    const arrived = Promise.all([b, c].map((p) => nextEvent(p.t, isMessageIn(group.id))));
    const sent = await send(owner, group.id, 'hello team');
    await arrived;
    await holdsFor(() => {
      expect(seen.map((s) => s.events.filter(isMessageIn(group.id)).map((e) => e.message.id))).toEqual([[sent.id], [sent.id], []]);
    }, 300);
    for (const s of seen) s.stop();
  });

  it('groups: someone not in a private group cannot read, send, mark, type in, join or add to it', async () => {
    const { owner, group } = await trio();
    await send(owner, group.id, 'members only');
    const outsider = await ctx.user('outsider');
    await expectError(outsider.t.history(group.id, { limit: 10 }), 'FORBIDDEN');
    await expectError(send(outsider, group.id, 'let me in'), 'FORBIDDEN');
    await expectError(outsider.t.markRead(group.id, 1), 'FORBIDDEN');
    await expectError(outsider.t.joinChannel(group.id), 'FORBIDDEN');
    await expectError(outsider.t.addMembers(group.id, [id(outsider)]), 'FORBIDDEN');
    await expectError(outsider.t.messageInfo(group.id, 2), 'FORBIDDEN');
    expect((await outsider.t.conversations()).some((s) => s.id === group.id)).toBe(false);
  });

  it('groups: a member adds people, who see the whole history and the entry that added them; adding them again changes nothing', async () => {
    const { owner, b, group } = await trio();
    await send(owner, group.id, 'before you came');
    const newcomer = await ctx.user('newcomer');
    const after = await b.t.addMembers(group.id, [id(newcomer)]);
    expect(roleOf(after, newcomer)).toBe('member');
    expect(after.members).toHaveLength(4);
    const history = await fullHistory(newcomer, group.id);
    expect(bodies(history.slice(0, 2))[1]).toBe('before you came');
    expect(history.at(-1)).toMatchObject({ senderId: id(b), system: { type: 'added', userIds: [id(newcomer)] } });
    expect((await b.t.addMembers(group.id, [id(newcomer)])).lastSeq).toBe(after.lastSeq);
    expect((await newcomer.t.conversations()).find((s) => s.id === group.id)?.unreadCount).toBe(1);
  });

  it('groups: only the owner renames and removes; a member is FORBIDDEN', async () => {
    const { owner, b, c, group } = await trio();
    await expectError(b.t.renameGroup(group.id, 'Mine now'), 'FORBIDDEN');
    await expectError(b.t.removeMember(group.id, id(c)), 'FORBIDDEN');
    const renamed = await owner.t.renameGroup(group.id, 'Liftoff');
    expect(renamed.group?.title).toBe('Liftoff');
    const removed = await owner.t.removeMember(group.id, id(c));
    expect(removed.members.map((m) => m.userId)).not.toContain(id(c));
    expect(systemTypes(await fullHistory(b, group.id))).toEqual(['created', 'renamed', 'removed']);
    expect((await fullHistory(b, group.id)).at(-2)?.system).toEqual({ type: 'renamed', title: 'Liftoff' });
  });

  it('groups: a removed member keeps the history they had, receives nothing more and cannot send', async () => {
    const { owner, b, c, group } = await trio();
    await send(owner, group.id, 'while you were here');
    await connectAndWait(c.t, c.session);
    const told = nextEvent(c.t, (e) => e.type === 'message' && e.message.system?.type === 'removed');
    await owner.t.removeMember(group.id, id(c));
    await told;
    const later = collect(c.t);
    await connectAndWait(b.t, b.session);
    const bSees = nextEvent(b.t, isMessageIn(group.id));
    await send(owner, group.id, 'after you left');
    await bSees;
    await expectError(send(c, group.id, 'can I still talk?'), 'FORBIDDEN');
    await expectError(c.t.markRead(group.id, 1), 'FORBIDDEN');
    await holdsFor(() => expect(later.events.filter(isMessageIn(group.id))).toEqual([]), 300);
    later.stop();
    const kept = await fullHistory(c, group.id);
    expect(bodies(kept)).toContain('while you were here');
    expect(bodies(kept)).not.toContain('after you left');
    expect(kept.at(-1)?.system).toEqual({ type: 'removed', userId: id(c) });
    const listed = (await c.t.conversations()).find((s) => s.id === group.id);
    expect(listed?.lastMessage?.system?.type).toBe('removed');
    expect(listed?.members.map((m) => m.userId)).not.toContain(id(c));
  });

  it('groups: catch-up after a removal stops at the removal', async () => {
    const { owner, c, group } = await trio();
    const { cursor } = await c.t.catchUp(0);
    await owner.t.removeMember(group.id, id(c));
    await send(owner, group.id, 'not for you');
    await owner.t.renameGroup(group.id, 'Secret plans');
    const changes = await drain(c.t, cursor);
    const inGroup = changes.filter((ch) => conversationOf(ch) === group.id);
    expect(inGroup.map((ch) => (ch.type === 'message' ? ch.message.system?.type ?? ch.message.body : ch.type))).toEqual(['conversation', 'removed']);
    expect(JSON.stringify(changes)).not.toContain('Secret plans');
    expect(await drain(c.t, (await c.t.catchUp(cursor)).cursor)).toEqual([]);
  });

  it('groups: catch-up after being added brings the group and its entry; history has what came before', async () => {
    const { owner, group } = await trio();
    await send(owner, group.id, 'early words');
    const late = await ctx.user('late');
    const { cursor } = await late.t.bootstrap();
    await owner.t.addMembers(group.id, [id(late)]);
    const changes = (await drain(late.t, cursor)).filter((ch) => conversationOf(ch) === group.id);
    expect(changes.map((ch) => ch.type)).toEqual(['conversation', 'message']);
    const conversation = changes[0]!.type === 'conversation' ? changes[0]!.conversation : undefined;
    expect(conversation?.members.find((m) => m.userId === id(late))).toMatchObject({ role: 'member', joinedSeq: 3 });
    expect(bodies(await fullHistory(late, group.id))).toContain('early words');
  });

  it('groups: system entries have seqs and revs like messages: gap-free in history, in rev order in catch-up', async () => {
    const { owner, b, group } = await trio();
    await send(owner, group.id, 'one');
    await owner.t.renameGroup(group.id, 'Two');
    await send(b, group.id, 'three');
    const history = await fullHistory(b, group.id);
    expect(history.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    const changes = (await drain(b.t, 0)).filter((ch) => conversationOf(ch) === group.id);
    const revs = changes.map((ch) => ch.rev);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(changes.filter((ch) => ch.type === 'message').map((ch) => ch.type === 'message' && ch.message.seq)).toEqual([1, 2, 3, 4]);
  });

  it('groups: the last owner leaving hands the group to the longest-standing member; leaving again changes nothing', async () => {
    const { owner, b, c, group } = await trio();
    const later = await ctx.user('later');
    await owner.t.addMembers(group.id, [id(later)]);
    await owner.t.leaveGroup(group.id);
    await owner.t.leaveGroup(group.id);
    const history = await fullHistory(b, group.id);
    expect(history.at(-1)).toMatchObject({ senderId: id(owner), system: { type: 'left', newOwnerId: id(b) } });
    const now = (await b.t.conversations()).find((s) => s.id === group.id)!;
    expect(now.members.map((m) => [m.userId, m.role])).toEqual([
      [id(b), 'owner'],
      [id(c), 'member'],
      [id(later), 'member'],
    ]);
    expect((await b.t.renameGroup(group.id, 'New hands')).group?.title).toBe('New hands');
    await expectError(send(owner, group.id, 'I am back'), 'FORBIDDEN');
    await c.t.leaveGroup(group.id);
    expect((await fullHistory(b, group.id)).at(-1)?.system).toEqual({ type: 'left', newOwnerId: null });
  });

  it('channels: a public channel is found by search and joined by anyone; a private group is never listed and cannot be joined', async () => {
    const { owner, group } = await trio('public');
    const tag = crypto.randomUUID().slice(0, 8);
    const channel = await owner.t.renameGroup(group.id, `Launch ${tag}`);
    const hidden = await owner.t.createGroup({ clientId: crypto.randomUUID(), title: `Hidden ${tag}`, visibility: 'private', memberIds: [] });
    const walker = await ctx.user('walker');
    const found = await walker.t.browseChannels({ search: tag.toUpperCase() });
    expect(found.map((l) => l.id)).toEqual([channel.id]);
    expect(found[0]).toMatchObject({ title: `Launch ${tag}`, memberCount: 3, createdBy: id(owner) });
    expect((await walker.t.browseChannels({ search: 'no channel is called this' })).length).toBe(0);
    await expectError(walker.t.joinChannel(hidden.id), 'FORBIDDEN');
    const joined = await walker.t.joinChannel(channel.id);
    expect(roleOf(joined, walker)).toBe('member');
    expect((await walker.t.joinChannel(channel.id)).lastSeq).toBe(joined.lastSeq);
    expect((await fullHistory(walker, channel.id)).at(-1)).toMatchObject({ senderId: id(walker), system: { type: 'joined' } });
    expect((await walker.t.browseChannels({ search: tag })).length).toBe(0);
    await expectError(ctx.user('x').then((x) => x.t.history(hidden.id, { limit: 5 })), 'FORBIDDEN');
  });

  it('groups: a message is Delivered only once every other member has it, Read only once every other member read it', async () => {
    const { owner, b, c, group } = await trio();
    await connectAndWait(owner.t, owner.session);
    const sent = await send(owner, group.id, 'did everyone see this?');
    const statusNow = async () => (await fullHistory(owner, group.id)).find((m) => m.id === sent.id)!.status;
    await b.t.markRead(group.id, sent.seq);
    expect(await statusNow()).toBe('sent');
    await c.t.markDelivered(group.id, sent.seq);
    expect(await statusNow()).toBe('delivered');
    const late = await ctx.user('late');
    await owner.t.addMembers(group.id, [id(late)]);
    expect(await statusNow()).toBe('delivered');
    await c.t.markRead(group.id, sent.seq);
    expect(await statusNow()).toBe('read');
  });

  it('groups: message info lists who read, who only received and who has neither, with times', async () => {
    const { owner, b, c, group } = await trio();
    const d = await ctx.user('dee');
    await owner.t.addMembers(group.id, [id(d)]);
    const sent = await send(owner, group.id, 'info please');
    await b.t.markRead(group.id, sent.seq);
    await c.t.markDelivered(group.id, sent.seq);
    const info = await b.t.messageInfo(group.id, sent.seq);
    expect(info.conversationId).toBe(group.id);
    expect(info.read.map((r) => r.userId)).toEqual([id(b)]);
    expect(info.delivered.map((r) => r.userId)).toEqual([id(c)]);
    expect(info.pending).toEqual([id(d)]);
    for (const r of [...info.read, ...info.delivered]) expect(Number.isNaN(Date.parse(r.at!))).toBe(false);
    await expectError(b.t.messageInfo(group.id, sent.seq + 50), 'NOT_FOUND');
  });

  it('groups: typing reaches the other members only, and not someone removed', async () => {
    const { owner, b, c, group } = await trio();
    const outsider = await ctx.user('outsider');
    await owner.t.removeMember(group.id, id(c));
    await Promise.all([owner, b, c, outsider].map((p) => connectAndWait(p.t, p.session)));
    const watch = [c, outsider, owner].map((p) => collect(p.t));
    const bSees = nextEvent(b.t, (e) => e.type === 'typing' && e.conversationId === group.id && e.userId === id(owner) && e.typing);
    owner.t.setTyping(group.id, true);
    await bSees;
    await holdsFor(() => {
      expect(watch.map((w) => w.events.filter((e) => e.type === 'typing').length)).toEqual([0, 0, 0]);
    }, 300);
    for (const w of watch) w.stop();
    owner.t.setTyping(group.id, false);
  });

  it('groups: at most 256 members: creating with more, adding past it and joining a full channel are INVALID_INPUT', async () => {
    const owner = await ctx.user('owner');
    const [extra, ...others] = await ctx.harness().accounts(LIMITS.groupMembersMax);
    const create = (memberIds: string[]) => owner.t.createGroup({ clientId: crypto.randomUUID(), title: 'Everyone', visibility: 'public', memberIds });
    await expectError(create([extra!, ...others]), 'INVALID_INPUT');
    const full = await create(others);
    expect(full.members).toHaveLength(LIMITS.groupMembersMax);
    await expectError(owner.t.addMembers(full.id, [extra!]), 'INVALID_INPUT');
    const joiner = await ctx.user('joiner');
    await expectError(joiner.t.joinChannel(full.id), 'INVALID_INPUT');
    // Someone leaving makes room again.
    await owner.t.removeMember(full.id, others[0]!);
    expect((await joiner.t.joinChannel(full.id)).members).toHaveLength(LIMITS.groupMembersMax);
    await expectError(owner.t.addMembers(full.id, [extra!]), 'INVALID_INPUT');
  });
}
