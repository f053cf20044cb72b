import { describe, expect, it, vi } from 'vitest';
import { firstValueOf } from '../../../tests/support/observe';
import { ChatError, type ConversationId, type Session } from '../../transport';
import { eventually, type Tab, twoPeoplePerTest } from '../../../tests/support/backendHarness';

const people = twoPeoplePerTest();

/** Alice, Bob and Carol, each in a tab. */
async function threePeople(): Promise<{ a: Tab; b: Tab; c: Tab; carol: Session }> {
  const carol = await people.backend.register('carol');
  const [a, b, c] = await Promise.all([people.tab(people.alice), people.tab(people.bob), people.tab(carol)]);
  return { a, b, c, carol };
}

const row = (tab: Tab, id: ConversationId) => tab.engine.db.conversations.get(id);
const view = (tab: Tab, id: ConversationId) => firstValueOf(tab.engine.views.conversation(id));
const mineBySeq = async (tab: Tab, id: ConversationId, seq: number) =>
  (await tab.engine.db.messages.where('[conversationId+sortKey]').equals([id, seq]).first())?.status;

async function groupOfThree(): Promise<{ a: Tab; b: Tab; c: Tab; carol: Session; id: ConversationId }> {
  const three = await threePeople();
  const id = await three.a.client.actions.createGroup({ title: 'Design', visibility: 'private', memberIds: [people.bob.user.id, three.carol.user.id] });
  for (const tab of [three.b, three.c]) await eventually(async () => expect((await row(tab, id))?.group?.title).toBe('Design'));
  return { ...three, id };
}

describe('groups through the engine', () => {
  it('makes one group, even when the answer is lost and the create is tried again, and every member has it with its first entry', async () => {
    const { a, b, carol } = await threePeople();
    const create = a.transport.createGroup.bind(a.transport);
    vi.spyOn(a.transport, 'createGroup').mockImplementationOnce(async (input) => {
      await create(input);
      throw new ChatError('TIMEOUT', 'The response was lost.');
    });
    const id = await a.client.actions.createGroup({ title: '  Design  ', visibility: 'private', memberIds: [people.bob.user.id, carol.user.id] });

    expect(a.transport.createGroup).toHaveBeenCalledTimes(2);
    const summaries = await people.backend.service.conversations(people.alice.user.id);
    expect(summaries.filter((s) => s.kind === 'group')).toHaveLength(1);
    const mine = await view(a, id);
    expect(mine).toMatchObject({ kind: 'group', title: 'Design', group: { visibility: 'private', myRole: 'owner', canRename: true } });
    expect(mine?.group?.members.map((m) => m.role)).toEqual(['owner', 'member', 'member']);

    await eventually(async () => expect((await view(b, id))?.group).toMatchObject({ myRole: 'member', canAddMembers: true, canRemoveMembers: false }));
    const entries = async () => (await b.engine.db.messages.where('[conversationId+sortKey]').between([id, 0], [id, Infinity]).toArray()).map((m) => m.system?.type);
    await eventually(async () => expect(await entries()).toEqual(['created']));
  });

  it('shows my message Delivered once every other member has it, and Read only once both have read it', async () => {
    const { a, b, c, id } = await groupOfThree();
    await a.client.actions.send(id, 'hello both');
    const seq = 2;
    await eventually(async () => expect(await mineBySeq(a, id, seq)).toBe('delivered'));

    b.client.actions.setActiveConversation(id);
    b.client.actions.reached(id, seq);
    await eventually(async () => expect((await row(a, id))?.members.find((m) => m.userId === people.bob.user.id)?.readSeq).toBe(seq));
    expect(await mineBySeq(a, id, seq)).toBe('delivered');
    const info = await a.client.actions.messageInfo(id, seq);
    expect(info.read.map((r) => r.userId)).toEqual([people.bob.user.id]);
    expect(info.fromCache).toBe(false);

    c.client.actions.setActiveConversation(id);
    c.client.actions.reached(id, seq);
    await eventually(async () => expect(await mineBySeq(a, id, seq)).toBe('read'));
  });

  it('a removed member keeps the history, has nothing unread, and cannot send', async () => {
    const { a, c, carol, id } = await groupOfThree();
    await a.client.actions.removeMember(id, carol.user.id);
    expect((await view(a, id))?.group?.members).toHaveLength(2);

    await eventually(async () => expect((await view(c, id))?.group?.myRole).toBeNull());
    const carolsView = await view(c, id);
    expect(carolsView?.unreadCount).toBe(0);
    expect(carolsView?.group).toMatchObject({ canAddMembers: false, canRename: false });
    const clientId = await c.client.actions.send(id, 'still here?');
    await eventually(async () => expect((await c.engine.db.messages.get([carol.user.id, clientId]))?.error?.code).toBe('FORBIDDEN'));
  });

  it('shows a rename at once and puts it back, with the reason, when it is refused', async () => {
    const { b, id } = await groupOfThree();
    const refused = b.client.actions.renameGroup(id, 'Mine now');
    await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await view(b, id))?.title).toBe('Design');
    expect((await row(b, id))?.pendingEdit).toBeUndefined();
  });

  it('renames and leaves for everyone; the last owner leaving hands the group on', async () => {
    const { a, b, id } = await groupOfThree();
    await a.client.actions.renameGroup(id, 'Launch');
    await eventually(async () => expect((await view(b, id))?.title).toBe('Launch'));
    await a.client.actions.leaveGroup(id);
    expect((await view(a, id))?.group?.myRole).toBeNull();
    await eventually(async () => expect((await view(b, id))?.group?.members.map((m) => m.user.id)).not.toContain(people.alice.user.id));
    const owners = (await view(b, id))?.group?.members.filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('finds a public channel, joins it and sees its history; typing shows everyone who types', async () => {
    const { a, b, c, carol } = await threePeople();
    const id = await a.client.actions.createGroup({ title: 'Launch', visibility: 'public', memberIds: [carol.user.id] });
    await a.client.actions.send(id, 'welcome');
    const found = await b.client.actions.browseChannels('laun');
    expect(found.map((ch) => [ch.title, ch.memberCount])).toEqual([['Launch', 2]]);
    await b.client.actions.joinChannel(id);
    expect((await view(b, id))?.group?.myRole).toBe('member');
    expect(await b.client.actions.browseChannels('')).toEqual([]);

    await eventually(async () => expect((await view(c, id))?.group?.members).toHaveLength(3));
    b.client.actions.typing(id);
    c.client.actions.typing(id);
    await eventually(() => expect(Object.keys(a.client.stores.ui.getState().typing[id] ?? {}).sort()).toEqual([people.bob.user.id, carol.user.id].sort()));
  });

  it('refuses group changes offline at once, saying why', async () => {
    const { a, id } = await groupOfThree();
    a.link.setOnline(false);
    await eventually(() => expect(a.client.stores.connection.getState().status).toBe('offline'));
    await expect(a.client.actions.renameGroup(id, 'Elsewhere')).rejects.toMatchObject({ code: 'OFFLINE' });
    const info = await a.client.actions.messageInfo(id, 1);
    expect(info.fromCache).toBe(true);
  });
});
