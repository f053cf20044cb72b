import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { ChatError, type ConversationId, type Session } from '../../transport';
import { clientDbName } from '../db/clientDb';
import { DraftJournal } from '../drafts/draftJournal';
import { applyChanges } from '../sync/apply';
import { firstValueOf as firstValue } from '../../../tests/support/observe';
import { eventually, type FaultyLink, PASSWORD, Tab, twoPeoplePerTest } from '../../../tests/support/backendHarness';

const people = twoPeoplePerTest();
const tabOf = (session: Session, link?: FaultyLink) => people.tab(session, link);

async function messages(tab: Tab, conversationId: ConversationId) {
  return (await tab.engine.db.messages.where('[conversationId+sortKey]').between([conversationId, -Infinity], [conversationId, Infinity]).toArray());
}

describe('sending', () => {
  it('shows a message at once as pending, offline, and sends it when the network returns', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    a.link.setOnline(false);

    const clientId = await a.client.actions.send(conversationId, '  hello bob  ');
    const [row] = await messages(a, conversationId);
    expect(row).toMatchObject({ clientId, body: 'hello bob', status: 'pending', seq: null, id: null });
    expect(await a.engine.db.outbox.count()).toBe(1);

    a.link.setOnline(true);
    await eventually(async () => expect((await messages(a, conversationId))[0]?.status).toBe('sent'));
    const after = await messages(a, conversationId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ clientId, seq: 1, sortKey: 1 });
    expect(after[0]!.id).toEqual(expect.any(String));
    expect(await a.engine.db.outbox.count()).toBe(0);
  });

  it('keeps one row when the message event arrives before the ack', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    a.link.holdResponses();
    const clientId = await a.client.actions.send(conversationId, 'event first');

    await eventually(async () => expect((await messages(a, conversationId))[0]?.status).toBe('sent'));
    a.link.releaseResponses();
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    const rows = await messages(a, conversationId);
    expect(rows.map((r) => [r.clientId, r.seq, r.status])).toEqual([[clientId, 1, 'sent']]);
  });

  it('delivers exactly once when responses are lost and the send is retried', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    a.link.inject(new ChatError('TIMEOUT'));
    a.link.holdResponses();
    await a.client.actions.send(conversationId, 'one');
    // The server stored it, the answer is lost with the connection; the retry must not duplicate it.
    a.link.setOnline(false);
    a.link.releaseResponses();
    a.link.setOnline(true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    const page = await people.backend.service.history(people.alice.user.id, { conversationId, limit: 10 });
    expect(page.messages.map((m) => m.body)).toEqual(['one']);
    expect((await messages(a, conversationId)).map((r) => r.status)).toEqual(['sent']);
  });

  it('marks a refused message failed with the reason; retry sends it, discard removes it', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    const tooLong = await a.client.actions.send(conversationId, 'x'.repeat(4001));
    await eventually(async () => expect((await messages(a, conversationId))[0]?.status).toBe('failed'));
    expect((await messages(a, conversationId))[0]!.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    a.link.inject(new ChatError('FORBIDDEN'));
    const refused = await a.client.actions.send(conversationId, 'refused once');
    await eventually(async () => expect((await a.engine.db.messages.get([people.alice.user.id, refused]))?.status).toBe('failed'));

    await a.client.actions.retry(refused);
    await eventually(async () => expect((await a.engine.db.messages.get([people.alice.user.id, refused]))?.status).toBe('sent'));
    await a.client.actions.discard(tooLong);
    const rows = await messages(a, conversationId);
    expect(rows.map((r) => [r.body, r.status])).toEqual([['refused once', 'sent']]);
    expect(await a.engine.db.outbox.count()).toBe(0);
  });

  it('resumes the outbox after a reload, in order, with the same rows', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    a.link.setOnline(false);
    const ids = [];
    for (const body of ['first', 'second', 'third']) ids.push(await a.client.actions.send(conversationId, body));

    await a.reload();
    expect(a.client.stores.session.getState()).toMatchObject({ status: 'signed-in', session: { user: { id: people.alice.user.id } } });
    expect((await messages(a, conversationId)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    a.link.setOnline(true);
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    const rows = await messages(a, conversationId);
    expect(rows.map((r) => [r.clientId, r.body, r.seq])).toEqual([
      [ids[0], 'first', 1],
      [ids[1], 'second', 2],
      [ids[2], 'third', 3],
    ]);
  });

  it('lets only one tab of a user drain the outbox, and the other take over when it closes', async () => {
    const first = await tabOf(people.alice);
    const second = await tabOf(people.alice);
    const conversationId = await first.client.actions.openDirect(people.bob.user.id);
    const firstSends = vi.spyOn(first.transport, 'send');
    const secondSends = vi.spyOn(second.transport, 'send');
    first.link.setOnline(false);
    second.link.setOnline(false);
    await first.client.actions.send(conversationId, 'from the first tab');
    await second.client.actions.send(conversationId, 'from the second tab');
    first.link.setOnline(true);
    second.link.setOnline(true);

    await eventually(async () => expect(await first.engine.db.outbox.count()).toBe(0));
    expect(firstSends).toHaveBeenCalledTimes(2);
    expect(secondSends).not.toHaveBeenCalled();

    await first.close();
    await second.client.actions.send(conversationId, 'after the first tab closed');
    await eventually(async () => expect(await second.engine.db.outbox.count()).toBe(0));
    expect(secondSends).toHaveBeenCalledTimes(1);
    const page = await people.backend.service.history(people.alice.user.id, { conversationId, limit: 10 });
    expect(page.messages.map((m) => m.body)).toEqual(['from the first tab', 'from the second tab', 'after the first tab closed']);
  });
});

