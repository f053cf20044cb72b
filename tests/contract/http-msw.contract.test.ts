import { EventSource } from 'eventsource';
import { createHttpTransport } from '../../adapters/http';
import { setupMockServer } from '../../mocks/node';
import { ONE_ADDRESS_LIMITS } from '../support/testServer';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { runContractSuite } from './contractSuite';
import { accountsIn } from './harness';
import { plainHasher } from '../support/plainHasher';

// Any origin works: MSW answers it in-process. A made-up one proves nothing reaches a real network.
const BASE_URL = 'http://violetchat-msw.test';
const TYPING_TTL_MS = 300;

runContractSuite('http adapter answered by MSW (memory store)', async () => {
  const store = new MemoryStore();
  const mock = setupMockServer({ store, baseUrl: BASE_URL, typingTtlMs: TYPING_TTL_MS, latency: { minMs: 0, maxMs: 3 }, hasher: plainHasher, limits: ONE_ADDRESS_LIMITS });
  mock.server.listen({ onUnhandledRequest: 'error' });
  return {
    // The `eventsource` package is the EventSource in Node; it reads through fetch, which MSW intercepts.
    client: () => createHttpTransport({ baseUrl: BASE_URL, EventSource, reconnect: { baseMs: 50, maxMs: 500 } }),
    typingTtlMs: TYPING_TTL_MS,
    accounts: accountsIn(() => store),
    close: async () => mock.close(),
  };
});
