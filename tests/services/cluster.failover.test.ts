import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import { type ChatClient, createChatClient, MemoryStorage } from '../../src/client';
import type { ChatEvent, ChatTransport, ConversationId, Session } from '../../src/transport';
import { connectAndWait, eventually, nextEvent, PASSWORD, uniqueName } from '../contract/harness';
import { type ChildServer, startChildServer } from '../support/childServer';
import type { TestServer } from '../support/testServer';
import { Balancer, type ClusterSpace, createClusterSpace } from './clusterHarness';

const NODE_TTL_MS = 1_500;

// Node K runs as its own process so it can be killed outright (SIGKILL: no
// shutdown code, no presence cleanup); node B runs in this process. Alice's
// app reaches the cluster through a balancer in front of K, which sends new
// connections to B once K is gone, as a health-checking load balancer would.
describe('a node killed while clients are connected', () => {
  let space: ClusterSpace;
  let k: ChildServer;
  let b: TestServer;
  let balancer: Balancer;
  const transports: ChatTransport[] = [];
  const clients: ChatClient[] = [];

  const socketTo = (url: string) => {
    const t = createSocketTransport({ url, transports: ['websocket'], reconnectDelayMs: 50, reconnectDelayMaxMs: 300 });
    transports.push(t);
    return t;
  };
  const app = (url: string) => {
    const client = createChatClient({
      transport: socketTo(url),
      storage: new MemoryStorage(),
      visibility: { isVisible: () => true, onChange: () => () => {} },
      timing: { backoff: { baseMs: 50, maxMs: 300 } },
      onError: (error) => {
        throw error;
      },
    });
    clients.push(client);
    return client;
  };
  const register = (client: ChatClient, name: string) =>
    client.actions.register({ username: uniqueName(name), email: `${name}@example.com`, password: PASSWORD });
  const engine = (client: ChatClient) => {
    const e = client.engine.getState();
    if (!e) throw new Error('not signed in');
    return e;
  };
  const rows = (client: ChatClient, conversationId: ConversationId) =>
    engine(client).db.messages.where('[conversationId+sortKey]').between([conversationId, -Infinity], [conversationId, Infinity]).toArray();

  beforeAll(async () => {
    space = await createClusterSpace();
    [k, b] = await Promise.all([startChildServer(space.env(NODE_TTL_MS)), space.node({ nodeTtlMs: NODE_TTL_MS })]);
    balancer = await Balancer.start(k.url);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) await client.stop();
    for (const t of transports) t.disconnect();
    await balancer?.close();
    await k?.stop('SIGTERM');
    await b?.close();
    await space?.drop();
  });

  it('clients move to the other node with nothing lost or duplicated, and the dead node’s users go offline', async () => {
    const alice = app(balancer.url);
    const aliceSession = await register(alice, 'alice');
    const bob = app(b.url);
    const bobSession = await register(bob, 'bob');
    // Carol is connected to K only and has nowhere to go: only dead-node detection can take her offline.
    const carol = socketTo(k.url);
    const carolSession = await carol.register({ username: uniqueName('carol'), email: 'carol@example.com', password: PASSWORD });
    await connectAndWait(carol, carolSession);
    const watcher = socketTo(b.url);
    await connectAndWait(watcher, await watcher.register({ username: uniqueName('watcher'), email: 'w@example.com', password: PASSWORD }));
    // Presence goes to the people one shares a conversation with.
    await watcher.openDirect(carolSession.user.id);

    const conversationId = await alice.actions.openDirect(bobSession.user.id);
    const bodies = Array.from({ length: 30 }, (_, i) => `message ${i + 1}`);
    for (const body of bodies.slice(0, 10)) await alice.actions.send(conversationId, body);
    await eventually(async () => expect((await rows(bob, conversationId)).map((m) => m.body)).toEqual(bodies.slice(0, 10)));

    const carolOffline = nextEvent(
      watcher,
      (e): e is Extract<ChatEvent, { type: 'presence' }> => e.type === 'presence' && e.userId === carolSession.user.id && e.presence === 'offline',
      NODE_TTL_MS * 10,
    );
    // Sends queued on K's side of the wire as it dies: some acked, some lost in flight.
    for (const body of bodies.slice(10, 20)) await alice.actions.send(conversationId, body);
    await k.stop('SIGKILL');
    expect(k.process.signalCode).toBe('SIGKILL');
    balancer.route(b.url);
    for (const body of bodies.slice(20)) await alice.actions.send(conversationId, body);

    // Bob (on B all along) and Alice (now on B) end with the same 30 messages, once each, in order.
    await eventually(async () => {
      const bobRows = await rows(bob, conversationId);
      expect(bobRows.map((m) => m.body)).toEqual(bodies);
      expect(bobRows.map((m) => m.seq)).toEqual(bodies.map((_, i) => i + 1));
    }, 20_000);
    await eventually(async () => {
      const aliceRows = await rows(alice, conversationId);
      expect(aliceRows.map((m) => [m.body, m.seq])).toEqual(bodies.map((body, i) => [body, i + 1]));
      expect(aliceRows.every((m) => m.status !== 'pending' && m.status !== 'failed')).toBe(true);
      expect(await engine(alice).db.outbox.count()).toBe(0);
    }, 20_000);
    const history = await watcherHistory(aliceSession, conversationId);
    expect(history).toEqual(bodies);

    // K's heartbeat stops; B finds its liveness key expired and disconnects what K held.
    expect(await carolOffline).toMatchObject({ presence: 'offline', lastSeen: expect.any(String) });
    const directory = await watcher.users();
    expect(directory.find((u) => u.id === carolSession.user.id)).toMatchObject({ presence: 'offline', lastSeen: expect.any(String) });
    // Alice's connection on K was reaped too, but she is online through B.
    expect(directory.find((u) => u.id === aliceSession.user.id)?.presence).toBe('online');
  }, 60_000);

  /** The server's own history, as a fresh device of Alice sees it from node B. */
  async function watcherHistory(session: Session, conversationId: ConversationId): Promise<string[]> {
    const device = socketTo(b.url);
    await device.resume(session);
    return (await device.history(conversationId, { limit: 100 })).messages.map((m) => m.body);
  }
});
