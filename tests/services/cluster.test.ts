import { EventSource } from 'eventsource';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../adapters/http/httpTransport';
import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import type { ChatEvent, ChatTransport, Message, Session } from '../../src/transport';
import { collect, connectAndWait, eventually, nextEvent, PASSWORD, uniqueName } from '../contract/harness';
import type { TestServer } from '../support/testServer';
import { type ClusterSpace, createClusterSpace } from './clusterHarness';
import { REDIS_URL } from './serviceUrls';

// Two server nodes in this process, each with its own PostgreSQL pool and
// Redis connections, sharing one fresh schema and one key prefix.
describe('two server nodes on PostgreSQL and Redis', () => {
  let space: ClusterSpace;
  let a: TestServer;
  let b: TestServer;
  const transports: ChatTransport[] = [];

  const socketOn = (node: TestServer) => {
    const t = createSocketTransport({ url: node.url, transports: ['websocket'] });
    transports.push(t);
    return t;
  };
  const httpOn = (node: TestServer) => {
    const t = createHttpTransport({ baseUrl: node.url, EventSource, reconnect: { baseMs: 50, maxMs: 500 } });
    transports.push(t);
    return t;
  };
  const signUp = async (t: ChatTransport, name: string): Promise<Session> => {
    const session = await t.register({ username: uniqueName(name), email: `${name}@example.com`, password: PASSWORD });
    await connectAndWait(t, session);
    return session;
  };

  beforeAll(async () => {
    space = await createClusterSpace();
    // The send limit counts across nodes now; these tests are about ordering and delivery, not limits
    // (cluster.limits.test.ts is), and one of them sends 50 messages per person at once.
    const limits = { sendsPerUser: { points: 1_000, durationSec: 1 } };
    a = await space.node({ typingTtlMs: 2_000, limits });
    b = await space.node({ typingTtlMs: 2_000, limits });
  });

  afterAll(async () => {
    for (const t of transports) t.disconnect();
    await a?.close();
    await b?.close();
    await space?.drop();
  });

  it('a user on node A and a user on node B chat: presence, typing, messages and read receipts cross', async () => {
    const bob = socketOn(b);
    const bobSession = await signUp(bob, 'bob');
    const alice = socketOn(a);
    const aliceSession = await alice.register({ username: uniqueName('alice'), email: 'alice@example.com', password: PASSWORD });
    // Presence goes to the people one shares a conversation with.
    const conversation = await alice.openDirect(bobSession.user.id);
    const aliceOnline = nextEvent(bob, (e) => e.type === 'presence' && e.presence === 'online' && e.userId !== bobSession.user.id);
    await connectAndWait(alice, aliceSession);
    expect(await aliceOnline).toMatchObject({ userId: aliceSession.user.id });
    // Both nodes answer the directory from the shared presence.
    for (const t of [alice, bob]) {
      const online = (await t.users()).filter((u) => u.presence === 'online').map((u) => u.id);
      expect(online.sort()).toEqual([aliceSession.user.id, bobSession.user.id].sort());
    }

    const typing = nextEvent(bob, (e) => e.type === 'typing');
    alice.setTyping(conversation.id, true);
    expect(await typing).toEqual({ type: 'typing', conversationId: conversation.id, userId: aliceSession.user.id, typing: true });

    const arrives = nextEvent(bob, (e): e is Extract<ChatEvent, { type: 'message' }> => e.type === 'message');
    const sent = await alice.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'hello from node A' });
    expect((await arrives).message).toMatchObject({ id: sent.id, seq: 1, senderId: aliceSession.user.id, body: 'hello from node A' });

    const read = nextEvent(alice, (e) => e.type === 'receipt' && e.kind === 'read');
    await bob.markRead(conversation.id, sent.seq);
    expect(await read).toMatchObject({ conversationId: conversation.id, userId: bobSession.user.id, uptoSeq: 1 });

    const offline = nextEvent(bob, (e) => e.type === 'presence' && e.userId === aliceSession.user.id && e.presence === 'offline');
    alice.disconnect();
    expect(await offline).toMatchObject({ lastSeen: expect.any(String) });
  });

  it("an event-stream (HTTP) client on node B gets what a socket client on node A sends, once", async () => {
    const carol = httpOn(b);
    const carolSession = await signUp(carol, 'carol');
    const dave = socketOn(a);
    await signUp(dave, 'dave');
    const conversation = await dave.openDirect(carolSession.user.id);

    const received: Message[] = [];
    carol.subscribe((e) => {
      if (e.type === 'message') received.push(e.message);
    });
    const sent: Message[] = [];
    for (let i = 1; i <= 5; i++) sent.push(await dave.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: `over SSE ${i}` }));
    await eventually(() => expect(received.map((m) => m.id)).toEqual(sent.map((m) => m.id)));
  });

  it('50 clients sending at once into one conversation through both nodes get distinct, gap-free sequence numbers', async () => {
    const setup = socketOn(a);
    const erin = await signUp(setup, 'erin');
    const frank = await signUp(socketOn(b), 'frank');
    const conversation = await setup.openDirect(frank.user.id);

    // 50 devices: Erin's and Frank's sessions, each device on node A or B.
    const devices = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const t = socketOn(i % 2 === 0 ? a : b);
        await connectAndWait(t, await t.resume(i % 4 < 2 ? erin : frank));
        return t;
      }),
    );
    const sends = devices.flatMap((t, i) =>
      [1, 2].map((n) => t.send({ conversationId: conversation.id, clientId: `device-${i}-${n}-${crypto.randomUUID()}`, body: `device ${i} #${n}` })),
    );
    const acked = await Promise.all(sends);

    const seqs = acked.map((m) => m.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const history = [];
    let beforeSeq: number | undefined;
    do {
      const page = await setup.history(conversation.id, { beforeSeq, limit: 50 });
      history.unshift(...page.messages);
      beforeSeq = page.hasMore ? page.messages[0]?.seq : undefined;
    } while (beforeSeq !== undefined);
    expect(history.map((m) => m.seq)).toEqual(seqs);
    expect(new Set(history.map((m) => m.clientId)).size).toBe(100);
  });

  // How a publication crosses nodes (server/cluster/clusterBus.ts): delivered on the sender's node
  // at once, and once over Redis (one message on one channel) to every other node, which hands it
  // to its own sockets and event streams. Every device of a member gets it exactly once.
  it("reaches each of a member's sockets and event streams exactly once, on either node, through one Redis message per event", async () => {
    const sender = socketOn(a);
    const alice = await sender.register({ username: uniqueName('alice'), email: 'alice@example.com', password: PASSWORD });
    await connectAndWait(sender, alice);
    const signUp = socketOn(b);
    const bob: Session = await signUp.register({ username: uniqueName('bob'), email: 'bob@example.com', password: PASSWORD });
    const conversation = await sender.openDirect(bob.user.id);

    // Bob on both nodes by socket and by event stream; Alice's second device on the other node.
    const devices = { bobSocketOnA: socketOn(a), bobSocketOnB: signUp, bobStreamOnB: httpOn(b), bobStreamOnA: httpOn(a), aliceSocketOnB: socketOn(b) };
    for (const [name, t] of Object.entries(devices)) await connectAndWait(t, name.startsWith('alice') ? alice : bob);
    const seen = Object.fromEntries(Object.entries(devices).map(([name, t]) => [name, collect(t)]));

    // Everything published on the cluster's channel meanwhile.
    const listener = new Redis(REDIS_URL);
    const onChannel: string[] = [];
    listener.on('message', (_channel: string, message: string) => onChannel.push(message));
    await listener.subscribe(`${space.keyPrefix}events`);
    try {
      const sent: Message[] = [];
      for (let i = 1; i <= 3; i++) sent.push(await sender.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: `once ${i}` }));
      const ids = sent.map((m) => m.id);
      const received = (name: string) => seen[name]!.events.flatMap((e) => (e.type === 'message' ? [e.message.id] : []));
      await eventually(() => {
        for (const name of Object.keys(devices)) expect(received(name), name).toEqual(ids);
      });
      // A last message, after which a late duplicate of the first ones would have come on the same path.
      const last = await sender.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'the last' });
      await eventually(() => {
        for (const name of Object.keys(devices)) expect(received(name), name).toEqual([...ids, last.id]);
      });
      const messagesOnChannel = onChannel.filter((raw) => raw.includes('"type":"message"'));
      expect(messagesOnChannel).toHaveLength(4);
    } finally {
      for (const { stop } of Object.values(seen)) stop();
      listener.disconnect();
    }
  });
});
