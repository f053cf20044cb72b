import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import type { ChatTransport } from '../../src/transport';
import { startTestServer } from '../server/testServer';
import { runContractSuite } from './contractSuite';

const TYPING_TTL_MS = 300;

runContractSuite('socketio (real server, SQLite)', async () => {
  const server = await startTestServer({ typingTtlMs: TYPING_TTL_MS });
  const clients: ChatTransport[] = [];
  return {
    client: () => {
      const client = createSocketTransport({ url: server.url, transports: ['websocket'] });
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
