import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../server/app';
import { ChatError, type ChatTransport, type ConnectionState, DEVICE_OFFLINE, type Session } from '../../src/transport';
import { PASSWORD, holdsFor, nextEvent, uniqueName, waitForConnection } from '../../tests/contract/harness';
import { type TestServer, startTestServer } from '../../tests/support/testServer';
import { SwitchableOnline, expectConnectWaitsForTheNetwork } from '../../tests/support/switchableOnline';
import { type SocketTransportOptions, createSocketTransport } from './socketTransport';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function transport(url: string, options: Partial<SocketTransportOptions> = {}): ChatTransport {
  const t = createSocketTransport({ url, transports: ['websocket'], reconnectDelayMs: 50, reconnectDelayMaxMs: 200, ...options });
  cleanups.push(() => t.disconnect());
  return t;
}

async function started(): Promise<TestServer> {
  const server = await startTestServer();
  cleanups.push(() => server.close());
  return server;
}

/** A session no server checks: for servers that accept anything or never answer. */
const anySession: Session = { token: 'any', user: { id: 'u', username: 'u', displayName: 'u', avatarColor: '#6d28d9' } };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChatError);
  return (error as ChatError).code;
}

describe('socket adapter connection handling', () => {
  it('reports connecting, online, offline with a reason, and comes back online by itself when the server returns', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-reconnect-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const start = (port: number) => createServer({ port, dataDir, jwtSecret: 'reconnect-test-secret-of-at-least-32-bytes', logLevel: 'silent' });
    const first = await start(0);
    const alice = transport(first.url);
    const bob = transport(first.url);
    const aliceSession = await alice.register({ username: uniqueName('alice'), email: 'a@example.com', password: PASSWORD });
    const bobSession = await bob.register({ username: uniqueName('bob'), email: 'b@example.com', password: PASSWORD });
    const conversation = await alice.openDirect(bobSession.user.id);

    const states: ConnectionState[] = [];
    bob.onConnection((state) => states.push(state));
    bob.connect(bobSession);
    await waitForConnection(bob, 'online');
    expect(states.map((s) => s.status)).toEqual(['connecting', 'online']);

    const dropped = waitForConnection(bob, 'offline');
    await first.close();
    await dropped;
    expect(bob.connectionState().reason).toMatch(/\w/);
    expect(await codeOf(bob.users())).toBe('OFFLINE');

    // A new server on the same port and the same data: the adapter finds it by itself.
    const second = await start(first.port);
    cleanups.push(() => second.close());
    await waitForConnection(bob, 'online', 10_000);
    expect(states.map((s) => s.status)).toContain('connecting');

    // Live again: events flow without the app calling connect() a second time.
    const arrived = nextEvent(bob, (e) => e.type === 'message');
    await alice.resume(aliceSession);
    await alice.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'after the restart' });
    expect(await arrived).toMatchObject({ message: { body: 'after the restart' } });
  }, 40_000);

  it('a refused session ends the connection with UNAUTHENTICATED and does not retry', async () => {
    const server = await started();
    const t = transport(server.url);
    const session = await t.register({ username: uniqueName('gone'), email: 'g@example.com', password: PASSWORD });
    const forged: Session = { ...session, token: session.token.slice(0, -3) + 'xyz' };
    const other = transport(server.url);
    other.connect(forged);
    await waitForConnection(other, 'offline');
    // No reconnection loop: it stays offline, saying why.
    await holdsFor(() => expect(other.connectionState()).toMatchObject({ status: 'offline', reason: expect.stringMatching(/sign in/i) }), 300);
    expect(await codeOf(other.users())).toBe('UNAUTHENTICATED');
  });

  it('a request waiting for a connection that never opens gives up when the device goes offline, not at its timeout', async () => {
    // Accepts TCP and never answers the handshake: the socket stays connecting.
    const mute = createTcpServer(() => undefined);
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => mute.close(() => resolve())));
    const address = mute.address();
    const device = new SwitchableOnline();
    const t = transport(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, { online: device, ackTimeoutMs: 60_000 });
    t.connect(anySession);
    expect(t.connectionState().status).toBe('connecting');
    const users = codeOf(t.users());
    device.set(false);
    expect(await users).toBe('OFFLINE');
    expect(t.connectionState()).toEqual(DEVICE_OFFLINE);
  });

  it('a request the server never answers is TIMEOUT; a payload over the frame limit is refused locally', async () => {
    // A server that accepts every session and connection, then answers no socket request: a hung backend.
    const session = anySession;
    const http = createHttpServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(session)));
    const silent = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => silent.close());
    const address = http.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const t = transport(url, { ackTimeoutMs: 200 });
    await t.resume(session);
    expect(await codeOf(t.users())).toBe('TIMEOUT');
    expect(await codeOf(t.send({ conversationId: 'c', clientId: crypto.randomUUID(), body: 'x'.repeat(70_000) }))).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('socket adapter following the device network', () => {
  /** A registered client on a fresh server whose device network the test switches. */
  async function onDevice(name: string) {
    const server = await started();
    const device = new SwitchableOnline();
    // A reconnection backoff far longer than any test here may run: coming back must not wait for it.
    const t = transport(server.url, { online: device, reconnectDelayMs: 60_000, reconnectDelayMaxMs: 60_000 });
    const session = await t.register({ username: uniqueName(name), email: `${name}@example.com`, password: PASSWORD });
    return { device, t, session };
  }

  it('goes offline the moment the device does, refuses requests without sending them, and reconnects the moment it is back', async () => {
    const { device, t, session } = await onDevice('nomad');
    t.connect(session);
    await waitForConnection(t, 'online');
    const seen: ConnectionState[] = [];
    t.onConnection((state) => seen.push(state));

    device.set(false);
    expect(seen).toEqual([DEVICE_OFFLINE]);
    expect(await codeOf(t.users())).toBe('OFFLINE');

    device.set(true);
    expect(t.connectionState().status).toBe('connecting');
    await waitForConnection(t, 'online');
    expect(seen.map((s) => s.status)).toEqual(['offline', 'connecting', 'online']);
    expect((await t.users()).map((u) => u.id)).toContain(session.user.id);
  });

  it('connecting while the device is offline opens nothing until the network returns; disconnecting stops following it', async () => {
    const { device, t, session } = await onDevice('cabin');
    await expectConnectWaitsForTheNetwork(t, device, session);
  });
});

describe('socket adapter sign-in over HTTP', () => {
  it('a refused sign-up, sign-in or session check carries Retry-After to the caller', async () => {
    // A server that rate limits every auth request, saying how long to wait in the header alone (no retryAfterMs in the body).
    const paths: string[] = [];
    const http = createHttpServer((request, response) => {
      paths.push(`${request.method} ${request.url}`);
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' }).end(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Slow down.' } }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const address = http.address();
    const t = transport(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    const session: Session = { token: 'token', user: { id: 'u', username: 'u', displayName: 'u', avatarColor: '#6d28d9' } };

    for (const attempt of [
      () => t.login({ username: 'alice', password: PASSWORD }),
      () => t.register({ username: 'alice', email: 'a@example.com', password: PASSWORD }),
      () => t.resume(session),
    ]) {
      const error = await attempt().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ChatError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', message: 'Slow down.', details: { retryAfterMs: 7000 } });
    }
    expect(paths).toEqual(['POST /api/auth/login', 'POST /api/auth/register', 'GET /api/auth/session']);
  });
});
