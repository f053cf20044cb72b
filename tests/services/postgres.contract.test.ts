import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import type { ChatTransport } from '../../src/transport';
import { runContractSuite } from '../contract/contractSuite';
import { startTestServer } from '../server/testServer';
import { postgresHarness } from './postgresHarness';

const TYPING_TTL_MS = 300;

// The whole port contract through the real server and the Socket.IO adapter,
// with PostgreSQL under it instead of SQLite.
runContractSuite('socketio (real server, PostgreSQL)', async () => {
  const database = await postgresHarness();
  const server = await startTestServer({ typingTtlMs: TYPING_TTL_MS, store: database.store });
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
      await database.close();
    },
  };
});
