import { EventSource } from 'eventsource';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH, STREAM_EVENTS } from '../../src/protocol/http';
import { LIMITS } from '../../src/protocol/limits';
import { errorBodySchema } from '../../src/protocol/schemas';
import type { Change, ChatEvent, Session } from '../../src/transport/types';
import { PASSWORD, uniqueName } from '../contract/harness';
import { openRawEventStream } from '../support/rawEventStream';
import { type TestServer, startTestServer } from '../support/testServer';

// The real server over HTTP (Fastify, the HTTP API of server/http/api.ts, JWT sessions, signed stream
// tickets), with its own defaults: health, CORS, how errors travel, the auth routes and the event stream.
const ALLOWED = 'http://app.example';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [ALLOWED] });
});
afterAll(async () => {
  await server?.close();
});

function post(path: string, body: string | undefined, token?: string): Promise<Response> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(server.url + path, { method: 'POST', headers, body });
}

const get = (path: string, token?: string) => fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function register(prefix = 'http'): Promise<Session> {
  const response = await post('/api/auth/register', JSON.stringify({ username: uniqueName(prefix), email: 'h@example.com', password: PASSWORD }));
  expect(response.status).toBe(201);
  return (await response.json()) as Session;
}

async function errorOf(response: Response) {
  return errorBodySchema.parse(await response.json()).error;
}

describe('the server', () => {
  it('GET /healthz answers ok while the store is reachable', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('CORS answers only the allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/auth/login`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight(ALLOWED)).headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS allows every method the route table uses (an edit is PATCH, a delete DELETE)', async () => {
    const preflight = await fetch(`${server.url}/api/conversations/c1/messages/1`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'PATCH' },
    });
    const allowed = (preflight.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
    expect(allowed).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
  });

  it('a WebSocket upgrade from an origin that is not allowed is refused', async () => {
    const attempt = (origin: string) =>
      new Promise<'connected' | 'refused'>((resolve) => {
        const s = io(server.url, { transports: ['websocket'], extraHeaders: { origin }, forceNew: true, reconnection: false, auth: { token: 'x' } });
        const settle = (outcome: 'connected' | 'refused') => {
          s.close();
          resolve(outcome);
        };
        s.once('connect', () => settle('connected'));
        // An allowed origin reaches the auth check (and fails it there); a refused one never gets that far.
        s.once('connect_error', (error: Error & { data?: { code?: string } }) => settle(error.data?.code === 'UNAUTHENTICATED' ? 'connected' : 'refused'));
      });
    expect(await attempt(ALLOWED)).toBe('connected');
    expect(await attempt('http://evil.example')).toBe('refused');
  });
});

