import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../adapters/http/httpTransport';
import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import { EVENTS_PATH, STREAM_EVENTS, httpRoutes } from '../../src/protocol/http';
import { errorBodySchema } from '../../src/protocol/schemas';
import type { ChatTransport, Message, Session } from '../../src/transport';
import { connectAndWait, eventually, PASSWORD, uniqueName } from '../contract/harness';
import { openRawEventStream } from '../support/rawEventStream';
import type { TestServer } from '../support/testServer';
import { type ClusterSpace, createClusterSpace } from './clusterHarness';

// The HTTP event stream without sticky routing: a ticket issued by one node
// opens the stream on another, once, and not after its session signed out.
describe('event stream tickets across two nodes', () => {
  let space: ClusterSpace;
  let a: TestServer;
  let b: TestServer;
  const transports: ChatTransport[] = [];

  beforeAll(async () => {
    space = await createClusterSpace();
    a = await space.node();
    b = await space.node();
  });

  afterAll(async () => {
    for (const t of transports) t.disconnect();
    await a?.close();
    await b?.close();
    await space?.drop();
  });

  const signUp = async (node: TestServer, name: string): Promise<Session> => {
    const t = createHttpTransport({ baseUrl: node.url, EventSource });
    return t.register({ username: uniqueName(name), email: `${name}@example.com`, password: PASSWORD });
  };
  const ticketFrom = async (node: TestServer, session: Session): Promise<string> => {
    const response = await fetch(node.url + httpRoutes.streamTicket.path, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { ticket: string }).ticket;
  };
  /** Opens the stream and, when it opened, closes it again at once. */
  const openStream = async (node: TestServer, ticket: string): Promise<{ status: number; code?: string }> => {
    const response = await fetch(`${node.url}${EVENTS_PATH}?${new URLSearchParams({ ticket })}`);
    if (response.status === 200) {
      await response.body?.cancel();
      return { status: 200 };
    }
    return { status: response.status, code: errorBodySchema.parse(await response.json()).error.code };
  };

  it('an HTTP client whose ticket comes from node A and whose stream lands on node B gets its events', async () => {
    // What a balancer without sticky sessions may do: the API calls (the ticket among them) reach
    // node A, the EventSource's request reaches node B.
    const opened: string[] = [];
    class LandsOnNodeB extends EventSource {
      constructor(url: string) {
        const onB = url.replace(a.url, b.url);
        opened.push(onB);
        super(onB);
      }
    }
    const carol = createHttpTransport({ baseUrl: a.url, EventSource: LandsOnNodeB, reconnect: { baseMs: 50, maxMs: 500 } });
    transports.push(carol);
    const carolSession = await carol.register({ username: uniqueName('carol'), email: 'carol@example.com', password: PASSWORD });
    await connectAndWait(carol, carolSession);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.startsWith(`${b.url}${EVENTS_PATH}?`)).toBe(true);

    const dave = createSocketTransport({ url: a.url, transports: ['websocket'] });
    transports.push(dave);
    await connectAndWait(dave, await dave.register({ username: uniqueName('dave'), email: 'dave@example.com', password: PASSWORD }));
    const conversation = await dave.openDirect(carolSession.user.id);
    const received: Message[] = [];
    carol.subscribe((e) => {
      if (e.type === 'message') received.push(e.message);
    });
    const sent: Message[] = [];
    for (let i = 1; i <= 3; i++) sent.push(await dave.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: `to node B ${i}` }));
    await eventually(() => expect(received.map((m) => m.id)).toEqual(sent.map((m) => m.id)));
    // One stream, never refused and reopened.
    expect(opened).toHaveLength(1);
  });

  it('a ticket opens one stream on whichever node sees it first, and none after', async () => {
    const session = await signUp(a, 'erin');
    const ticket = await ticketFrom(a, session);
    expect(await openStream(b, ticket)).toEqual({ status: 200 });
    expect(await openStream(a, ticket)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await openStream(b, ticket)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('signing out through node A ends the stream of that session open on node B: told so, then nothing more reaches it', async () => {
    const session = await signUp(a, 'gina');
    const login = await fetch(a.url + httpRoutes.login.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: session.user.username, password: PASSWORD }),
    });
    const otherSession = (await login.json()) as Session;
    // Both streams on node B: the one to be signed out, and the same person's other session as the witness.
    const mine = await openRawEventStream(b.url, await ticketFrom(a, session));
    const theirs = await openRawEventStream(b.url, await ticketFrom(a, otherSession));
    await mine.until('event: ready');
    await theirs.until('event: ready');

    const logout = await fetch(a.url + httpRoutes.logout.path, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    expect(logout.status).toBe(204);
    const { text, ended } = await mine.until();
    expect(ended).toBe(true);
    expect(text.endsWith(`event: ${STREAM_EVENTS.signedOut}\ndata: {"message":"This session has been signed out."}\n\n`)).toBe(true);

    const hank = createSocketTransport({ url: a.url, transports: ['websocket'] });
    transports.push(hank);
    await hank.register({ username: uniqueName('hank'), email: 'hank@example.com', password: PASSWORD });
    const conversation = await hank.openDirect(session.user.id);
    await hank.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'after gina signed out' });
    // The other session on node B gets it; the signed-out stream had ended before, with nothing after its last word.
    expect((await theirs.until('after gina signed out')).ended).toBe(false);
    expect(mine.text).toBe(text);
    await theirs.cancel();
  });

  it('signing out on one node voids the tickets that session got from another', async () => {
    const session = await signUp(b, 'frank');
    const ticket = await ticketFrom(a, session);
    const logout = await fetch(b.url + httpRoutes.logout.path, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    expect(logout.status).toBe(204);
    expect(await openStream(a, ticket)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await openStream(b, ticket)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
