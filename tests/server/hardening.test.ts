import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../src/protocol/http';
import type { Session } from '../../src/transport';
import { PASSWORD, uniqueName } from '../contract/harness';
import { startChildServer } from '../support/childServer';
import { type TestServer, startTestServer } from '../support/testServer';

// Hole 8 of issue 14: what a deployment needs around the API itself.
describe('the server’s HTTP hygiene', () => {
  let server: TestServer;
  let session: Session;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startTestServer();
    session = (await (await post('/api/auth/register', { username: uniqueName('hyg'), email: 'h@example.com', password: PASSWORD })).json()) as Session;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says X-Content-Type-Options: nosniff on every kind of response', async () => {
    const auth = { authorization: `Bearer ${session.token}` };
    const ticket = (await (await post('/api/events/ticket', {}, auth)).json()) as { ticket: string };
    const stream = await fetch(`${server.url}${EVENTS_PATH}?${new URLSearchParams({ ticket: ticket.ticket })}`);
    const responses = [
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/api/users`, { headers: auth }),
      await fetch(`${server.url}/api/users`),
      await post('/api/auth/login', { username: 'x' }),
      await fetch(`${server.url}/no/such/route`),
      stream,
      // Socket.IO answers long-polling itself, outside the web framework.
      await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`),
    ];
    await stream.body?.cancel();
    expect(responses.map((r) => r.headers.get('x-content-type-options'))).toEqual(responses.map(() => 'nosniff'));
  });

  it('marks sign-in, sign-up, session and ticket answers Cache-Control: no-store, refusals too', async () => {
    const auth = { authorization: `Bearer ${session.token}` };
    const responses = [
      await post('/api/auth/register', { username: uniqueName('nostore'), email: 'n@example.com', password: PASSWORD }),
      await post('/api/auth/login', { username: session.user.username, password: PASSWORD }),
      await post('/api/auth/login', { username: session.user.username, password: 'wrong password' }),
      await fetch(`${server.url}/api/auth/session`, { headers: auth }),
      await post('/api/events/ticket', {}, auth),
    ];
    expect(responses.map((r) => r.status)).toEqual([201, 200, 401, 200, 201]);
    expect(responses.map((r) => r.headers.get('cache-control'))).toEqual(responses.map(() => 'no-store'));
  });

  it('takes the bearer scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `${scheme} ${session.token}` } });
      expect(response.status).toBe(200);
    }
  });
});

describe('a connection that sends nothing', () => {
  // A server of its own: its idle timeout would race the keep-alive connections the other tests reuse.
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ idleTimeoutMs: 300 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is closed by the server', async () => {
    const socket = connect(server.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});

describe('the JWT secret', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-secret-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is required: without one the server does not start, and writes no key', async () => {
    await expect(startChildServer({ JWT_SECRET: '', DATA_DIR: dataDir })).rejects.toThrow(/JWT_SECRET must be set/);
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(false);
  });

  it('is made up only when development is asked for (--dev)', async () => {
    const server = await startChildServer({ JWT_SECRET: '', DATA_DIR: dataDir }, 'server/main.ts', ['--dev']);
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(true);
    } finally {
      await server.stop('SIGTERM');
    }
  });
});
