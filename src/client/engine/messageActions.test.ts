import { describe, expect, it, vi } from 'vitest';
import { ChatError, type ConversationId, type Message, type Session } from '../../transport';
import type { MessageView } from '../api';
import { applyChanges } from '../sync/apply';
import { firstValueOf as firstValue } from '../../../tests/support/observe';
import { eventually, type FaultyLink, type Tab, twoPeoplePerTest } from '../../../tests/support/backendHarness';

const people = twoPeoplePerTest();
const tabOf = (session: Session, link?: FaultyLink) => people.tab(session, link);

/** What the conversation shows on `tab`: the cache with my queued operations on top. */
async function shown(tab: Tab, conversationId: ConversationId): Promise<MessageView[]> {
  return firstValue(tab.engine.views.messages(conversationId, 1, null));
}

async function shownBody(tab: Tab, conversationId: ConversationId, clientId: string): Promise<MessageView> {
  const view = (await shown(tab, conversationId)).find((m) => m.clientId === clientId);
  if (!view) throw new Error(`${clientId} is not shown`);
  return view;
}

/** The server's messages of the conversation, oldest first, as `reader` would get them. */
async function onServer(conversationId: ConversationId, reader = people.alice): Promise<Message[]> {
  return (await people.backend.service.history(reader.user.id, { conversationId, limit: 100 })).messages;
}

/** Alice and Bob online, in one conversation, with `bodies` sent by Alice and acknowledged; resolves their refs. */
async function conversationWith(bodies: string[]) {
  const a = await tabOf(people.alice);
  const b = await tabOf(people.bob);
  const conversationId = await a.client.actions.openDirect(people.bob.user.id);
  const refs = [];
  for (const body of bodies) refs.push({ conversationId, senderId: people.alice.user.id, clientId: await a.client.actions.send(conversationId, body) });
  await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
  await eventually(async () => expect((await shown(b, conversationId)).map((m) => m.body)).toEqual(bodies));
  return { a, b, conversationId, refs };
}

/** Counts the requests of the message actions a tab makes. */
function spyActions(tab: Tab) {
  return { send: vi.spyOn(tab.transport, 'send'), edit: vi.spyOn(tab.transport, 'editMessage'), delete: vi.spyOn(tab.transport, 'deleteMessage'), react: vi.spyOn(tab.transport, 'react') };
}