describe('first sync', () => {
  /** Bob writes `count` messages to Alice (one in three of them hers), who has read the first `read`. */
  async function history(count: number, read: number) {
    const { service } = people.backend;
    const conversation = await service.openDirect(people.bob.user.id, { userId: people.alice.user.id });
    for (let i = 1; i <= count; i++) {
      const sender = i % 3 === 0 ? people.alice : people.bob;
      await service.send(sender.user.id, { conversationId: conversation.id, clientId: `history-${i}-xxxx`, body: `#${i}` });
    }
    await service.markRead(people.alice.user.id, { conversationId: conversation.id, uptoSeq: read });
    return conversation.id;
  }

  it('asks for the bootstrap once, stores it with its cursor, and catches up from there, not from the beginning', async () => {
    const conversationId = await history(300, 100);
    const tab = new Tab(people.backend);
    const bootstraps = vi.spyOn(tab.transport, 'bootstrap');
    const catchUps = vi.spyOn(tab.transport, 'catchUp');
    const histories = vi.spyOn(tab.transport, 'history');
    await tab.client.start();
    await tab.client.actions.signIn({ username: people.alice.user.username, password: PASSWORD });
    const horizon = await people.backend.service.bootstrap(people.alice.user.id);
    await eventually(async () => expect((await tab.client.syncProgress())?.cursor).toBeGreaterThanOrEqual(horizon.cursor));
    await eventually(() => expect(catchUps).toHaveBeenCalled());

    expect(bootstraps).toHaveBeenCalledTimes(1);
    expect(catchUps.mock.calls.every(([since]) => since > 0)).toBe(true);
    expect(histories).not.toHaveBeenCalled();
    // The newest message only; the unread count is the server's: 200 above the marker, 67 of them hers.
    expect((await messages(tab, conversationId)).map((m) => m.seq)).toEqual([300]);
    expect((await firstValue(tab.engine.views.conversation(conversationId)))?.unreadCount).toBe(133);
    expect(await tab.engine.db.users.count()).toBe(2);
    await tab.close();
  });

  it('counts unread from the summary for what is not cached and from the cache for what came after', async () => {
    const conversationId = await history(30, 10);
    const a = await tabOf(people.alice);
    const unread = async () => (await firstValue(a.engine.views.conversation(conversationId)))?.unreadCount;
    // 20 above the marker, 7 of them hers.
    await eventually(async () => expect(await unread()).toBe(13));
    await people.backend.service.send(people.bob.user.id, { conversationId, clientId: 'later-xxxxxxxx', body: 'later' });
    await eventually(async () => expect(await unread()).toBe(14));
    // Read elsewhere up to 20, messages this device never held: it takes all ten for Bob's (three were hers), 14 - 10.
    await people.backend.service.markRead(people.alice.user.id, { conversationId, uptoSeq: 20 });
    await eventually(async () => expect(await unread()).toBe(4));
    // A reconnect brings a new summary, exact again: seqs 22, 23, 25, 26, 28, 29 and 31.
    a.link.setOnline(false);
    a.link.setOnline(true);
    await eventually(async () => expect(await unread()).toBe(7));
  });

  /** Alice signs in on a new device whose bootstrap waits until `answer` is called. */
  async function aliceWithBootstrapHeld(): Promise<{ tab: Tab; answer: () => void }> {
    const tab = new Tab(people.backend);
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const bootstrap = tab.transport.bootstrap.bind(tab.transport);
    vi.spyOn(tab.transport, 'bootstrap').mockImplementation(async () => {
      await held;
      return bootstrap();
    });
    await tab.client.start();
    await tab.client.actions.signIn({ username: people.alice.user.username, password: PASSWORD });
    return { tab, answer };
  }

  it('a change before the first sync lands sets no cursor: the bootstrap does', async () => {
    const conversationId = await history(3, 0);
    const { tab, answer } = await aliceWithBootstrapHeld();
    await eventually(() => expect(tab.transport.connectionState().status).toBe('online'));
    await people.backend.service.send(people.bob.user.id, { conversationId, clientId: 'live-xxxxxxxx', body: 'live' });
    await eventually(async () => expect((await messages(tab, conversationId)).map((m) => m.body)).toEqual(['live']));
    expect(await tab.engine.db.meta.get('cursor')).toBeUndefined();
    answer();
    await eventually(async () => expect(await tab.engine.db.meta.get('cursor')).toBeDefined());
    // Bob's two before, and his live one.
    expect((await firstValue(tab.engine.views.conversation(conversationId)))?.unreadCount).toBe(3);
    await tab.close();
  });

  it('lists every conversation and person the moment it says synced, never a list still catching up (listing)', async () => {
    const { service } = people.backend;
    const others = [people.bob, ...(await Promise.all(['carol', 'dan', 'erin', 'frank'].map((name) => people.backend.register(name))))];
    for (const other of others) {
      const conversation = await service.openDirect(other.user.id, { userId: people.alice.user.id });
      await service.send(other.user.id, { conversationId: conversation.id, clientId: `hello-${other.user.id}`, body: 'hello' });
    }
    const { tab, answer } = await aliceWithBootstrapHeld();
    const seen: { synced: boolean; conversations: number; people: number }[] = [];
    const subscription = tab.engine.views.listing().subscribe({
      next: (listing) => seen.push({ synced: listing.synced, conversations: listing.conversations.length, people: listing.directory.length }),
    });
    await eventually(() => expect(seen.length).toBeGreaterThan(0));
    answer();
    await eventually(() => expect(seen.at(-1)).toEqual({ synced: true, conversations: 5, people: 5 }));
    subscription.unsubscribe();
    // The list screen renders at the first synced answer: "More people" must not move down after it.
    for (const listing of seen.filter((each) => each.synced)) expect(listing).toEqual({ synced: true, conversations: 5, people: 5 });
    expect(seen[0]?.synced).toBe(false);
    await tab.close();
  });
});

