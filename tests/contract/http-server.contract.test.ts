import { EventSource } from 'eventsource';
import { createHttpTransport } from '../../adapters/http';
import { startTestServer } from '../support/testServer';
import { runContractSuite } from './contractSuite';
import { SERVER_TYPING_TTL_MS, serverHarness } from './serverHarness';

runContractSuite('http adapter against the real server (SQLite)', async () =>
  serverHarness([await startTestServer({ typingTtlMs: SERVER_TYPING_TTL_MS })], (url) =>
    createHttpTransport({ baseUrl: url, EventSource, reconnect: { baseMs: 50, maxMs: 500 } }),
  ),
);
