import { startTestServer } from '../support/testServer';
import { runContractSuite } from './contractSuite';
import { SERVER_TYPING_TTL_MS, serverHarness, socketClient } from './serverHarness';

runContractSuite('socketio (real server, SQLite)', async () => serverHarness([await startTestServer({ typingTtlMs: SERVER_TYPING_TTL_MS })], socketClient));
