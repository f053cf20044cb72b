import { testTabs } from '../support/simTabs';
import { SimDatabase } from '../../adapters/sim/simDatabase';
import { DexieStore } from '../../src/backend/stores/dexieStore';
import { runContractSuite } from './contractSuite';
import { accountsIn } from './harness';

const TYPING_TTL_MS = 300;

// Every client is a new simulated tab: its own ChatService, ServiceTransport and
// BroadcastChannel over one shared database (unique to this run), so events,
// presence and sessions cross tabs exactly as in a browser. The demo data is
// seeded as in the product; the team stays off so nobody else talks.
runContractSuite('sim (Dexie on fake-indexeddb, one service per tab)', async () => {
  const tabs = testTabs({ seedDemo: true, teammates: false, typingTtlMs: TYPING_TTL_MS });
  // Accounts go straight into the tabs' database, through a store of their own on it.
  let store: DexieStore | undefined;
  return {
    client: () => tabs.open(),
    typingTtlMs: TYPING_TTL_MS,
    accounts: accountsIn(() => (store ??= new DexieStore(new SimDatabase(tabs.dbName)))),
    close: async () => {
      await tabs.close();
      store?.db.close();
    },
  };
});