describe('the directory', () => {
  it('finds someone who joined after the first sync once the person browses it, asking once however often', async () => {
    const a = await tabOf(people.alice);
    await eventually(async () => expect((await a.engine.db.users.toArray()).map((u) => u.id)).toContain(people.bob.user.id));
    // A stranger's presence never reaches Alice (presence goes to people who share a conversation).
    const carol = await people.backend.register('carol');
    const users = vi.spyOn(a.transport, 'users');

    a.client.actions.browseDirectory();
    a.client.actions.browseDirectory();
    await eventually(async () => expect((await a.engine.db.users.toArray()).map((u) => u.id)).toContain(carol.user.id));
    expect(users).toHaveBeenCalledTimes(1);
  });

  it('meets someone who joined after the first sync when they write to me or add me to a group: their name, not "Unknown"', async () => {
    const a = await tabOf(people.alice);
    await eventually(async () => expect((await a.engine.db.users.toArray()).map((u) => u.id)).toContain(people.bob.user.id));
    const known = async () => (await a.engine.db.users.toArray()).map((u) => u.id);
    const carol = await people.backend.register('carol');
    const conversation = await people.backend.service.openDirect(carol.user.id, { userId: people.alice.user.id });
    await people.backend.service.send(carol.user.id, { conversationId: conversation.id, clientId: 'hello-from-carol', body: 'Hi, I am new here' });
    await eventually(async () => expect(await known()).toContain(carol.user.id));

    // Away meanwhile: catch-up brings the group, and with it the new person.
    a.link.setOnline(false);
    const dave = await people.backend.register('dave');
    await people.backend.service.createGroup(dave.user.id, { clientId: 'daves-group-1', title: 'New folks', visibility: 'private', memberIds: [people.alice.user.id] });
    a.link.setOnline(true);
    await eventually(async () => expect(await known()).toContain(dave.user.id));
  });
});

