import { runContractSuite } from '../contract/contractSuite';
import { SERVER_TYPING_TTL_MS, serverHarness, socketClient } from '../contract/serverHarness';
import { startTestServer } from '../support/testServer';
import { postgresHarness } from './postgresHarness';

// The whole port contract through the real server and the Socket.IO adapter,
// with PostgreSQL under it instead of SQLite.
runContractSuite('socketio (real server, PostgreSQL)', async () => {
  const database = await postgresHarness();
  const server = await startTestServer({ typingTtlMs: SERVER_TYPING_TTL_MS, store: database.store });
  return serverHarness([server], socketClient, () => database.close());
});
