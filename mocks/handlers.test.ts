import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from '../adapters/http';
import { eventually, waitForConnection } from '../tests/contract/harness';
import { SwitchableOnline } from '../tests/support/switchableOnline';
import { setupMockServer } from './node';

const BASE_URL = 'http://mock-offline.test';
const PASSWORD = 'correct horse battery';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  vi.restoreAllMocks();
});

/** The mock API on a device whose network the test switches, and a client that does not follow the device itself. */
function mockOn(device: SwitchableOnline) {
  const mock = setupMockServer({ baseUrl: BASE_URL, online: device });
  mock.server.listen({ onUnhandledRequest: 'error' });
  cleanups.push(() => mock.close());
  const client = createHttpTransport({ baseUrl: BASE_URL, EventSource, online: null, reconnect: { baseMs: 20, maxMs: 50 } });
  cleanups.push(() => client.disconnect());
  return { mock, client };
}

const register = (username: string) =>
  fetch(`${BASE_URL}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, email: `${username}@example.com`, password: PASSWORD }) });

describe('the mocked API while the device is offline', () => {
  it('is unreachable: a request fails as a network error and never reaches the backend; it answers again once back', async () => {
    const device = new SwitchableOnline();
    mockOn(device);
    device.set(false);
    await expect(register('hana')).rejects.toThrow(TypeError);
    device.set(true);
    // Not registered while offline, so the name is still free.
    expect((await register('hana')).status).toBe(201);
  });

  it('loses the answer to a request the network drops under: the backend did the work', async () => {
    const device = new SwitchableOnline();
    const { mock } = mockOn(device);
    // The network goes down the moment the backend has registered the account, before the answer is on its way.
    const registerInBackend = mock.backend.service.register.bind(mock.backend.service);
    vi.spyOn(mock.backend.service, 'register').mockImplementation(async (input, caller) => {
      const session = await registerInBackend(input, caller);
      device.set(false);
      return session;
    });
    await expect(register('jane')).rejects.toThrow(TypeError);
    device.set(true);
    expect((await register('jane')).status).toBe(409);
  });

  it('drops an open event stream, on the client’s side and the backend’s, and lets it open again once back', async () => {
    const device = new SwitchableOnline();
    const { mock, client } = mockOn(device);
    const session = await client.register({ username: 'ivan', email: 'ivan@example.com', password: PASSWORD });
    client.connect(session);
    await waitForConnection(client, 'online');

    device.set(false);
    await waitForConnection(client, 'offline');
    await eventually(async () => expect(await mock.backend.presence.onlineUsers()).not.toContain(session.user.id));
    // Its retries meet the same dead network.
    await waitForConnection(client, 'connecting');
    await waitForConnection(client, 'offline');

    device.set(true);
    await waitForConnection(client, 'online');
    expect(await mock.backend.presence.onlineUsers()).toContain(session.user.id);
  });
});

describe('what no route of the mocked API takes', () => {
  it('is answered as the server answers it: 404 NOT_FOUND off the route table, 405 with Allow for another method', async () => {
    mockOn(new SwitchableOnline());
    const missing = await fetch(`${BASE_URL}/api/nothing/here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'There is nothing at this address.' } });
    const wrongMethod = await fetch(`${BASE_URL}/api/auth/login`, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(await wrongMethod.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'This address takes POST.' } });
    // A path with a parameter is known by its pattern.
    const deleteMessages = await fetch(`${BASE_URL}/api/conversations/${crypto.randomUUID()}/messages`, { method: 'DELETE' });
    expect(deleteMessages.status).toBe(405);
    expect(deleteMessages.headers.get('allow')).toBe('GET, POST');
    const readOneMessage = await fetch(`${BASE_URL}/api/conversations/${crypto.randomUUID()}/messages/3`);
    expect(readOneMessage.status).toBe(405);
    expect(readOneMessage.headers.get('allow')).toBe('PATCH, DELETE');
  });
});
