import { request } from 'node:http';
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../src/protocol/http';
import type { Session } from '../../src/transport';
import { PASSWORD, eventually, uniqueName } from '../contract/harness';
import { type TestServer, startTestServer } from '../support/testServer';

// Every address in 127.0.0.0/8 is this machine: a client bound to 127.0.0.2 is
// another address to the server, as another network would be.
const HERE = '127.0.0.1';
const ELSEWHERE = '127.0.0.2';

interface Answer {
  status: number;
  body: unknown;
}

/** A JSON request sent from `localAddress`. */
function call(server: TestServer, localAddress: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: HERE, port: server.port, path, method, localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : (JSON.parse(text) as unknown) }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const codeOf = (answer: Answer) => (answer.body as { error?: { code?: string } } | undefined)?.error?.code;

async function register(server: TestServer, from = HERE): Promise<Session> {
  const username = uniqueName('addr');
  const answer = await call(server, from, 'POST', '/api/auth/register', { username, email: 'a@example.com', password: PASSWORD });
  expect(answer.status).toBe(201);
  return answer.body as Session;
}

describe('sign-in limits by client address, over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  // Hole 2 of issue 14: five wrong guesses from anywhere locked the account for everyone.
  it('guesses from one address do not lock the owner out of another', async () => {
    const owner = await register(server, ELSEWHERE);
    const username = owner.user.username;
    for (let i = 0; i < 5; i++) {
      expect((await call(server, HERE, 'POST', '/api/auth/login', { username, password: `guess ${i}` })).status).toBe(401);
    }
    const locked = await call(server, HERE, 'POST', '/api/auth/login', { username, password: PASSWORD });
    expect([locked.status, codeOf(locked)]).toEqual([429, 'RATE_LIMITED']);
    const signedIn = await call(server, ELSEWHERE, 'POST', '/api/auth/login', { username, password: PASSWORD });
    expect(signedIn.status).toBe(200);
  });

  it('X-Forwarded-For is not believed from a client when no proxy is trusted', async () => {
    const owner = await register(server);
    const username = owner.user.username;
    for (let i = 0; i < 5; i++) await call(server, HERE, 'POST', '/api/auth/login', { username, password: `guess ${i}` }, { 'x-forwarded-for': `198.51.100.${i}` });
    const next = await call(server, HERE, 'POST', '/api/auth/login', { username, password: 'one more' }, { 'x-forwarded-for': '198.51.100.99' });
    expect(codeOf(next)).toBe('RATE_LIMITED');
  });
});

describe('behind a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustedProxies: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the address the proxy saw is the client’s', async () => {
    const owner = await register(server);
    const username = owner.user.username;
    const from = (address: string, password: string) => call(server, HERE, 'POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': address });
    for (let i = 0; i < 5; i++) await from('198.51.100.1', `guess ${i}`);
    expect(codeOf(await from('198.51.100.1', PASSWORD))).toBe('RATE_LIMITED');
    expect((await from('203.0.113.9', PASSWORD)).status).toBe(200);
  });
});

describe('open connections per user and per address', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ limits: { connectionsPerUser: 3, connectionsPerAddress: 4 } });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await server?.close();
  });

  // Each test connects from addresses of its own, so what an earlier test still holds does not count here.
  function open(token: string, localAddress: string): Promise<{ socket: Socket; outcome: string }> {
    // engine.io-client passes localAddress on to its Node WebSocket, though its types do not name it.
    const options: Partial<ManagerOptions & SocketOptions> & { localAddress: string } = { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, localAddress };
    const socket = io(server.url, options);
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ socket, outcome: 'connected' }));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve({ socket, outcome: error.data?.code ?? error.message }));
    });
  }

  // Hole 6 of issue 14: one user could hold 500 sockets.
  it('a user’s sockets beyond the cap are refused with RATE_LIMITED; closing one makes room', async () => {
    const { token } = await register(server);
    const from = '127.0.0.3';
    const opened = [await open(token, from), await open(token, from), await open(token, from)];
    expect(opened.map((o) => o.outcome)).toEqual(['connected', 'connected', 'connected']);
    expect((await open(token, from)).outcome).toBe('RATE_LIMITED');
    opened[0]!.socket.disconnect();
    await eventually(async () => expect((await open(token, from)).outcome).toBe('connected'));
  });

  it('event streams count with the sockets', async () => {
    const { token } = await register(server);
    for (let i = 0; i < 3; i++) expect((await open(token, '127.0.0.4')).outcome).toBe('connected');
    const ticket = await call(server, HERE, 'POST', '/api/events/ticket', {}, { authorization: `Bearer ${token}` });
    expect(ticket.status).toBe(201);
    const stream = await fetch(`${server.url}${EVENTS_PATH}?${new URLSearchParams({ ticket: (ticket.body as { ticket: string }).ticket })}`);
    expect(stream.status).toBe(429);
    expect(await stream.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('one address is capped across users', async () => {
    const users = await Promise.all([register(server), register(server), register(server)]);
    const outcomes = [];
    for (const { token } of [...users, ...users]) outcomes.push((await open(token, '127.0.0.5')).outcome);
    expect(outcomes.filter((o) => o === 'connected')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(2);
    // Another address is not held up by it.
    expect((await open(users[0]!.token, '127.0.0.6')).outcome).toBe('connected');
  });
});
