import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import type { ChatTransport, Message } from '../../src/transport';
import { PASSWORD, uniqueName } from '../contract/harness';
import { type ChildServer, startChildServer } from '../support/childServer';

// The server process is killed outright (no shutdown code runs) and started
// again on the same data: every acknowledged message must be there, once.
describe('durability across a killed server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-durability-'));
  const clients: ChatTransport[] = [];
  let server: ChildServer | undefined;

  const client = (url: string) => {
    const t = createSocketTransport({ url, transports: ['websocket'] });
    clients.push(t);
    return t;
  };

  beforeAll(async () => {
    server = await startChildServer({ DATA_DIR: dataDir });
  }, 60_000);

  afterAll(async () => {
    for (const t of clients) t.disconnect();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message exactly once after SIGKILL, and a resend does not duplicate it', async () => {
    const alice = client(server!.url);
    const bob = client(server!.url);
    const aliceSession = await alice.register({ username: uniqueName('alice'), email: 'a@example.com', password: PASSWORD });
    const bobSession = await bob.register({ username: uniqueName('bob'), email: 'b@example.com', password: PASSWORD });
    const conversation = await alice.openDirect(bobSession.user.id);

    const acked: Message[] = [];
    for (let i = 1; i <= 20; i++) {
      acked.push(await alice.send({ conversationId: conversation.id, clientId: `durable-${i}-${crypto.randomUUID()}`, body: `message ${i}` }));
    }
    const last = acked.at(-1)!;

    await server!.stop('SIGKILL');
    expect(server!.process.signalCode).toBe('SIGKILL');
    server = await startChildServer({ DATA_DIR: dataDir });

    // The development JWT secret lives in the data directory, so the session survives too.
    const again = client(server.url);
    await again.resume(aliceSession);
    const page = await again.history(conversation.id, { limit: 50 });
    expect(page.messages.map((m) => m.id)).toEqual(acked.map((m) => m.id));
    expect(page.messages.map((m) => m.seq)).toEqual(acked.map((_, i) => i + 1));

    const resent = await again.send({ conversationId: conversation.id, clientId: last.clientId, body: last.body });
    expect(resent).toMatchObject({ id: last.id, seq: last.seq, clientId: last.clientId });
    expect((await again.history(conversation.id, { limit: 50 })).messages).toHaveLength(acked.length);

    const bobAgain = client(server.url);
    await bobAgain.login({ username: bobSession.user.username, password: PASSWORD });
    const changes = (await bobAgain.catchUp(0)).changes.filter((c) => c.type === 'message');
    expect(changes.map((c) => c.type === 'message' && c.message.id)).toEqual(acked.map((m) => m.id));
    // Two process starts (tsx compiles on the fly) on a busy machine: more than the default budget.
  }, 60_000);
});
