import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/protocol/limits';
import { ChatError, type Change, type ChatEvent, type ChatTransport, type ConnectionState, type Session } from '../../src/transport';
import {
  type ContractHarness,
  type HarnessFactory,
  PASSWORD,
  collect,
  connectAndWait,
  eventually,
  holdsFor,
  nextEvent,
  uniqueName,
  waitForConnection,
} from './harness';
import { expectError } from './expectError';
import { groupContractRules } from './groupContract';
import { messageActionsContractRules } from './messageActionsContract';


const isMessage = (e: ChatEvent): e is Extract<Change, { type: 'message' }> => e.type === 'message';

/**
 * The one behaviour contract every ChatTransport adapter passes. `factory`
 * builds a harness whose clients share one backend.
 */
export function runContractSuite(adapterName: string, factory: HarnessFactory): void {
  describe(`ChatTransport contract: ${adapterName}`, () => {
    let h: ContractHarness;
    const opened: ChatTransport[] = [];

    beforeAll(async () => {
      h = await factory();
    });
    afterEach(() => {
      for (const t of opened.splice(0)) t.disconnect();
    });
    afterAll(async () => {
      await h?.close?.();
    });

    async function client(): Promise<ChatTransport> {
      const t = await h.client();
      opened.push(t);
      return t;
    }

    /** A newly registered user with a client holding their session. */
    async function user(prefix = 'user'): Promise<{ t: ChatTransport; session: Session }> {
      const t = await client();
      const session = await t.register({ username: uniqueName(prefix), email: `${prefix}@example.com`, password: PASSWORD });
      return { t, session };
    }

    /** A second client (tab or device) of an existing session. */
    async function sameUser(session: Session): Promise<ChatTransport> {
      const t = await client();
      await t.resume(session);
      return t;
    }

    async function pair() {
      const a = await user('alice');
      const b = await user('bob');
      const conversation = await a.t.openDirect(b.session.user.id);
      return { a, b, conversation };
    }

    // --- accounts ---

    it('register returns a session for the new user with a lower-cased username', async () => {
      const t = await client();
      const name = uniqueName('Mixed');
      const session = await t.register({ username: name, email: 'm@example.com', password: PASSWORD, displayName: 'Mixed Case' });
      expect(session.token.length).toBeGreaterThan(10);
      expect(session.user.username).toBe(name.toLowerCase());
      expect(session.user.displayName).toBe('Mixed Case');
      expect(session.user.avatarColor).toMatch(/^#[0-9a-f]{6}$/i);
    });

    it('a taken username (in any case) is USERNAME_TAKEN and changes nothing', async () => {
      const { t, session } = await user('taken');
      const before = await t.users();
      const other = await client();
      const error = await expectError(
        other.register({ username: session.user.username.toUpperCase(), email: 'x@example.com', password: 'another password' }),
        'USERNAME_TAKEN',
      );
      expect(error.details.field).toBe('username');
      expect(await t.users()).toHaveLength(before.length);
      const again = await other.login({ username: session.user.username, password: PASSWORD });
      expect(again.user.id).toBe(session.user.id);
    });

    it.each([
      { field: 'username', input: { username: 'ab', email: 'a@example.com', password: PASSWORD } },
      { field: 'username', input: { username: 'has space', email: 'a@example.com', password: PASSWORD } },
      { field: 'username', input: { username: 'x'.repeat(LIMITS.usernameMax + 1), email: 'a@example.com', password: PASSWORD } },
      { field: 'email', input: { username: 'valid_name', email: 'not-an-email', password: PASSWORD } },
      { field: 'password', input: { username: 'valid_name', email: 'a@example.com', password: 'short' } },
    ])('registration with an invalid $field is INVALID_INPUT naming the field', async ({ field, input }) => {
      const t = await client();
      const error = await expectError(t.register(input), 'INVALID_INPUT');
      expect(error.details.field).toBe(field);
    });

    it('a wrong password is INVALID_CREDENTIALS and the account still signs in', async () => {
      const { session } = await user('wrongpw');
      const t = await client();
      await expectError(t.login({ username: session.user.username, password: 'not the password' }), 'INVALID_CREDENTIALS');
      await expectError(t.users(), 'UNAUTHENTICATED');
      const ok = await t.login({ username: session.user.username, password: PASSWORD });
      expect(ok.user.id).toBe(session.user.id);
    });

    it('an unknown username is INVALID_CREDENTIALS, the same as a wrong password', async () => {
      const t = await client();
      await expectError(t.login({ username: uniqueName('nobody'), password: PASSWORD }), 'INVALID_CREDENTIALS');
    });

    it('repeated failed logins are RATE_LIMITED', async () => {
      const { session } = await user('brute');
      const t = await client();
      const codes: string[] = [];
      for (let i = 0; i < 8; i++) {
        const error = await t.login({ username: session.user.username, password: `guess number ${i}` }).catch((e: ChatError) => e);
        codes.push((error as ChatError).code);
      }
      expect(codes.slice(0, 5).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
      expect(codes.at(-1)).toBe('RATE_LIMITED');
    });

    it('resume accepts a valid session and refuses a forged token with UNAUTHENTICATED', async () => {
      const { session } = await user('resume');
      const t = await client();
      const resumed = await t.resume(session);
      expect(resumed.user.id).toBe(session.user.id);
      const forged = await client();
      await expectError(forged.resume({ ...session, token: session.token.slice(0, -4) + 'AAAA' }), 'UNAUTHENTICATED');
    });

    it('logout ends the session: the token is refused afterwards', async () => {
      const { t, session } = await user('logout');
      await t.logout();
      const other = await client();
      await expectError(other.resume(session), 'UNAUTHENTICATED');
    });

    it('signing out ends the other connections of that session: they go offline for good and receive no more events', async () => {
      const { a, b, conversation } = await pair();
      // The same session in a second tab or device, both connected.
      const otherTab = await sameUser(b.session);
      await connectAndWait(b.t, b.session);
      await connectAndWait(otherTab, b.session);
      const states: ConnectionState[] = [];
      const stopStates = otherTab.onConnection((state) => states.push(state));
      const { events, stop } = collect(otherTab);

      await b.t.logout();
      await waitForConnection(otherTab, 'offline');
      // Told why, and no reconnecting: the session will not come back.
      await holdsFor(() => expect(states.map((s) => s.status)).toEqual(['offline']), 300);
      expect(states[0]!.reason).toMatch(/sign/i);
      await expectError(otherTab.users(), 'UNAUTHENTICATED');

      // A new session of the same person gets what is sent now; the signed-out one gets nothing.
      const again = await client();
      const fresh = await again.login({ username: b.session.user.username, password: PASSWORD });
      await connectAndWait(again, fresh);
      const witness = nextEvent(again, (e) => isMessage(e) && e.message.body === 'after signing out');
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'after signing out' });
      await witness;
      stop();
      stopStates();
      expect(events.filter((e) => e.type === 'message')).toEqual([]);
    });

    it('calls without a session are UNAUTHENTICATED', async () => {
      const t = await client();
      await expectError(t.conversations(), 'UNAUTHENTICATED');
      await expectError(t.bootstrap(), 'UNAUTHENTICATED');
      await expectError(t.send({ conversationId: 'x', clientId: crypto.randomUUID(), body: 'hi' }), 'UNAUTHENTICATED');
    });

    // --- directory and presence ---

    it('the directory lists users with presence and lastSeen', async () => {
      const a = await user('dir');
      const b = await user('dir');
      await connectAndWait(b.t, b.session);
      const users = await a.t.users();
      const entry = users.find((u) => u.id === b.session.user.id);
      expect(entry).toMatchObject({ username: b.session.user.username, presence: 'online' });
      expect(users.find((u) => u.id === a.session.user.id)).toMatchObject({ presence: 'offline', lastSeen: null });
    });

    it('a user goes offline with lastSeen when the last connection closes, not before', async () => {
      const watcher = await user('watch');
      const b = await user('twotabs');
      await watcher.t.openDirect(b.session.user.id);
      const tab1 = b.t;
      const tab2 = await sameUser(b.session);
      await connectAndWait(watcher.t, watcher.session);
      await connectAndWait(tab1, b.session);
      await connectAndWait(tab2, b.session);
      const presence = () => watcher.t.users().then((us) => us.find((u) => u.id === b.session.user.id)!);
      expect((await presence()).presence).toBe('online');

      tab1.disconnect();
      await holdsFor(async () => expect((await presence()).presence).toBe('online'), 400);

      const offline = nextEvent(watcher.t, (e) => e.type === 'presence' && e.userId === b.session.user.id && e.presence === 'offline');
      tab2.disconnect();
      const event = await offline;
      expect(event.type === 'presence' && event.lastSeen).toBeTruthy();
      await eventually(async () => {
        const p = await presence();
        expect(p.presence).toBe('offline');
        expect(p.lastSeen).not.toBeNull();
      });
    });

    it('the people one shares a conversation with are told when one comes online', async () => {
      const watcher = await user('watch');
      const b = await user('arrives');
      await watcher.t.openDirect(b.session.user.id);
      await connectAndWait(watcher.t, watcher.session);
      const online = nextEvent(watcher.t, (e) => e.type === 'presence' && e.userId === b.session.user.id && e.presence === 'online');
      await connectAndWait(b.t, b.session);
      await online;
    });

    it('someone who shares no conversation is not told, and reads presence from the directory', async () => {
      const watcher = await user('watch');
      const stranger = await user('stranger');
      const peer = await user('peer');
      await watcher.t.openDirect(peer.session.user.id);
      await connectAndWait(watcher.t, watcher.session);
      const { events, stop } = collect(watcher.t);
      await connectAndWait(stranger.t, stranger.session);
      // Announced after the stranger's connection, so it arrives after anything about the stranger would have.
      const peerOnline = nextEvent(watcher.t, (e) => e.type === 'presence' && e.userId === peer.session.user.id);
      await connectAndWait(peer.t, peer.session);
      await peerOnline;
      stop();
      expect(events.filter((e) => e.type === 'presence' && e.userId === stranger.session.user.id)).toEqual([]);
      expect((await watcher.t.users()).find((u) => u.id === stranger.session.user.id)?.presence).toBe('online');
    });

    // --- conversations ---

    it('openDirect gives both sides the same conversation, created once', async () => {
      const a = await user('open');
      const b = await user('open');
      const fromA = await a.t.openDirect(b.session.user.id);
      const fromB = await b.t.openDirect(a.session.user.id);
      const again = await a.t.openDirect(b.session.user.id);
      expect(fromB.id).toBe(fromA.id);
      expect(again.id).toBe(fromA.id);
      expect(fromA.members.map((m) => m.userId).sort()).toEqual([a.session.user.id, b.session.user.id].sort());
      expect((await a.t.conversations()).filter((c) => c.id === fromA.id)).toHaveLength(1);
    });

    it('openDirect with an unknown user is NOT_FOUND, with oneself INVALID_INPUT', async () => {
      const a = await user('open');
      await expectError(a.t.openDirect('no-such-user'), 'NOT_FOUND');
      await expectError(a.t.openDirect(a.session.user.id), 'INVALID_INPUT');
    });

    it('conversations carry the last message and are sorted by latest activity', async () => {
      const a = await user('sort');
      const b = await user('sort');
      const c = await user('sort');
      const withB = await a.t.openDirect(b.session.user.id);
      const withC = await a.t.openDirect(c.session.user.id);
      await a.t.send({ conversationId: withC.id, clientId: crypto.randomUUID(), body: 'to c' });
      await a.t.send({ conversationId: withB.id, clientId: crypto.randomUUID(), body: 'to b, later' });
      const list = await a.t.conversations();
      expect(list.map((x) => x.id)).toEqual([withB.id, withC.id]);
      expect(list[0]!.lastMessage?.body).toBe('to b, later');
    });

    // --- sending ---

    it('the send ack carries the server id, seq, time and the session user as sender', async () => {
      const { a, conversation } = await pair();
      const clientId = crypto.randomUUID();
      const message = await a.t.send({ conversationId: conversation.id, clientId, body: '  hello  ' });
      expect(message).toMatchObject({ clientId, conversationId: conversation.id, senderId: a.session.user.id, body: 'hello', seq: 1, status: 'sent' });
      expect(message.id).toBeTruthy();
      expect(Number.isNaN(Date.parse(message.createdAt))).toBe(false);
      const second = await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'again' });
      expect(second.seq).toBe(2);
    });

    it('the same clientId sent twice stores one message', async () => {
      const { a, conversation } = await pair();
      const clientId = crypto.randomUUID();
      const first = await a.t.send({ conversationId: conversation.id, clientId, body: 'once' });
      const retry = await a.t.send({ conversationId: conversation.id, clientId, body: 'once' });
      expect(retry.id).toBe(first.id);
      expect(retry.seq).toBe(first.seq);
      const page = await a.t.history(conversation.id, { limit: 50 });
      expect(page.messages).toHaveLength(1);
    });

    it('the sender is the session user whatever the payload says', async () => {
      const { a, b, conversation } = await pair();
      const forged = { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'who am i', senderId: b.session.user.id };
      const message = await a.t.send(forged);
      expect(message.senderId).toBe(a.session.user.id);
      const page = await b.t.history(conversation.id, { limit: 10 });
      expect(page.messages[0]!.senderId).toBe(a.session.user.id);
    });

    it('a clientId reused in another conversation sends a new message there, not the earlier one', async () => {
      const { a, conversation } = await pair();
      const c = await user('carol');
      const other = await a.t.openDirect(c.session.user.id);
      const clientId = crypto.randomUUID();
      const first = await a.t.send({ conversationId: conversation.id, clientId, body: 'for bob' });
      const second = await a.t.send({ conversationId: other.id, clientId, body: 'for carol' });
      expect(second).toMatchObject({ conversationId: other.id, body: 'for carol', seq: 1 });
      expect(second.id).not.toBe(first.id);
      expect((await c.t.history(other.id, { limit: 10 })).messages.map((m) => m.body)).toEqual(['for carol']);
    });

    it('an empty or blank body is INVALID_INPUT and stores nothing', async () => {
      const { a, conversation } = await pair();
      await expectError(a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: '' }), 'INVALID_INPUT');
      await expectError(a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: ' \n\t ' }), 'INVALID_INPUT');
      expect((await a.t.history(conversation.id, { limit: 10 })).messages).toHaveLength(0);
    });

    it('a body of exactly the limit is accepted, one more character is PAYLOAD_TOO_LARGE', async () => {
      const { a, conversation } = await pair();
      const max = 'a'.repeat(LIMITS.bodyMaxChars);
      expect((await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: max })).body).toHaveLength(LIMITS.bodyMaxChars);
      await expectError(a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: max + 'a' }), 'PAYLOAD_TOO_LARGE');
      expect((await a.t.history(conversation.id, { limit: 10 })).messages).toHaveLength(1);
    });

    it('the limit counts characters as people do: the limit in emoji is accepted, one more emoji is PAYLOAD_TOO_LARGE', async () => {
      const { a, conversation } = await pair();
      // Each is two UTF-16 units: a count in units would refuse half of these.
      const max = '😀'.repeat(LIMITS.bodyMaxChars);
      expect((await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: max })).body).toBe(max);
      await expectError(a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: max + '😀' }), 'PAYLOAD_TOO_LARGE');
      expect((await a.t.history(conversation.id, { limit: 10 })).messages.map((m) => m.body)).toEqual([max]);
    });

    it('a 10 MB message is PAYLOAD_TOO_LARGE and the connection survives', async () => {
      const { a, conversation } = await pair();
      await connectAndWait(a.t, a.session);
      const huge = 'x'.repeat(10 * 1024 * 1024);
      await expectError(a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: huge }), 'PAYLOAD_TOO_LARGE');
      const ok = await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'still here' });
      expect(ok.seq).toBe(1);
    });

    it('a malformed payload is INVALID_INPUT and changes nothing', async () => {
      const { a, conversation } = await pair();
      const bad = (value: unknown) => value as never;
      await expectError(a.t.send(bad({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 42 })), 'INVALID_INPUT');
      await expectError(a.t.send(bad({ conversationId: conversation.id, body: 'no client id' })), 'INVALID_INPUT');
      await expectError(a.t.history(conversation.id, { limit: -1 }), 'INVALID_INPUT');
      await expectError(a.t.markRead(conversation.id, bad('x')), 'INVALID_INPUT');
      expect((await a.t.history(conversation.id, { limit: 10 })).messages).toHaveLength(0);
    });

    it('NUL and broken characters are INVALID_INPUT in every string and store nothing; emoji are fine', async () => {
      const { a, b, conversation } = await pair();
      const send = (body: string) => a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body });
      await expectError(send('hello\u0000world'), 'INVALID_INPUT');
      await expectError(send('broken \uD83D'), 'INVALID_INPUT');
      await expectError(a.t.send({ conversationId: conversation.id, clientId: `nul\u0000${crypto.randomUUID()}`, body: 'hi' }), 'INVALID_INPUT');
      await expectError(a.t.history(`${conversation.id}\u0000`, { limit: 5 }), 'INVALID_INPUT');
      const t = await client();
      const register = (fields: { username?: string; displayName?: string; password?: string }) =>
        t.register({ username: uniqueName('nul'), email: 'n@example.com', password: PASSWORD, ...fields });
      await expectError(register({ displayName: 'Ann\u0000Lee' }), 'INVALID_INPUT');
      await expectError(register({ username: `nul\u0000${uniqueName('x')}` }), 'INVALID_INPUT');
      await expectError(register({ password: `${PASSWORD}\uDC00` }), 'INVALID_INPUT');
      await expectError(t.login({ username: `${b.session.user.username}\u0000`, password: PASSWORD }), 'INVALID_INPUT');
      expect((await send('ship it 🚀')).body).toBe('ship it 🚀');
      expect((await a.t.history(conversation.id, { limit: 10 })).messages.map((m) => m.body)).toEqual(['ship it 🚀']);
    });

    it('a display name loses the invisible characters that could disguise it', async () => {
      const t = await client();
      const session = await t.register({ username: uniqueName('bidi'), email: 'b@example.com', password: PASSWORD, displayName: '\u202EAnn\u200B Lee\u2066' });
      expect(session.user.displayName).toBe('Ann Lee');
      await expectError(
        (await client()).register({ username: uniqueName('blank'), email: 'b@example.com', password: PASSWORD, displayName: '\u200B\u202E' }),
        'INVALID_INPUT',
      );
    });

    it('the recipient receives the message event', async () => {
      const { a, b, conversation } = await pair();
      await connectAndWait(b.t, b.session);
      const arrived = nextEvent(b.t, (e): e is Extract<Change, { type: 'message' }> => isMessage(e) && e.message.conversationId === conversation.id);
      const sent = await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'ping' });
      const event = await arrived;
      expect(event.message).toMatchObject({ id: sent.id, body: 'ping', senderId: a.session.user.id, seq: 1 });
      expect(event.rev).toBeGreaterThan(0);
    });

    it('unsubscribe stops events', async () => {
      const { a, b, conversation } = await pair();
      await connectAndWait(b.t, b.session);
      const { events, stop } = collect(b.t);
      const received = nextEvent(b.t, isMessage);
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'one' });
      await received;
      stop();
      const count = events.length;
      const witness = nextEvent(b.t, isMessage);
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'two' });
      await witness;
      expect(events).toHaveLength(count);
    });

    // --- history and catch-up ---

    it('history pages are gap-free and duplicate-free across pages', async () => {
      const { a, b, conversation } = await pair();
      for (let i = 1; i <= 25; i++) {
        const sender = i % 3 === 0 ? b : a;
        await sender.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: `m${i}` });
      }
      const seqs: number[] = [];
      let beforeSeq: number | undefined;
      const hasMores: boolean[] = [];
      for (;;) {
        const page = await a.t.history(conversation.id, beforeSeq === undefined ? { limit: 10 } : { beforeSeq, limit: 10 });
        expect(page.messages.map((m) => m.seq)).toEqual([...page.messages.map((m) => m.seq)].sort((x, y) => x - y));
        seqs.unshift(...page.messages.map((m) => m.seq));
        hasMores.push(page.hasMore);
        if (!page.hasMore) break;
        beforeSeq = page.messages[0]!.seq;
      }
      expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(hasMores).toEqual([true, true, false]);
    });

    it('catch-up returns exactly what was missed, then nothing', async () => {
      const { a, b, conversation } = await pair();
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'seen' });
      const start = await b.t.catchUp(0);
      const seen = start.changes.filter((c) => c.type === 'message').map((c) => c.type === 'message' && c.message.body);
      expect(seen).toEqual(['seen']);
      const missed = ['one', 'two', 'three'];
      for (const body of missed) await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body });
      const next = await b.t.catchUp(start.cursor);
      expect(next.changes.map((c) => c.type === 'message' && c.message.body)).toEqual(missed);
      expect(next.cursor).toBeGreaterThan(start.cursor);
      const revs = next.changes.map((c) => c.rev);
      expect(revs).toEqual([...revs].sort((x, y) => x - y));
      const after = await b.t.catchUp(next.cursor);
      expect(after.changes).toEqual([]);
      expect(after.cursor).toBe(next.cursor);
    });

    it('catch-up carries new conversations and receipts, and only the user’s own', async () => {
      const { a, b, conversation } = await pair();
      const outsider = await user('outsider');
      const sent = await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'hi' });
      await b.t.markRead(conversation.id, sent.seq);
      const changes = (await a.t.catchUp(0)).changes;
      expect(changes.some((c) => c.type === 'conversation' && c.conversation.id === conversation.id)).toBe(true);
      expect(changes.some((c) => c.type === 'receipt' && c.kind === 'read' && c.uptoSeq === sent.seq && c.userId === b.session.user.id)).toBe(true);
      const theirs = (await outsider.t.catchUp(0)).changes;
      expect(theirs.some((c) => c.type === 'message' && c.message.conversationId === conversation.id)).toBe(false);
    });

    // --- bootstrap: a device's first sync ---

    it('bootstrap answers the summaries, the directory and a cursor at once; a catch-up from it brings only what came after', async () => {
      const { a, b, conversation } = await pair();
      for (const body of ['one', 'two']) await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body });
      await b.t.markRead(conversation.id, 1);

      const first = await b.t.bootstrap();
      const summary = first.conversations.find((c) => c.id === conversation.id);
      expect(summary).toMatchObject({ lastSeq: 2, unreadCount: 1, lastMessage: { body: 'two', seq: 2, senderId: a.session.user.id } });
      expect(summary?.members.find((m) => m.userId === b.session.user.id)).toMatchObject({ readSeq: 1, deliveredSeq: 1 });
      expect(first.conversations).toEqual(await b.t.conversations());
      const people = first.users.map((u) => u.id);
      expect(people).toEqual(expect.arrayContaining([a.session.user.id, b.session.user.id]));
      expect(first.users.find((u) => u.id === a.session.user.id)).toMatchObject({ displayName: a.session.user.displayName, presence: expect.any(String) });
      // Everything up to the cursor is in the answer: nothing of it comes again.
      expect((await b.t.catchUp(first.cursor)).changes).toEqual([]);

      const c = await user('carol');
      const withCarol = await c.t.openDirect(b.session.user.id);
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'three' });
      await c.t.send({ conversationId: withCarol.id, clientId: crypto.randomUUID(), body: 'from carol' });
      const later = await b.t.catchUp(first.cursor);
      expect(later.changes.some((ch) => ch.type === 'conversation' && ch.conversation.id === withCarol.id)).toBe(true);
      expect(later.changes.filter(isMessage).map((ch) => ch.message.body)).toEqual(['three', 'from carol']);
    });

    it('bootstrap skips nothing written while it is answered: each message is in the summary it counted or in the catch-up after', async () => {
      const { a, b, conversation } = await pair();
      const sends = Array.from({ length: 12 }, (_, i) => a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: `m${i}` }));
      const boots = await Promise.all([b.t.bootstrap(), b.t.bootstrap(), b.t.bootstrap()]);
      const sent = await Promise.all(sends);
      for (const boot of boots) {
        const covered = boot.conversations.find((c) => c.id === conversation.id)?.lastSeq ?? 0;
        const caughtUp = new Set<number>();
        let cursor = boot.cursor;
        for (;;) {
          const page = await b.t.catchUp(cursor);
          for (const ch of page.changes.filter(isMessage)) caughtUp.add(ch.message.seq);
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        const missed = sent.filter((m) => m.seq > covered && !caughtUp.has(m.seq));
        expect(missed).toEqual([]);
      }
    });

    it('bootstrap of a new account: no conversations; one started later comes with the catch-up from its cursor', async () => {
      const { t, session } = await user('fresh');
      const boot = await t.bootstrap();
      expect(boot.conversations).toEqual([]);
      expect(boot.users.some((u) => u.id === session.user.id)).toBe(true);
      expect(boot.cursor).toBeGreaterThanOrEqual(0);
      const other = await user('fresh');
      const conversation = await other.t.openDirect(session.user.id);
      const changes = (await t.catchUp(boot.cursor)).changes;
      expect(changes.some((c) => c.type === 'conversation' && c.conversation.id === conversation.id)).toBe(true);
    });

    // --- receipts and unread ---

    it('delivered and read markers move forward only, and the sender sees the status', async () => {
      const { a, b, conversation } = await pair();
      for (const body of ['1', '2', '3']) await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body });
      await connectAndWait(a.t, a.session);
      const delivered = nextEvent(a.t, (e) => e.type === 'receipt' && e.kind === 'delivered' && e.uptoSeq === 3);
      await b.t.markDelivered(conversation.id, 3);
      await delivered;
      await b.t.markRead(conversation.id, 2);
      await b.t.markRead(conversation.id, 1);
      await b.t.markDelivered(conversation.id, 1);
      const statuses = (await a.t.history(conversation.id, { limit: 10 })).messages.map((m) => m.status);
      expect(statuses).toEqual(['read', 'read', 'delivered']);
      const me = (await b.t.conversations()).find((c) => c.id === conversation.id)!.members.find((m) => m.userId === b.session.user.id)!;
      expect(me).toMatchObject({ readSeq: 2, deliveredSeq: 3 });
    });

    it('a read marker implies delivered and never passes the last message', async () => {
      const { a, b, conversation } = await pair();
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'only' });
      await b.t.markRead(conversation.id, 99);
      const me = (await b.t.conversations()).find((c) => c.id === conversation.id)!.members.find((m) => m.userId === b.session.user.id)!;
      expect(me).toMatchObject({ readSeq: 1, deliveredSeq: 1 });
      expect((await a.t.history(conversation.id, { limit: 5 })).messages[0]!.status).toBe('read');
    });

    it('unread counts follow the read marker and never count one’s own messages', async () => {
      const { a, b, conversation } = await pair();
      for (const body of ['1', '2', '3']) await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body });
      await b.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'mine' });
      const unread = async (t: ChatTransport) => (await t.conversations()).find((c) => c.id === conversation.id)!.unreadCount;
      expect(await unread(b.t)).toBe(3);
      expect(await unread(a.t)).toBe(1);
      await b.t.markRead(conversation.id, 2);
      expect(await unread(b.t)).toBe(1);
      await b.t.markRead(conversation.id, 4);
      expect(await unread(b.t)).toBe(0);
    });

    // --- typing ---

    it('typing reaches the other side and expires by itself', async () => {
      const { a, b, conversation } = await pair();
      await connectAndWait(b.t, b.session);
      await connectAndWait(a.t, a.session);
      const started = nextEvent(b.t, (e) => e.type === 'typing' && e.typing && e.userId === a.session.user.id);
      const ownEcho = collect(a.t);
      a.t.setTyping(conversation.id, true);
      await started;
      const ended = await nextEvent(b.t, (e) => e.type === 'typing' && !e.typing, h.typingTtlMs * 3 + 2000);
      expect(ended).toMatchObject({ conversationId: conversation.id, userId: a.session.user.id });
      ownEcho.stop();
      expect(ownEcho.events.filter((e) => e.type === 'typing')).toEqual([]);
    });

    it('sending a message ends the sender’s typing at once', async () => {
      const { a, b, conversation } = await pair();
      await connectAndWait(b.t, b.session);
      const started = nextEvent(b.t, (e) => e.type === 'typing' && e.typing);
      a.t.setTyping(conversation.id, true);
      await started;
      const stopped = nextEvent(b.t, (e) => e.type === 'typing' && !e.typing, h.typingTtlMs);
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'done typing' });
      await stopped;
    });

    // --- access ---

    it('a user cannot read, send to or mark a conversation they are not in', async () => {
      const { a, conversation } = await pair();
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'private' });
      const intruder = await user('intruder');
      await expectError(intruder.t.history(conversation.id, { limit: 10 }), 'FORBIDDEN');
      await expectError(intruder.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'let me in' }), 'FORBIDDEN');
      await expectError(intruder.t.markRead(conversation.id, 1), 'FORBIDDEN');
      expect((await intruder.t.conversations()).some((c) => c.id === conversation.id)).toBe(false);
      expect((await a.t.history(conversation.id, { limit: 10 })).messages.map((m) => m.body)).toEqual(['private']);
    });

    // --- groups and channels ---

    groupContractRules({ user, harness: () => h });

    // --- reply, edit, delete, react ---

    messageActionsContractRules({ user, harness: () => h });

    it('a disconnected client receives no events', async () => {
      const { a, b, conversation } = await pair();
      await connectAndWait(b.t, b.session);
      b.t.disconnect();
      const { events, stop } = collect(b.t);
      const other = await sameUser(b.session);
      await connectAndWait(other, b.session);
      const witness = nextEvent(other, isMessage);
      await a.t.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'while away' });
      await witness;
      stop();
      expect(events.filter((e) => e.type === 'message')).toEqual([]);
    });
  });
}
