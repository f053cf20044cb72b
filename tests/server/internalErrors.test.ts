import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { SqliteStore } from '../../server/store/sqliteStore';
import type { AckResponse } from '../../src/protocol/socket';
import type { Conversation, Session } from '../../src/transport';
import { PASSWORD, uniqueName } from '../contract/harness';
import { type TestServer, startTestServer } from '../support/testServer';

/** What a database says when something is badly wrong: nothing a client should read. */
const DATABASE_TEXT = 'relation "messages" does not exist at character 15 (schema violetchat_secret)';

/** SQLite whose history fails while `failing`, as a broken database would. */
class FailingStore extends SqliteStore {
  failing = false;
  override async history(...args: Parameters<SqliteStore['history']>) {
    if (this.failing) throw new Error(DATABASE_TEXT);
    return super.history(...args);
  }
}

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  reference?: string;
  err?: { message?: string };
}

// Hole 5 of issue 14: a database error's text went to the client in a 500 INTERNAL, and REST 500s were not logged.
describe('an internal failure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'violetchat-internal-'));
  const store = new FailingStore(join(dir, 'internal.db'));
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  let server: TestServer;
  let session: Session;
  let conversation: Conversation;
  let socket: Socket | undefined;

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer({ store, logger: createLogger('error', sink) });
    const register = async () =>
      (await (await post('/api/auth/register', { username: uniqueName('int'), email: 'i@example.com', password: PASSWORD })).json()) as Session;
    session = await register();
    const peer = await register();
    conversation = (await (await post('/api/conversations/direct', { userId: peer.user.id }, session.token)).json()) as Conversation;
    store.failing = true;
  });
  afterAll(async () => {
    socket?.disconnect();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches a REST client as a bare INTERNAL naming a reference, and is logged under that request id', async () => {
    const response = await fetch(`${server.url}/api/conversations/${conversation.id}/messages?limit=5`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('messages" does not exist');
    expect(text).not.toContain('violetchat_secret');
    const { error } = JSON.parse(text) as { error: { code: string; message: string } };
    expect(error.code).toBe('INTERNAL');
    const reference = /reference ([\w-]+)/.exec(error.message)?.[1];
    expect(reference).toBeDefined();
    const logged = lines.find((line) => line.reqId === reference && line.level >= 50);
    expect(logged?.err?.message).toBe(DATABASE_TEXT);
  });

  it('reaches a socket client the same way, and is logged under its reference', async () => {
    socket = io(server.url, { auth: { token: session.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    const answer = (await socket.emitWithAck('history', { conversationId: conversation.id, limit: 5 })) as AckResponse<unknown>;
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INTERNAL');
    expect(JSON.stringify(answer)).not.toContain('does not exist');
    const reference = /reference ([\w-]+)/.exec(answer.error.message)?.[1];
    const logged = lines.find((line) => line.reference === reference && line.level >= 50);
    expect(logged?.err?.message).toBe(DATABASE_TEXT);
  });
});
