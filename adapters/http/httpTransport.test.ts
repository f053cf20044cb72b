import { EventSource } from 'eventsource';
import Fastify from 'fastify';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupMockServer } from '../../mocks/node';
import { registerHttpApi } from '../../server/http/api';
import { createMockBackend } from '../../mocks/backend';
import { DEFAULT_HEARTBEAT_MS } from '../../src/backend/http/eventStream';
import { EVENTS_PATH } from '../../src/protocol/http';
import { DEVICE_OFFLINE } from '../../src/transport/onlineSource';
import type { ChatEvent, ConnectionState } from '../../src/transport/types';
import { collect, eventually, holdsFor, nextEvent, waitForConnection } from '../../tests/contract/harness';
import { SwitchableOnline, expectConnectWaitsForTheNetwork } from '../../tests/support/switchableOnline';
import { type HttpTransportOptions, createHttpTransport } from './httpTransport';
import { plainHasher } from '../../tests/support/plainHasher';
import { LOCAL_CALLER } from '../../src/backend/limits/caller';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PASSWORD = 'correct horse battery';
const fast = { baseMs: 20, maxMs: 100 };

function states(transport: { onConnection(l: (s: ConnectionState) => void): () => void }) {
  const seen: ConnectionState['status'][] = [];
  cleanups.push(transport.onConnection((s) => seen.push(s.status)));
  return seen;
}

describe('HttpTransport against the Fastify API', () => {
  async function start() {
    const { service, hub, tickets, streams } = createMockBackend({ hasher: plainHasher });
    const app = Fastify();
    await registerHttpApi(app, { service, hub, tickets, streams });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(async () => {
      await app.close();
      service.dispose();
    });
    return { app, service, url };
  }

  it('after the connection drops it reconnects with backoff and replays what it missed', async () => {
    const { app, service, url } = await start();
    const alice = await service.register({ username: 'alice', email: 'a@example.com', password: PASSWORD }, LOCAL_CALLER);
    const bobTransport = createHttpTransport({ baseUrl: url, EventSource, reconnect: fast });
    cleanups.push(() => bobTransport.disconnect());
    const bob = await bobTransport.register({ username: 'bob', email: 'b@example.com', password: PASSWORD });
    const conversation = await service.openDirect(alice.user.id, { userId: bob.user.id });
    const send = (body: string) => service.send(alice.user.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body });

    bobTransport.connect(bob);
    await waitForConnection(bobTransport, 'online');
    const first = nextEvent(bobTransport, (e) => e.type === 'message');
    await send('before the drop');
    await first;

    const seen = states(bobTransport);
    const { events, stop } = collect(bobTransport);
    const offline = waitForConnection(bobTransport, 'offline');
    // The replay comes before the server's `ready`, so before the state turns online.
    const replayed = nextEvent(bobTransport, (e) => e.type === 'message' && e.message.body === 'while away 2');
    // Every socket to the server is cut, as a network blip or a proxy restart would.
    app.server.closeAllConnections();
    await offline;
    await send('while away 1');
    await send('while away 2');
    const last = await replayed;
    await waitForConnection(bobTransport, 'online');
    stop();

    // A retry may itself meet the cut (a pooled socket not yet known dead): then more offline/connecting rounds.
    expect(seen[0]).toBe('offline');
    expect(seen.at(-1)).toBe('online');
    expect(seen.slice(0, -1)).not.toContain('online');
    const bodies = events.flatMap((e: ChatEvent) => (e.type === 'message' ? [e.message.body] : []));
    expect(bodies).toEqual(['while away 1', 'while away 2']);
    expect(last.type === 'message' && last.message.seq).toBe(3);
  });

  it('a session the server no longer accepts stops reconnecting and says why', async () => {
    const { url } = await start();
    const transport = createHttpTransport({ baseUrl: url, EventSource, reconnect: fast });
    cleanups.push(() => transport.disconnect());
    const session = await transport.register({ username: 'carol', email: 'c@example.com', password: PASSWORD });
    await transport.logout();
    const seen = states(transport);
    transport.connect(session);
    await waitForConnection(transport, 'offline');
    expect(seen).toEqual(['connecting', 'offline']);
    expect(transport.connectionState().reason).toMatch(/sign in/i);
  });

  it('a session signed out elsewhere ends the open stream at once, says why and does not reconnect', async () => {
    const { url } = await start();
    const here = createHttpTransport({ baseUrl: url, EventSource, reconnect: fast });
    const elsewhere = createHttpTransport({ baseUrl: url, EventSource, reconnect: fast });
    cleanups.push(() => here.disconnect());
    const session = await elsewhere.register({ username: 'erin', email: 'e@example.com', password: PASSWORD });
    await here.resume(session);
    here.connect(session);
    await waitForConnection(here, 'online');
    const seen = states(here);
    await elsewhere.logout();
    await waitForConnection(here, 'offline');
    expect(here.connectionState().reason).toBe('This session has been signed out.');
    // Straight to offline, and it stays there: no "connection lost", no new ticket asked for.
    await holdsFor(() => expect(seen).toEqual(['offline']), 300);
  });
});

