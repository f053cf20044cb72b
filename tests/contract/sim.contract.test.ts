import { testTabs } from '../support/simTabs';
import { runContractSuite } from './contractSuite';

const TYPING_TTL_MS = 300;

// Every client is a new simulated tab: its own ChatService, ServiceTransport and
// BroadcastChannel over one shared database (unique to this run), so events,
// presence and sessions cross tabs exactly as in a browser. The demo data is
// seeded as in the product; the team stays off so nobody else talks.
runContractSuite('sim (Dexie on fake-indexeddb, one service per tab)', async () => {
  const tabs = testTabs({ seedDemo: true, teammates: false, typingTtlMs: TYPING_TTL_MS });
  return { client: () => tabs.open(), typingTtlMs: TYPING_TTL_MS, close: () => tabs.close() };
});
