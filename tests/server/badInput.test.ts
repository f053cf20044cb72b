import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { type Socket, io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import type { AckResponse } from '../../src/protocol/socket';
import type { Conversation, Session } from '../../src/transport';
import { PASSWORD, uniqueName } from '../contract/harness';
import { type TestServer, startTestServer } from '../support/testServer';

const JWT_SECRET = 'bad-input-secret-that-is-at-least-32-bytes';
const TABLES = ['users', 'conversations', 'conversation_members', 'messages', 'changes', 'revoked_sessions'] as const;

// A raw socket.io-client speaks to the server with no adapter in between:
// whatever it sends, the server answers with a typed error and stores nothing.
describe('bad input on the socket', () => {
  let server: TestServer;
  let db: Database.Database;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let conversation: Conversation;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ jwtSecret: JWT_SECRET });
    db = new Database(server.dbPath, { readonly: true });
    const t = createSocketTransport({ url: server.url, transports: ['websocket'] });
    const register = (prefix: string) => t.register({ username: uniqueName(prefix), email: `${prefix}@example.com`, password: PASSWORD });
    alice = await register('alice');
    bob = await register('bob');
    carol = await register('carol');
    await t.resume(alice);
    conversation = await t.openDirect(bob.user.id);
    t.disconnect();
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  afterAll(async () => {
    db?.close();
    await server?.close();
  });

  function counts(): Record<string, number> {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
  }

  function raw(auth: unknown): Socket {
    const s = io(server.url, { auth: auth as Record<string, unknown>, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    return s;
  }

  async function connected(token: string): Promise<Socket> {
    const s = raw({ token });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
    });
    return s;
  }

  function refusal(auth: unknown): Promise<{ code: string; message: string }> {
    const s = raw(auth);
    return new Promise((resolve, reject) => {
      s.once('connect', () => reject(new Error('the handshake was accepted')));
      s.once('connect_error', (error: Error & { data?: { code: string; message: string } }) => resolve(error.data ?? { code: 'none', message: error.message }));
    });
  }

  function ask(s: Socket, event: string, ...args: unknown[]): Promise<AckResponse<unknown>> {
    return s.timeout(5000).emitWithAck(event, ...args);
  }

  async function expectCode(s: Socket, code: string, event: string, ...args: unknown[]): Promise<void> {
    const answer = await ask(s, event, ...args);
    expect(answer).toMatchObject({ ok: false, error: { code } });
    if (!answer.ok) expect(answer.error.message.length).toBeGreaterThan(5);
  }

  it.each([
    { name: 'wrong types', payload: () => ({ conversationId: 1, clientId: 2, body: 3 }) },
    { name: 'missing fields', payload: () => ({ body: 'no conversation, no client id' }) },
    { name: 'a string instead of an object', payload: () => 'send this' },
    { name: 'a number instead of an object', payload: () => 42 },
    { name: 'null', payload: () => null },
    { name: 'an array', payload: () => [conversation.id, crypto.randomUUID(), 'hi'] },
    { name: 'a bad client id', payload: () => ({ conversationId: conversation.id, clientId: 'x', body: 'hi' }) },
  ])('a send with $name is INVALID_INPUT and stores nothing', async ({ payload }) => {
    const s = await connected(alice.token);
    const before = counts();
    await expectCode(s, 'INVALID_INPUT', 'send', payload());
    expect(counts()).toEqual(before);
  });

  it('malformed requests of every kind are INVALID_INPUT and change nothing', async () => {
    const s = await connected(alice.token);
    const before = counts();
    await expectCode(s, 'INVALID_INPUT', 'history', { conversationId: conversation.id, limit: 'ten' });
    await expectCode(s, 'INVALID_INPUT', 'history', { conversationId: conversation.id, limit: 100_000 });
    await expectCode(s, 'INVALID_INPUT', 'markRead', { conversationId: conversation.id, uptoSeq: -1 });
    await expectCode(s, 'INVALID_INPUT', 'markDelivered', { conversationId: conversation.id, uptoSeq: 1.5 });
    await expectCode(s, 'INVALID_INPUT', 'catchUp', { since: 'yesterday' });
    await expectCode(s, 'INVALID_INPUT', 'openDirect', {});
    await expectCode(s, 'INVALID_INPUT', 'typing', { conversationId: conversation.id, typing: 'yes' });
    await expectCode(s, 'INVALID_INPUT', 'send');
    expect(counts()).toEqual(before);
  });

  it('an unknown event is INVALID_INPUT; one without an ack is ignored and the socket keeps working', async () => {
    const s = await connected(alice.token);
    const before = counts();
    await expectCode(s, 'INVALID_INPUT', 'dropAllTables', { please: true });
    s.emit('send', { conversationId: conversation.id, clientId: 'short', body: '' });
    s.emit('noSuchThing');
    const page = await ask(s, 'history', { conversationId: conversation.id, limit: 10 });
    expect(page.ok).toBe(true);
    expect(counts()).toEqual(before);
  });

  it('a body over the character limit is PAYLOAD_TOO_LARGE; a frame over 64 KB closes only that connection', async () => {
    const s = await connected(alice.token);
    const before = counts();
    await expectCode(s, 'PAYLOAD_TOO_LARGE', 'send', { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'x'.repeat(10_000) });

    const closed = new Promise<string>((resolve) => s.once('disconnect', resolve));
    s.emit('send', { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'x'.repeat(70 * 1024) }, () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);

    expect(counts()).toEqual(before);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const next = await connected(alice.token);
    expect((await ask(next, 'history', { conversationId: conversation.id, limit: 1 })).ok).toBe(true);
  });

  it('a forged sender is ignored: the message is the session user’s', async () => {
    const s = await connected(alice.token);
    const clientId = crypto.randomUUID();
    const answer = await ask(s, 'send', { conversationId: conversation.id, clientId, body: 'who sent this?', senderId: bob.user.id });
    expect(answer).toMatchObject({ ok: true, data: { senderId: alice.user.id } });
    const row = db.prepare('SELECT sender_id FROM messages WHERE client_id = ?').get(clientId) as { sender_id: string };
    expect(row.sender_id).toBe(alice.user.id);
  });

  it('forged, foreign, expired, malformed and missing tokens are refused at the handshake with UNAUTHENTICATED', async () => {
    const before = counts();
    const [header, payload, signature] = alice.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const asBob = Buffer.from(JSON.stringify({ ...claims, sub: bob.user.id })).toString('base64url');
    const otherKey = new TextEncoder().encode('another-secret-entirely-of-32-bytes!!');
    const serverKey = new TextEncoder().encode(JWT_SECRET);
    const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(bob.user.id).setJti('x').setExpirationTime('1h').sign(otherKey);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(alice.user.id).setJti('y').setExpirationTime(1).sign(serverKey);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${asBob}.`;

    for (const auth of [
      { token: `${header}.${asBob}.${signature}` },
      { token: foreign },
      { token: expired },
      { token: unsigned },
      { token: 'not-a-jwt' },
      { token: 42 },
      {},
    ]) {
      expect(await refusal(auth)).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(counts()).toEqual(before);
  });

  it('a logged-out token is refused, and its open sockets are closed', async () => {
    const t = createSocketTransport({ url: server.url, transports: ['websocket'] });
    const dave = await t.register({ username: uniqueName('dave'), email: 'd@example.com', password: PASSWORD });
    const s = await connected(dave.token);
    const closed = new Promise<string>((resolve) => s.once('disconnect', resolve));
    await t.logout();
    expect(await closed).toBe('io server disconnect');
    expect(await refusal({ token: dave.token })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a conversation the user is not in is FORBIDDEN for every request, an unknown one NOT_FOUND', async () => {
    await connected(alice.token).then((s) =>
      ask(s, 'send', { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'a private message' }),
    );
    const s = await connected(carol.token);
    const before = counts();
    await expectCode(s, 'FORBIDDEN', 'send', { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'let me in' });
    await expectCode(s, 'FORBIDDEN', 'history', { conversationId: conversation.id, limit: 10 });
    await expectCode(s, 'FORBIDDEN', 'markRead', { conversationId: conversation.id, uptoSeq: 1 });
    await expectCode(s, 'FORBIDDEN', 'markDelivered', { conversationId: conversation.id, uptoSeq: 1 });
    await expectCode(s, 'FORBIDDEN', 'typing', { conversationId: conversation.id, typing: true });
    await expectCode(s, 'NOT_FOUND', 'send', { conversationId: 'no-such-conversation', clientId: crypto.randomUUID(), body: 'hello?' });
    const catchUp = await ask(s, 'catchUp', { since: 0 });
    expect(catchUp.ok && (catchUp.data as { changes: unknown[] }).changes).toEqual([]);
    expect(counts()).toEqual(before);
  });
});