describe('sync', () => {
  it('catches up on what happened while offline', async () => {
    const a = await tabOf(people.alice);
    const b = await tabOf(people.bob);
    const conversationId = await b.client.actions.openDirect(people.alice.user.id);
    a.link.setOnline(false);
    for (let i = 1; i <= 5; i++) await b.client.actions.send(conversationId, `while you were away ${i}`);
    await eventually(async () => expect(await b.engine.db.outbox.count()).toBe(0));
    expect(await a.engine.db.messages.count()).toBe(0);

    a.link.setOnline(true);
    await eventually(async () => expect((await messages(a, conversationId)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]));
    expect((await a.engine.db.meta.get('cursor'))?.value).toBeGreaterThan(0);
  });

  it('runs a catch-up when a message skips a seq', async () => {
    const a = await tabOf(people.alice);
    const b = await tabOf(people.bob);
    const conversationId = await b.client.actions.openDirect(people.alice.user.id);
    await eventually(async () => expect(await a.engine.db.conversations.get(conversationId)).toBeDefined());
    const catchUps = vi.spyOn(a.transport, 'catchUp');

    a.link.dropEvents = 1;
    await b.client.actions.send(conversationId, 'lost on the way');
    await eventually(async () => expect(await b.engine.db.outbox.count()).toBe(0));
    expect(await a.engine.db.messages.count()).toBe(0);
    await b.client.actions.send(conversationId, 'shows the gap');

    await eventually(async () => expect((await messages(a, conversationId)).map((r) => r.body)).toEqual(['lost on the way', 'shows the gap']));
    expect(catchUps).toHaveBeenCalled();
  });

  it('moves my message to delivered, then read, never back', async () => {
    const a = await tabOf(people.alice);
    const b = await tabOf(people.bob);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    const clientId = await a.client.actions.send(conversationId, 'did you get this?');
    const status = async () => (await a.engine.db.messages.get([people.alice.user.id, clientId]))?.status;

    await eventually(async () => expect(await status()).toBe('delivered'));
    b.client.actions.setActiveConversation(conversationId);
    b.client.actions.reached(conversationId, 1);
    await eventually(async () => expect(await status()).toBe('read'));

    // A late, older receipt must not move it back.
    await applyChanges(a.engine.db, people.alice.user.id, [{ type: 'receipt', rev: 1, conversationId, userId: people.bob.user.id, kind: 'delivered', uptoSeq: 1 }]);
    expect(await status()).toBe('read');
  });

  it('counts unread from the read marker and tells the server once per advance', async () => {
    const a = await tabOf(people.alice);
    const b = await tabOf(people.bob);
    const conversationId = await b.client.actions.openDirect(people.alice.user.id);
    for (const body of ['one', 'two', 'three']) await b.client.actions.send(conversationId, body);
    const unread = async () => (await firstValue(a.engine.views.conversation(conversationId)))?.unreadCount;
    await eventually(async () => expect(await unread()).toBe(3));

    const markRead = vi.spyOn(a.transport, 'markRead');
    a.client.actions.reached(conversationId, 2); // not the active conversation: does not count
    a.client.actions.setActiveConversation(conversationId);
    a.client.actions.reached(conversationId, 1);
    a.client.actions.reached(conversationId, 2);
    expect(await unread()).toBe(1);
    await eventually(() => expect(markRead).toHaveBeenCalledWith(conversationId, 2));
    a.client.actions.reached(conversationId, 2);
    a.client.actions.reached(conversationId, 3);
    await eventually(async () => expect(await unread()).toBe(0));
    await eventually(() => expect(markRead).toHaveBeenCalledWith(conversationId, 3));
    expect(markRead.mock.calls.filter(([, seq]) => seq === 2)).toHaveLength(1);
  });

  it('defers read markers while the page is hidden', async () => {
    let visible = false;
    const listeners = new Set<() => void>();
    const a = await people.tab(people.alice, undefined, {
      visibility: { isVisible: () => visible, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) },
    });
    const b = await tabOf(people.bob);
    const conversationId = await b.client.actions.openDirect(people.alice.user.id);
    const clientId = await b.client.actions.send(conversationId, 'are you there?');
    const status = async () => (await b.engine.db.messages.get([people.bob.user.id, clientId]))?.status;
    await eventually(async () => expect(await status()).toBe('delivered'));

    const markRead = vi.spyOn(a.transport, 'markRead');
    a.client.actions.setActiveConversation(conversationId);
    a.client.actions.reached(conversationId, 1);
    expect((await a.engine.db.conversations.get(conversationId))?.localReadSeq).toBe(0);
    expect(markRead).not.toHaveBeenCalled();
    visible = true;
    for (const listener of listeners) listener();
    await eventually(async () => expect(await status()).toBe('read'));
  });
});

