import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import { createServer } from '../../server/app';
import { ChatError, type ChatTransport, type Message } from '../../src/transport';
import { PASSWORD, connectAndWait, uniqueName } from '../contract/harness';

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-shutdown-'));
  const clients: ChatTransport[] = [];
  afterAll(() => {
    for (const t of clients) t.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request it received, records presence, then closes the store: an ack always means stored', async () => {
    const dbPath = join(dataDir, 'chat.db');
    const server = await createServer({ port: 0, dataDir, dbPath, jwtSecret: 'shutdown-test-secret-of-at-least-32-bytes', logLevel: 'silent' });
    const client = () => {
      const t = createSocketTransport({ url: server.url, transports: ['websocket'], ackTimeoutMs: 3000, reconnectDelayMs: 50 });
      clients.push(t);
      return t;
    };
    const alice = client();
    const aliceSession = await alice.register({ username: uniqueName('alice'), email: 'a@example.com', password: PASSWORD });
    const bob = await client().register({ username: uniqueName('bob'), email: 'b@example.com', password: PASSWORD });
    const conversation = await alice.openDirect(bob.user.id);
    await connectAndWait(alice, aliceSession);

    const outcomes = Array.from({ length: 40 }, (_, i) =>
      alice.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: `in flight ${i}` }).then(
        (message): Message | ChatError => message,
        (error: unknown): Message | ChatError => error as ChatError,
      ),
    );
    // The first ack proves the server is busy with the batch when the shutdown starts.
    expect(await outcomes[0]).toHaveProperty('seq', 1);
    await server.close();
    const results = await Promise.all(outcomes);

    const acked = results.filter((r): r is Message => !(r instanceof ChatError));
    const failed = results.filter((r): r is ChatError => r instanceof ChatError);
    expect(failed.every((e) => e.transient)).toBe(true);

    const db = new Database(dbPath, { readonly: true });
    const stored = (db.prepare('SELECT id FROM messages WHERE conversation_id = ? ORDER BY seq').all(conversation.id) as { id: string }[]).map((r) => r.id);
    const lastSeen = db.prepare('SELECT last_seen FROM users WHERE id = ?').get(aliceSession.user.id) as { last_seen: string | null };
    db.close();
    expect(stored).toEqual(acked.map((m) => m.id));
    expect(lastSeen.last_seen).not.toBeNull();
  });
});
