import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/protocol/limits';
import { PASSWORD, uniqueName } from '../contract/harness';
import { type TestServer, startTestServer } from '../support/testServer';

const ALLOWED = 'http://app.example';

describe('the server over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ corsOrigins: [ALLOWED] });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('GET /healthz answers ok while the store is reachable', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('failed logins become 429 RATE_LIMITED with Retry-After', async () => {
    const username = uniqueName('brute');
    expect((await post('/api/auth/register', JSON.stringify({ username, email: 'b@example.com', password: PASSWORD }))).status).toBe(201);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await post('/api/auth/login', JSON.stringify({ username, password: `wrong guess ${i}` }));
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('a body that is not JSON is 400 INVALID_INPUT; one over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const broken = await post('/api/auth/login', '{"username": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const huge = await post('/api/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(LIMITS.payloadMaxBytes) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('CORS answers only the allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/auth/login`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight(ALLOWED)).headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
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