describe('typing', () => {
  it('throttles my typing and says when I stop', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    const setTyping = vi.spyOn(a.transport, 'setTyping');
    for (let i = 0; i < 10; i++) a.client.actions.typing(conversationId);
    expect(setTyping.mock.calls).toEqual([[conversationId, true]]);
    await eventually(() => expect(setTyping.mock.calls).toEqual([[conversationId, true], [conversationId, false]]));
  });

  it("ends someone's typing locally when their stop never comes", async () => {
    const a = await tabOf(people.alice);
    const b = await tabOf(people.bob);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    await eventually(async () => expect(await b.engine.db.conversations.get(conversationId)).toBeDefined());
    const typing = () => Object.keys(a.client.stores.ui.getState().typing[conversationId] ?? {});

    // Straight through the port: no idle timer on Bob's side, and the server's own expiry is 5 s away.
    b.transport.setTyping(conversationId, true);
    await eventually(() => expect(typing()).toEqual([people.bob.user.id]));
    await eventually(() => expect(typing()).toEqual([]), 2000);
  });
});

describe('session and local data', () => {
  it('keeps drafts across a reload', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    a.client.actions.setDraft(conversationId, 'half a thought');
    await eventually(async () => expect(await firstValue(a.engine.views.draft(conversationId))).toBe('half a thought'));
    await a.reload();
    expect(await firstValue(a.engine.views.draft(conversationId))).toBe('half a thought');
    expect((await firstValue(a.engine.views.conversation(conversationId)))?.draft).toBe('half a thought');
  });

  it('keeps a draft typed just before a reload whose database write never finished', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    // What a page leaves when it unloads mid-write: the journal entry, no database row.
    new DraftJournal(a.storage, people.alice.user.id).write({ conversationId, text: 'typed, then reload', updatedAt: new Date().toISOString() });
    expect(await firstValue(a.engine.views.draft(conversationId))).toBe('');
    await a.reload();
    await eventually(async () => expect(await firstValue(a.engine.views.draft(conversationId))).toBe('typed, then reload'));
    await eventually(() => expect(new DraftJournal(a.storage, people.alice.user.id).pending()).toEqual([]));
  });

  it('restores the session and the cache with the network down', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    await a.client.actions.send(conversationId, 'cached');
    await eventually(async () => expect(await a.engine.db.outbox.count()).toBe(0));
    a.link.setOnline(false);
    await a.reload();
    expect(a.client.stores.session.getState().status).toBe('signed-in');
    const views = await firstValue(a.engine.views.conversations());
    expect(views.map((c) => [c.peer.id, c.lastMessage?.body])).toEqual([[people.bob.user.id, 'cached']]);
    a.link.setOnline(true);
    await eventually(() => expect(a.client.stores.connection.getState().status).toBe('online'));
    expect(a.client.stores.session.getState().status).toBe('signed-in');
  });

  it('signs out when the server no longer knows the session', async () => {
    const a = await tabOf(people.alice);
    const state = a.client.stores.session.getState();
    if (state.status !== 'signed-in') throw new Error('expected a session');
    await people.backend.service.logout(state.session.token);
    await a.reload();
    await eventually(() => expect(a.client.stores.session.getState().status).toBe('signed-out'));
  });

  it('deletes the local database on sign-out', async () => {
    const a = await tabOf(people.alice);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    await a.client.actions.send(conversationId, 'soon gone');
    expect(await Dexie.exists(clientDbName(people.alice.user.id))).toBe(true);
    await a.client.actions.signOut();
    expect(a.client.stores.session.getState().status).toBe('signed-out');
    expect(await Dexie.exists(clientDbName(people.alice.user.id))).toBe(false);
  });
});
