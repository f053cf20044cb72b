import { EventSource } from 'eventsource';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockBackend } from '../../mocks/backend';
import type { ChatService } from '../../src/backend/service';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { EVENTS_PATH, STREAM_EVENTS } from '../../src/protocol/http';
import { LIMITS } from '../../src/protocol/limits';
import { errorBodySchema } from '../../src/protocol/schemas';
import type { Change, ChatEvent, Session } from '../../src/transport/types';
import { openRawEventStream } from '../../tests/server/rawEventStream';
import { ONE_ADDRESS_LIMITS } from '../../tests/server/testServer';
import { registerHttpApi } from './api';

let app: FastifyInstance;
let base: string;
let service: ChatService;

beforeAll(async () => {
  const backend = createMockBackend({ store: new MemoryStore(), limits: { ...ONE_ADDRESS_LIMITS, loginPerAccount: { points: 2, durationSec: 60 } } });
  service = backend.service;
  app = Fastify();
  await registerHttpApi(app, { service, hub: backend.hub, tickets: backend.tickets, streams: backend.streams });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  service.dispose();
});

async function post(path: string, body: string, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(base + path, { method: 'POST', headers, body });
}

let counter = 0;
async function register(): Promise<Session> {
  counter += 1;
  const response = await post('/api/auth/register', JSON.stringify({ username: `http_${counter}_${Date.now() % 100000}`, email: 'h@example.com', password: 'correct horse battery' }));
  expect(response.status).toBe(201);
  return (await response.json()) as Session;
}

async function errorOf(response: Response) {
  return errorBodySchema.parse(await response.json()).error;
}

describe('errors travel as status + error body', () => {
  it('no bearer token is 401 UNAUTHENTICATED', async () => {
    const response = await fetch(`${base}/api/conversations`);
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('UNAUTHENTICATED');
  });

  it('a body over the byte limit is 413 PAYLOAD_TOO_LARGE, refused before it is parsed', async () => {
    const { token } = await register();
    const response = await post('/api/conversations/x/messages', JSON.stringify({ clientId: 'c'.repeat(10), body: 'x'.repeat(LIMITS.payloadMaxBytes) }), token);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON is 400 INVALID_INPUT', async () => {
    const response = await post('/api/auth/login', '{"username": ');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_INPUT');
  });

  it('too many failed sign-ins is 429 RATE_LIMITED with Retry-After in seconds', async () => {
    const { user } = await register();
    const attempt = () => post('/api/auth/login', JSON.stringify({ username: user.username, password: 'wrong password' }));
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    const error = await errorOf(limited);
    expect(error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBe(Math.ceil(error.details!.retryAfterMs! / 1000));
  });

  it('an unknown conversation is 404 NOT_FOUND naming no internals', async () => {
    const { token } = await register();
    const response = await fetch(`${base}/api/conversations/nope/messages?limit=5`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'NOT_FOUND', message: 'That conversation does not exist.' });
  });
});