describe('message actions offline', () => {
  it('shows an edit, a delete and a reaction at once, keeps them queued, and sends each once on reconnect', async () => {
    const { a, b, conversationId, refs } = await conversationWith(['typo hree', 'oops', 'keep']);
    const bobs = { conversationId, senderId: people.bob.user.id, clientId: await b.client.actions.send(conversationId, 'from bob') };
    await eventually(async () => expect((await shown(a, conversationId)).map((m) => m.body)).toContain('from bob'));
    const calls = spyActions(a);
    a.link.setOnline(false);

    await a.client.actions.editMessage(refs[0]!, 'typo here');
    await a.client.actions.deleteMessage(refs[1]!);
    await a.client.actions.react(bobs, '👍', true);
    await a.client.actions.react(refs[2]!, '❤️', true);
    const views = await shown(a, conversationId);
    expect(views.map((m) => [m.body, m.deleted, m.saving])).toEqual([
      ['typo here', false, true],
      ['', true, true],
      ['keep', false, true],
      ['from bob', false, true],
    ]);
    expect(views[0]!.editedAt).not.toBeNull();
    expect(views[3]!.reactions).toEqual([{ emoji: '👍', count: 1, mine: true, userIds: [people.alice.user.id] }]);
    expect(await a.client.actions.countUnsent()).toEqual({ messages: 0, changes: 4 });

    a.link.setOnline(true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect([calls.edit.mock.calls.length, calls.delete.mock.calls.length, calls.react.mock.calls.length, calls.send.mock.calls.length]).toEqual([1, 1, 2, 0]);
    const server = await onServer(conversationId);
    expect(server.map((m) => [m.body, m.editedAt !== undefined, m.deletedAt !== undefined, m.reactions?.map((r) => r.emoji) ?? []])).toEqual([
      ['typo here', true, false, []],
      ['', false, true, []],
      ['keep', false, false, ['❤️']],
      ['from bob', false, false, ['👍']],
    ]);
    // Nothing waits any more; Bob saw each change live; a deleted body is gone from both caches.
    expect((await shown(a, conversationId)).map((m) => m.saving)).toEqual([false, false, false, false]);
    await eventually(async () =>
      expect((await shown(b, conversationId)).map((m) => [m.body, m.deleted, m.reactions.map((r) => r.emoji)])).toEqual([
        ['typo here', false, []],
        ['', true, []],
        ['keep', false, ['❤️']],
        ['from bob', false, ['👍']],
      ]),
    );
    for (const tab of [a, b]) expect((await tab.engine.db.messages.get([people.alice.user.id, refs[1]!.clientId]))?.body).toBe('');
  });

  it('keeps queued operations across a reload and sends them after it', async () => {
    const { a, conversationId, refs } = await conversationWith(['first draft']);
    a.link.setOnline(false);
    await a.client.actions.editMessage(refs[0]!, 'second draft');
    await a.client.actions.react(refs[0]!, '🙏', true);
    await a.reload();
    expect((await shownBody(a, conversationId, refs[0]!.clientId))).toMatchObject({ body: 'second draft', saving: true, reactions: [{ emoji: '🙏', mine: true }] });
    expect(await a.client.actions.countUnsent()).toEqual({ messages: 0, changes: 2 });
    a.link.setOnline(true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect((await onServer(conversationId))[0]).toMatchObject({ body: 'second draft', reactions: [{ emoji: '🙏', userIds: [people.alice.user.id] }] });
  });

  it('sends a reply with the seq it answers, and shows its quote from the cache', async () => {
    const { a, b, conversationId, refs } = await conversationWith(['question?']);
    b.link.setOnline(false);
    const reply = await b.client.actions.send(conversationId, 'answer', { replyToSeq: 1 });
    expect((await shownBody(b, conversationId, reply)).replyTo).toEqual({ seq: 1, available: true, senderId: people.alice.user.id, body: 'question?', deleted: false });
    b.link.setOnline(true);
    await eventually(async () => expect(await b.engine.db.outbox.count()).toBe(0));
    expect((await onServer(conversationId))[1]).toMatchObject({ body: 'answer', replyToSeq: 1 });
    await eventually(async () => expect((await shownBody(a, conversationId, reply)).replyTo?.body).toBe('question?'));

    // The original deleted since: the quote says so.
    await a.client.actions.deleteMessage(refs[0]!);
    await eventually(async () => expect((await shownBody(b, conversationId, reply)).replyTo).toMatchObject({ available: true, deleted: true, body: '' }));
    await expect(b.client.actions.send(conversationId, 'bad', { replyToSeq: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('two tabs of one person', () => {
  it('sends an operation queued in the tab that does not hold the outbox from the one that does, once', async () => {
    const { a, conversationId, refs } = await conversationWith(['shared']);
    const second = await tabOf(people.alice);
    const firstCalls = spyActions(a);
    const secondCalls = spyActions(second);
    await eventually(async () => expect((await shown(second, conversationId)).map((m) => m.body)).toEqual(['shared']));
    // Offline, then back: in one Node process the tabs' databases do not tell each other of a write as a
    // browser's do, so the first tab's outbox learns of it when the connection comes back.
    a.link.setOnline(false);
    second.link.setOnline(false);
    await second.client.actions.editMessage(refs[0]!, 'shared, edited in the second tab');
    // Both tabs show it at once: the outbox is the person's, not the tab's.
    expect((await shownBody(a, conversationId, refs[0]!.clientId)).body).toBe('shared, edited in the second tab');
    second.link.setOnline(true);
    a.link.setOnline(true);
    await eventually(async () => expect(await second.engine.db.outbox.count()).toBe(0));
    expect(firstCalls.edit).toHaveBeenCalledTimes(1);
    expect(secondCalls.edit).not.toHaveBeenCalled();
    expect((await onServer(conversationId))[0]?.body).toBe('shared, edited in the second tab');
  });
});

describe('what folds into the outbox', () => {
  it('sends an unsent message with its edit instead: one send, no edit, not marked edited', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    const calls = spyActions(a);
    a.link.setOnline(false);
    const clientId = await a.client.actions.send(conversationId, 'teh plan');
    const ref = { conversationId, senderId: people.alice.user.id, clientId };
    await a.client.actions.editMessage(ref, 'the plan');
    expect(await shownBody(a, conversationId, clientId)).toMatchObject({ body: 'the plan', status: 'pending', saving: false, editedAt: null });
    expect(await a.client.actions.countUnsent()).toEqual({ messages: 1, changes: 0 });
    a.link.setOnline(true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect(calls.send).toHaveBeenCalledTimes(1);
    expect(calls.edit).not.toHaveBeenCalled();
    const [stored] = await onServer(conversationId);
    expect(stored).toMatchObject({ body: 'the plan', clientId });
    expect(stored!.editedAt).toBeUndefined();
  });

  it('does not send an unsent message that is deleted, nor what was queued on it', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    const calls = spyActions(a);
    a.link.setOnline(false);
    const kept = await a.client.actions.send(conversationId, 'kept');
    const clientId = await a.client.actions.send(conversationId, 'never mind');
    await a.client.actions.deleteMessage({ conversationId, senderId: people.alice.user.id, clientId });
    expect((await shown(a, conversationId)).map((m) => m.clientId)).toEqual([kept]);
    expect(await a.client.actions.countUnsent()).toEqual({ messages: 1, changes: 0 });
    a.link.setOnline(true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect(calls.send).toHaveBeenCalledTimes(1);
    expect(calls.delete).not.toHaveBeenCalled();
    expect((await onServer(conversationId)).map((m) => m.body)).toEqual(['kept']);
  });

  it('drops a queued edit of a message then deleted; a second edit replaces the first; on then off cancels both', async () => {
    const { a, conversationId, refs } = await conversationWith(['one', 'two']);
    const calls = spyActions(a);
    a.link.setOnline(false);
    await a.client.actions.editMessage(refs[0]!, 'one, edited');
    await a.client.actions.deleteMessage(refs[0]!);
    await a.client.actions.editMessage(refs[1]!, 'two, edited');
    await a.client.actions.editMessage(refs[1]!, 'two, edited again');
    await a.client.actions.react(refs[1]!, '😂', true);
    await a.client.actions.react(refs[1]!, '😂', false);
    await a.client.actions.react(refs[1]!, '😮', true);
    await a.client.actions.react(refs[1]!, '😮', true);
    expect((await a.engine.db.outbox.toArray()).map((row) => row.kind)).toEqual(['delete', 'edit', 'react']);
    a.link.setOnline(true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect(calls.edit.mock.calls.map(([input]) => input.body)).toEqual(['two, edited again']);
    expect(calls.delete).toHaveBeenCalledTimes(1);
    expect(calls.react.mock.calls.map(([input]) => [input.emoji, input.on])).toEqual([['😮', true]]);
    expect((await onServer(conversationId)).map((m) => [m.body, m.reactions?.map((r) => r.emoji) ?? []])).toEqual([
      ['', []],
      ['two, edited again', ['😮']],
    ]);
  });

  it('never rewrites a send the server may hold: an edit made while it is on its way waits behind it', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    const calls = spyActions(a);
    a.link.holdResponses();
    // Nor does its event come: the message is known to be stored only by the ack.
    a.link.dropEvents = 10;
    const clientId = await a.client.actions.send(conversationId, 'sent as typed');
    await eventually(() => expect(calls.send).toHaveBeenCalledTimes(1));
    // The server stored it; the answer has not come back. An edit now must not change what a retry sends.
    const ref = { conversationId, senderId: people.alice.user.id, clientId };
    await a.client.actions.editMessage(ref, 'fixed on the way');
    await a.client.actions.react(ref, '👍', true);
    expect(await shownBody(a, conversationId, clientId)).toMatchObject({ body: 'fixed on the way', status: 'pending', saving: true });
    a.link.releaseResponses();
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect(calls.send.mock.calls.map(([input]) => input.body)).toEqual(['sent as typed']);
    expect(calls.edit.mock.calls.map(([input]) => [input.seq, input.body])).toEqual([[1, 'fixed on the way']]);
    expect((await onServer(conversationId))[0]).toMatchObject({ body: 'fixed on the way', reactions: [{ emoji: '👍' }] });
    expect(await shownBody(a, conversationId, clientId)).toMatchObject({ body: 'fixed on the way', saving: false });
  });

  it('folds what was queued on a send the server then refuses into the failed message', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    let refuse!: () => void;
    const refused = new Promise<void>((resolve) => (refuse = resolve));
    vi.spyOn(a.transport, 'send').mockImplementationOnce(async () => {
      await refused;
      throw new ChatError('FORBIDDEN', 'Not today.');
    });
    const clientId = await a.client.actions.send(conversationId, 'first words');
    const ref = { conversationId, senderId: people.alice.user.id, clientId };
    await eventually(async () => expect((await a.engine.db.outbox.toArray()).map((row) => row.state)).toEqual(['sending']));
    await a.client.actions.editMessage(ref, 'better words');
    refuse();
    await eventually(async () => expect(await shownBody(a, conversationId, clientId)).toMatchObject({ status: 'failed', body: 'better words', saving: false }));
    expect((await a.engine.db.outbox.toArray()).map((row) => [row.kind, row.state, 'body' in row ? row.body : null])).toEqual([['send', 'failed', 'better words']]);
    // Edited again, a failed message is tried again with it.
    await a.client.actions.editMessage(ref, 'best words');
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect((await onServer(conversationId)).map((m) => [m.clientId, m.body])).toEqual([[clientId, 'best words']]);
  });
});

describe('refusals', () => {
  it("rolls back a refused reaction and says why on the message, until my next action on it", async () => {
    const { a, b, conversationId, refs } = await conversationWith(['soon gone']);
    b.link.setOnline(false);
    await b.client.actions.react(refs[0]!, '👍', true);
    expect((await shownBody(b, conversationId, refs[0]!.clientId)).reactions).toHaveLength(1);
    await a.client.actions.deleteMessage(refs[0]!);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));

    b.link.setOnline(true);
    await eventually(async () => expect(await b.engine.db.outbox.count()).toBe(0));
    await eventually(async () =>
      expect(await shownBody(b, conversationId, refs[0]!.clientId)).toMatchObject({
        deleted: true,
        reactions: [],
        saving: false,
        actionError: { action: 'react', code: 'INVALID_INPUT' },
      }),
    );
    expect((await onServer(conversationId))[0]).toMatchObject({ body: '', deletedAt: expect.any(String) });
  });

  it('rolls back a refused edit to the body the server has', async () => {
    const { a, conversationId, refs } = await conversationWith(['as it was']);
    a.link.inject(new ChatError('FORBIDDEN', 'Not yours any more.'));
    await a.client.actions.editMessage(refs[0]!, 'as I want it');
    await eventually(async () =>
      expect(await shownBody(a, conversationId, refs[0]!.clientId)).toMatchObject({
        body: 'as it was',
        editedAt: null,
        saving: false,
        actionError: { action: 'edit', code: 'FORBIDDEN', message: 'Not yours any more.' },
      }),
    );
    await a.client.actions.react(refs[0]!, '👍', true);
    expect((await shownBody(a, conversationId, refs[0]!.clientId)).actionError).toBeNull();
  });

  it('refuses at once what the server would refuse: someone else’s message, a deleted one, not an emoji, an empty edit', async () => {
    const { b, conversationId, refs } = await conversationWith(['mine']);
    await expect(b.client.actions.editMessage(refs[0]!, 'hijacked')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(b.client.actions.deleteMessage(refs[0]!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(b.client.actions.react(refs[0]!, 'ok', true)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(b.client.actions.react({ ...refs[0]!, clientId: 'no-such-message' }, '👍', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(people.tab(people.alice).then((a) => a.client.actions.editMessage(refs[0]!, '   '))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await b.engine.db.outbox.count()).toBe(0);
    expect((await shown(b, conversationId))[0]?.actionError).toBeNull();
  });
});

describe('catching up on message actions', () => {
  it("brings others' edits, deletes and reactions made while this device was away", async () => {
    const { a, b, conversationId, refs } = await conversationWith(['edit me', 'delete me', 'react to me']);
    const unread = async () => (await firstValue(b.engine.views.conversation(conversationId)))?.unreadCount;
    expect(await unread()).toBe(3);
    b.link.setOnline(false);
    await a.client.actions.editMessage(refs[0]!, 'edited');
    await a.client.actions.deleteMessage(refs[1]!);
    await a.client.actions.react(refs[2]!, '🙏', true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    expect((await shown(b, conversationId)).map((m) => m.body)).toEqual(['edit me', 'delete me', 'react to me']);

    b.link.setOnline(true);
    await eventually(async () =>
      expect((await shown(b, conversationId)).map((m) => [m.body, m.editedAt !== null, m.deleted, m.reactions.map((r) => r.emoji)])).toEqual([
        ['edited', true, false, []],
        ['', false, true, []],
        ['react to me', false, false, ['🙏']],
      ]),
    );
    expect((await b.engine.db.messages.get([people.alice.user.id, refs[1]!.clientId]))?.body).toBe('');
    // Catch-up carried no new message: nothing more is unread.
    expect(await unread()).toBe(3);
  });

  it('never lets a late older state overwrite a newer one', async () => {
    const { a, conversationId, refs } = await conversationWith(['v1']);
    await a.client.actions.editMessage(refs[0]!, 'v2');
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    const [first] = await onServer(conversationId);
    await a.client.actions.editMessage(refs[0]!, 'v3');
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    const [latest] = await onServer(conversationId);
    expect(latest!.updateRev).toBeGreaterThan(first!.updateRev!);

    // The earlier state arrives late, as an event and as a history page; the message as sent, too.
    await applyChanges(a.engine.db, people.alice.user.id, [{ type: 'messageUpdate', rev: first!.updateRev!, message: first! }]);
    await applyChanges(a.engine.db, people.alice.user.id, [{ type: 'message', rev: 0, message: { ...first!, body: 'v1', updateRev: undefined, editedAt: undefined } }]);
    expect(await shownBody(a, conversationId, refs[0]!.clientId)).toMatchObject({ body: 'v3' });
    expect((await a.engine.db.messages.get([people.alice.user.id, refs[0]!.clientId]))?.updateRev).toBe(latest!.updateRev);
  });

  it('stores an update of a message the cache lacks, and a history page read before it does not undo it', async () => {
    const { a, b, conversationId, refs } = await conversationWith(['old news']);
    const [before] = await onServer(conversationId, people.bob);
    await b.engine.db.messages.clear();
    await a.client.actions.editMessage(refs[0]!, 'new news');
    await eventually(async () => expect((await shown(b, conversationId)).map((m) => m.body)).toEqual(['new news']));
    // The page read before the edit lands after it.
    await applyChanges(b.engine.db, people.bob.user.id, [{ type: 'message', rev: 0, message: before! }]);
    expect((await shown(b, conversationId)).map((m) => m.body)).toEqual(['new news']);
  });
});
