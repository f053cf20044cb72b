import { EventSource } from 'eventsource';
import { createHttpTransport } from '../../adapters/http';
import type { ChatTransport } from '../../src/transport';
import { startTestServer } from '../server/testServer';
import { runContractSuite } from './contractSuite';

const TYPING_TTL_MS = 300;

runContractSuite('http adapter against the real server (SQLite)', async () => {
  const server = await startTestServer({ typingTtlMs: TYPING_TTL_MS });
  const clients: ChatTransport[] = [];
  return {
    client: () => {
      const client = createHttpTransport({ baseUrl: server.url, EventSource, reconnect: { minMs: 50, maxMs: 500 } });
      clients.push(client);
      return client;
    },
    typingTtlMs: TYPING_TTL_MS,
    close: async () => {
      for (const client of clients) client.disconnect();
      await server.close();
    },
  };
});