describe('the event stream', () => {
  /** Reads one stream until `ready`, with an optional Last-Event-ID header, and closes it. */
  async function readUntilReady(token: string, query: Record<string, string>, lastEventId?: string) {
    const { ticket } = (await (await post('/api/events/ticket', '{}', token)).json()) as { ticket: string };
    const url = `${base}${EVENTS_PATH}?${new URLSearchParams({ ticket, ...query })}`;
    const source = new EventSource(url, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } }),
    });
    const events: { id: string; event: ChatEvent }[] = [];
    await new Promise<void>((resolve, reject) => {
      source.addEventListener('message', (m) => events.push({ id: m.lastEventId, event: JSON.parse(m.data) as ChatEvent }));
      source.addEventListener(STREAM_EVENTS.ready, () => resolve());
      source.addEventListener('error', (e) => reject(new Error(`stream failed: ${e.message}`)));
    });
    source.close();
    return events;
  }

  async function conversationWithMessages(count: number) {
    const alice = await register();
    const bob = await register();
    const conversation = await service.openDirect(alice.user.id, { userId: bob.user.id });
    for (let i = 1; i <= count; i++) await service.send(alice.user.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body: `m${i}` });
    const all = (await service.catchUp(bob.user.id, { since: 0 })).changes;
    return { alice, bob, all };
  }

  const durable = (events: { id: string; event: ChatEvent }[]) => events.filter((e): e is { id: string; event: Change } => 'rev' in e.event);

  it('resumed with Last-Event-ID it replays exactly the changes after it, each with its rev as id', async () => {
    const { bob, all } = await conversationWithMessages(5);
    const seen = all[2]!.rev;
    const replayed = durable(await readUntilReady(bob.token, {}, String(seen)));
    expect(replayed.map((e) => e.event)).toEqual(all.filter((c) => c.rev > seen));
    expect(replayed.map((e) => e.id)).toEqual(replayed.map((e) => String(e.event.rev)));
  });

  it('Last-Event-ID wins over the since query, which works alone too', async () => {
    const { bob, all } = await conversationWithMessages(4);
    const bySince = durable(await readUntilReady(bob.token, { since: String(all[1]!.rev) }));
    expect(bySince.map((e) => e.event.rev)).toEqual(all.slice(2).map((c) => c.rev));
    const both = durable(await readUntilReady(bob.token, { since: '0' }, String(all[3]!.rev)));
    expect(both.map((e) => e.event.rev)).toEqual(all.slice(4).map((c) => c.rev));
  });

  it('without a cursor it replays nothing', async () => {
    const { bob } = await conversationWithMessages(2);
    expect(durable(await readUntilReady(bob.token, {}))).toEqual([]);
  });

  it('a ticket opens one stream only', async () => {
    const { token } = await register();
    const { ticket } = (await (await post('/api/events/ticket', '{}', token)).json()) as { ticket: string };
    const first = await fetch(`${base}${EVENTS_PATH}?ticket=${ticket}`);
    expect(first.status).toBe(200);
    await first.body?.cancel();
    const second = await fetch(`${base}${EVENTS_PATH}?ticket=${ticket}`);
    expect(second.status).toBe(401);
    expect((await errorOf(second)).code).toBe('UNAUTHENTICATED');
  });

  it('a ticket asked for before signing out opens no stream after', async () => {
    const { token } = await register();
    const { ticket } = (await (await post('/api/events/ticket', '{}', token)).json()) as { ticket: string };
    expect((await post('/api/auth/logout', '{}', token)).status).toBe(204);
    const response = await fetch(`${base}${EVENTS_PATH}?ticket=${ticket}`);
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('UNAUTHENTICATED');
  });

  it('signing out ends the open streams of that session: the client is told, then the response ends', async () => {
    const session = await register();
    const other = (await (await post('/api/auth/login', JSON.stringify({ username: session.user.username, password: 'correct horse battery' }))).json()) as Session;
    const open = async (token: string) => {
      const { ticket } = (await (await post('/api/events/ticket', '{}', token)).json()) as { ticket: string };
      return openRawEventStream(base, ticket);
    };
    const mine = await open(session.token);
    const theirs = await open(other.token);
    await mine.until('event: ready');
    await theirs.until('event: ready');

    expect((await post('/api/auth/logout', '{}', session.token)).status).toBe(204);
    const { text, ended } = await mine.until();
    expect(ended).toBe(true);
    expect(text.endsWith('event: signed-out\ndata: {"message":"This session has been signed out."}\n\n')).toBe(true);
    // The user's other session streams on.
    const peer = await register();
    const conversation = await service.openDirect(peer.user.id, { userId: session.user.id });
    await service.send(peer.user.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'still here' });
    expect((await theirs.until('still here')).ended).toBe(false);
    await theirs.cancel();
  });

  it('a malformed Last-Event-ID is 400 INVALID_INPUT', async () => {
    const { token } = await register();
    const { ticket } = (await (await post('/api/events/ticket', '{}', token)).json()) as { ticket: string };
    const response = await fetch(`${base}${EVENTS_PATH}?ticket=${ticket}`, { headers: { 'last-event-id': 'yesterday' } });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_INPUT');
  });
});
