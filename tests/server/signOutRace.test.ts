import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqliteStore';
import type { AckResponse } from '../../src/protocol/socket';
import type { Session } from '../../src/transport';
import { PASSWORD, uniqueName } from '../contract/harness';
import { type TestServer, startTestServer } from '../support/testServer';

/** SQLite with a hook run right after a user is read: where the handshake has checked the session and not yet connected. */
class HookedStore extends SqliteStore {
  afterUserRead: (() => Promise<void>) | null = null;

  override async getUserById(id: string) {
    const user = await super.getUserById(id);
    const hook = this.afterUserRead;
    this.afterUserRead = null;
    await hook?.();
    return user;
  }
}

// Hole 4 of issue 14: a socket whose session signed out between the handshake's
// check and the socket joining its session's room was never disconnected (on
// PostgreSQL 4 in 900 tries), and was served for as long as the token lived.
// The hook puts the sign-out exactly in that gap, every time.
describe('a sign-out racing a socket handshake', () => {
  const dir = mkdtempSync(join(tmpdir(), 'violetchat-race-'));
  const store = new HookedStore(join(dir, 'race.db'));
  let server: TestServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ store });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function register(): Promise<Session> {
    const username = uniqueName('racer');
    const response = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: 'r@example.com', password: PASSWORD }),
    });
    return (await response.json()) as Session;
  }

  it('leaves the socket neither connected nor served', async () => {
    const { token } = await register();
    store.afterUserRead = () => server.service.logout(token);
    const s = io(server.url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    const ended = new Promise<string>((resolve) => {
      s.once('disconnect', (reason) => resolve(`disconnected: ${reason}`));
      s.once('connect_error', () => resolve('refused'));
    });
    const outcome = await Promise.race([
      ended,
      new Promise<string>((resolve) => {
        s.once('connect', () => {
          // A disconnect before the answer rejects it; `ended` tells that outcome.
          void (s.emitWithAck('conversations', {}) as Promise<AckResponse<unknown>>).then(
            (answer) => resolve(answer.ok ? 'served' : `answered ${answer.error.code}`),
            () => undefined,
          );
        });
      }),
    ]);
    expect(outcome).not.toBe('served');
    expect(await ended).toMatch(/^(disconnected: io server disconnect|refused)$/);
    expect(s.connected).toBe(false);
  });

  it('a handshake with no sign-out in it is served as before', async () => {
    const { token } = await register();
    const s = io(server.url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
    });
    expect(await s.emitWithAck('conversations', {})).toMatchObject({ ok: true, data: [] });
  });
});
