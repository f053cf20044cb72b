import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { httpRoutes } from '../../src/protocol/http';
import { LIMITS } from '../../src/protocol/limits';
import { ChatError } from '../../src/transport/errors';
import { ApiClient, toWireRequest } from './apiClient';

describe('toWireRequest', () => {
  it.each([
    { name: 'history', input: { conversationId: 'c/1', beforeSeq: 10, limit: 20 }, url: '/api/conversations/c%2F1/messages?beforeSeq=10&limit=20', body: undefined },
    { name: 'history', input: { conversationId: 'c1', limit: 5 }, url: '/api/conversations/c1/messages?limit=5', body: undefined },
    { name: 'send', input: { conversationId: 'c1', clientId: 'abcdefgh', body: 'hi' }, url: '/api/conversations/c1/messages', body: '{"clientId":"abcdefgh","body":"hi"}' },
    { name: 'catchUp', input: { since: 42 }, url: '/api/changes?since=42', body: undefined },
    { name: 'login', input: { username: 'a', password: 'b' }, url: '/api/auth/login', body: '{"username":"a","password":"b"}' },
    { name: 'logout', input: {}, url: '/api/auth/logout', body: '{}' },
    { name: 'editMessage', input: { conversationId: 'c1', seq: 7, opId: 'op-12345', body: 'fixed' }, url: '/api/conversations/c1/messages/7', body: '{"opId":"op-12345","body":"fixed"}' },
    { name: 'deleteMessage', input: { conversationId: 'c1', seq: 7, opId: 'op-12345' }, url: '/api/conversations/c1/messages/7', body: '{"opId":"op-12345"}' },
    { name: 'react', input: { conversationId: 'c1', seq: 7, opId: 'op-12345', emoji: '👍', on: true }, url: '/api/conversations/c1/messages/7/reactions', body: '{"opId":"op-12345","emoji":"👍","on":true}' },
  ] as const)('$name -> $url', ({ name, input, url, body }) => {
    expect(toWireRequest(httpRoutes[name], input)).toEqual({ url, body });
  });

  it('a missing path parameter is INVALID_INPUT naming it', () => {
    const error = (() => {
      try {
        toWireRequest(httpRoutes.markRead, { uptoSeq: 1 });
      } catch (e) {
        return e as ChatError;
      }
    })();
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'conversationId' } });
  });
});

describe('ApiClient', () => {
  it('refuses a body over the byte limit without sending it', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const client = new ApiClient({ baseUrl: 'http://example.test', fetch });
    const body = 'é'.repeat(LIMITS.payloadMaxBytes / 2);
    await expect(client.call('send', { conversationId: 'c1', clientId: 'abcdefgh', body }, 't')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a server that does not answer in time is TIMEOUT', async () => {
    // A socket that accepts and never answers: the request hangs until our AbortSignal.timeout fires.
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const client = new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 100 });
      await expect(client.call('users', {}, 't')).rejects.toMatchObject({ code: 'TIMEOUT' });
    } finally {
      server.close();
    }
  });

  it('a server that cannot be reached is OFFLINE', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const client = new ApiClient({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(client.call('users', {}, 't')).rejects.toMatchObject({ code: 'OFFLINE' });
  });

  it('a success body that does not match the schema is INTERNAL', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json([{ id: 'u1' }]));
    const client = new ApiClient({ baseUrl: 'http://example.test', fetch });
    await expect(client.call('users', {}, 't')).rejects.toMatchObject({ code: 'INTERNAL', message: 'The server sent a malformed user list.' });
  });
});