describe('HttpTransport against odd streams (MSW)', () => {
  const BASE_URL = 'http://odd-stream.test';

  /** A session from a first client, and a second client (with `options`) to connect with it. */
  async function signedIn(options: Partial<HttpTransportOptions> = {}) {
    const mock = setupMockServer({ baseUrl: BASE_URL, hasher: plainHasher });
    mock.server.listen({ onUnhandledRequest: 'error' });
    cleanups.push(() => mock.close());
    const session = await createHttpTransport({ baseUrl: BASE_URL, EventSource }).register({ username: 'dave', email: 'd@example.com', password: PASSWORD });
    const transport = createHttpTransport({ baseUrl: BASE_URL, EventSource, reconnect: { baseMs: 5_000, maxMs: 5_000 }, ...options });
    cleanups.push(() => transport.disconnect());
    return { mock, transport, session };
  }

  function streamOf(text: string): ReadableStream<Uint8Array> {
    // Stays open after the text, as a live stream does.
    return new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode(text)) });
  }

  it('a malformed event is dropped and changes nothing; the stream stays up', async () => {
    const { mock, transport, session } = await signedIn();
    const presence = { type: 'presence', userId: 'u1', presence: 'online', lastSeen: null };
    mock.server.use(
      http.get(BASE_URL + EVENTS_PATH, () =>
        new HttpResponse(streamOf(`data: {"type":"message","rev":"x"}\n\ndata: not json\n\ndata: ${JSON.stringify(presence)}\n\nevent: ready\ndata: {"heartbeatMs":60000}\n\n`), {
          headers: { 'content-type': 'text/event-stream' },
        }),
      ),
    );
    const { events, stop } = collect(transport);
    transport.connect(session);
    await waitForConnection(transport, 'online');
    stop();
    expect(events).toEqual([presence]);
  });

  it('a stream that falls silent past its heartbeats is dropped as dead', async () => {
    const { mock, transport, session } = await signedIn();
    mock.server.use(
      http.get(BASE_URL + EVENTS_PATH, () =>
        new HttpResponse(streamOf('event: ready\ndata: {"heartbeatMs":30}\n\n'), { headers: { 'content-type': 'text/event-stream' } }),
      ),
    );
    transport.connect(session);
    await waitForConnection(transport, 'online');
    await waitForConnection(transport, 'offline');
    expect(transport.connectionState().reason).toBe('The server stopped answering.');
  });

  it('a stream silent after the server’s own heartbeat is declared lost within 10 s', async () => {
    const { mock, transport, session } = await signedIn();
    mock.server.use(
      http.get(BASE_URL + EVENTS_PATH, () =>
        new HttpResponse(streamOf(`event: ready\ndata: {"heartbeatMs":${DEFAULT_HEARTBEAT_MS}}\n\n`), { headers: { 'content-type': 'text/event-stream' } }),
      ),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    cleanups.push(() => void vi.useRealTimers());
    transport.connect(session);
    await waitForConnection(transport, 'online');
    vi.advanceTimersByTime(10_000);
    expect(transport.connectionState()).toEqual({ status: 'offline', reason: 'The server stopped answering.' });
  });

  it('a stream that never says ready counts as failed after the timeout', async () => {
    const { mock, transport, session } = await signedIn({ timeoutMs: 200 });
    mock.server.use(http.get(BASE_URL + EVENTS_PATH, () => new HttpResponse(streamOf(': hello\n\n'), { headers: { 'content-type': 'text/event-stream' } })));
    const seen = states(transport);
    transport.connect(session);
    await waitForConnection(transport, 'offline');
    expect(seen).toEqual(['connecting', 'offline']);
    expect(transport.connectionState().reason).toBe('The server stopped answering.');
  });

  it('connecting twice with the same session keeps the one stream', async () => {
    const { transport, session } = await signedIn();
    transport.connect(session);
    await waitForConnection(transport, 'online');
    const seen = states(transport);
    transport.connect(session);
    expect(transport.connectionState().status).toBe('online');
    expect(seen).toEqual([]);
  });
});

describe('HttpTransport following the device network (MSW)', () => {
  const BASE_URL = 'http://device-network.test';

  /** A registered client of a mock server, on a device whose network the test switches; counts the streams it opens. */
  async function onDevice(name: string) {
    const mock = setupMockServer({ baseUrl: BASE_URL });
    mock.server.listen({ onUnhandledRequest: 'error' });
    cleanups.push(() => mock.close());
    const opened = { streams: 0 };
    mock.server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname === EVENTS_PATH) opened.streams += 1;
    });
    const device = new SwitchableOnline();
    // A backoff far longer than the test: coming back must not wait for it.
    const transport = createHttpTransport({ baseUrl: BASE_URL, EventSource, online: device, reconnect: { baseMs: 60_000, maxMs: 60_000 } });
    cleanups.push(() => transport.disconnect());
    const session = await transport.register({ username: name, email: `${name}@example.com`, password: PASSWORD });
    return { mock, opened, device, transport, session };
  }

  it('goes offline the moment the device does, opens nothing while offline, and a new stream the moment it is back', async () => {
    const { mock, opened, device, transport, session } = await onDevice('frank');
    transport.connect(session);
    await waitForConnection(transport, 'online');
    const seen = states(transport);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    cleanups.push(() => void vi.useRealTimers());
    device.set(false);
    expect(seen).toEqual(['offline']);
    expect(transport.connectionState()).toEqual(DEVICE_OFFLINE);
    // The stream is closed, so the backend no longer counts the connection.
    await eventually(async () => expect(await mock.backend.presence.onlineUsers()).not.toContain(session.user.id));
    // Past any backoff and watchdog: nothing is retried (a retry says `connecting` first) while the device has no network.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(seen).toEqual(['offline']);
    expect(opened.streams).toBe(1);

    device.set(true);
    await waitForConnection(transport, 'online');
    expect(opened.streams).toBe(2);
    expect(seen).toEqual(['offline', 'connecting', 'online']);
  });

  it('connecting while the device is offline opens nothing until the network returns; disconnecting stops following it', async () => {
    const { device, transport, session } = await onDevice('gina');
    await expectConnectWaitsForTheNetwork(transport, device, session);
  });
});