describe('errors travel as status + error body', () => {
  it('no bearer token is 401 UNAUTHENTICATED', async () => {
    const response = await get('/api/conversations');
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('UNAUTHENTICATED');
  });

  it('a body over the byte limit is 413 PAYLOAD_TOO_LARGE, refused before it is parsed', async () => {
    const { token } = await register();
    const message = await post('/api/conversations/x/messages', JSON.stringify({ clientId: 'c'.repeat(10), body: 'x'.repeat(LIMITS.payloadMaxBytes) }), token);
    expect(message.status).toBe(413);
    expect((await errorOf(message)).code).toBe('PAYLOAD_TOO_LARGE');
    const login = await post('/api/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(LIMITS.payloadMaxBytes) }));
    expect(login.status).toBe(413);
    expect((await errorOf(login)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON is 400 INVALID_INPUT', async () => {
    const response = await post('/api/auth/login', '{"username": ');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_INPUT');
  });

  it('failed logins become 429 RATE_LIMITED after five, with Retry-After in seconds', async () => {
    const { user } = await register('brute');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await post('/api/auth/login', JSON.stringify({ username: user.username, password: `wrong guess ${i}` }));
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const error = await errorOf(last!);
    expect(error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(last!.headers.get('retry-after'))).toBe(Math.ceil(error.details!.retryAfterMs! / 1000));
  });

  it('an unknown conversation is 404 NOT_FOUND naming no internals', async () => {
    const { token } = await register();
    const response = await get('/api/conversations/nope/messages?limit=5', token);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'NOT_FOUND', message: 'That conversation does not exist.' });
  });

  it.each(['/api/nothing-here', '/api/conversations/c1/messages/1/extra', '/', '/index.html'])('GET %s, served by no route, is 404 NOT_FOUND', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('allow')).toBeNull();
    expect(await errorOf(response)).toEqual({ code: 'NOT_FOUND', message: 'There is nothing at this address.' });
  });

  it.each([
    { method: 'GET', path: '/api/auth/login', allow: 'POST, OPTIONS' },
    { method: 'DELETE', path: '/api/conversations/c1/messages', allow: 'GET, HEAD, POST, OPTIONS' },
    { method: 'PUT', path: '/api/users', allow: 'GET, HEAD, OPTIONS' },
    { method: 'GET', path: '/api/conversations/c1/messages/1', allow: 'PATCH, DELETE, OPTIONS' },
    { method: 'POST', path: '/healthz', allow: 'GET, HEAD, OPTIONS' },
  ])('$method $path, served under other methods only, is 405 METHOD_NOT_ALLOWED with Allow: $allow', async ({ method, path, allow }) => {
    const response = await fetch(server.url + path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await errorOf(response)).toEqual({ code: 'METHOD_NOT_ALLOWED', message: `This address takes ${allow}.` });
  });

  it('a HEAD request for a path served under POST only is 405 with no body', async () => {
    const response = await fetch(`${server.url}/api/auth/register`, { method: 'HEAD' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('the auth routes', () => {
  it('register, sign in, check and end a session', async () => {
    const name = uniqueName('Routes_User');
    const created = await post('/api/auth/register', JSON.stringify({ username: name, email: 'r@example.com', password: PASSWORD }));
    expect(created.status).toBe(201);
    const { token, user } = (await created.json()) as Session;
    expect(user.username).toBe(name.toLowerCase());
    expect((await post('/api/auth/login', JSON.stringify({ username: user.username, password: PASSWORD }))).status).toBe(200);
    expect(await (await get('/api/auth/session', token)).json()).toMatchObject({ token, user: { username: user.username } });
    expect((await post('/api/auth/logout', '{}', token)).status).toBe(204);
    const after = await get('/api/auth/session', token);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe('UNAUTHENTICATED');
  });

  it('a session check without a token is 401 UNAUTHENTICATED', async () => {
    const response = await get('/api/auth/session');
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    { name: 'a taken username', url: '/api/auth/register', body: (taken: string) => ({ username: taken, email: 'x@example.com', password: PASSWORD }), status: 409, code: 'USERNAME_TAKEN' },
    { name: 'an invalid email', url: '/api/auth/register', body: () => ({ username: uniqueName('other'), email: 'nope', password: PASSWORD }), status: 400, code: 'INVALID_INPUT' },
    { name: 'no body', url: '/api/auth/login', body: () => undefined, status: 400, code: 'INVALID_INPUT' },
    { name: 'a wrong password', url: '/api/auth/login', body: (taken: string) => ({ username: taken, password: 'wrong password' }), status: 401, code: 'INVALID_CREDENTIALS' },
  ])('$name is $status $code', async ({ url, body, status, code }) => {
    const { user } = await register('taken');
    const payload = body(user.username);
    const response = await post(url, payload === undefined ? undefined : JSON.stringify(payload));
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
  });
});

describe('the event stream', () => {
  async function ticketFor(token: string): Promise<string> {
    return ((await (await post('/api/events/ticket', '{}', token)).json()) as { ticket: string }).ticket;
  }

  /** Reads one stream until `ready`, with an optional Last-Event-ID header, and closes it. */
  async function readUntilReady(token: string, query: Record<string, string>, lastEventId?: string) {
    const url = `${server.url}${EVENTS_PATH}?${new URLSearchParams({ ticket: await ticketFor(token), ...query })}`;
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
    const { service } = server;
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
    const ticket = await ticketFor(token);
    const first = await get(`${EVENTS_PATH}?ticket=${ticket}`);
    expect(first.status).toBe(200);
    await first.body?.cancel();
    const second = await get(`${EVENTS_PATH}?ticket=${ticket}`);
    expect(second.status).toBe(401);
    expect((await errorOf(second)).code).toBe('UNAUTHENTICATED');
  });

  it('a ticket asked for before signing out opens no stream after', async () => {
    const { token } = await register();
    const ticket = await ticketFor(token);
    expect((await post('/api/auth/logout', '{}', token)).status).toBe(204);
    const response = await get(`${EVENTS_PATH}?ticket=${ticket}`);
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('UNAUTHENTICATED');
  });

  it('signing out ends the open streams of that session: the client is told, then the response ends', async () => {
    const session = await register();
    const other = (await (await post('/api/auth/login', JSON.stringify({ username: session.user.username, password: PASSWORD }))).json()) as Session;
    const open = async (token: string) => openRawEventStream(server.url, await ticketFor(token));
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
    const conversation = await server.service.openDirect(peer.user.id, { userId: session.user.id });
    await server.service.send(peer.user.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'still here' });
    expect((await theirs.until('still here')).ended).toBe(false);
    await theirs.cancel();
  });

  it('a malformed Last-Event-ID is 400 INVALID_INPUT', async () => {
    const { token } = await register();
    const response = await fetch(`${server.url}${EVENTS_PATH}?ticket=${await ticketFor(token)}`, { headers: { 'last-event-id': 'yesterday' } });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_INPUT');
  });
});
