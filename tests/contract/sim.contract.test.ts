import { createSimTransport, type SimTransport } from '../../adapters/sim';
import { runContractSuite } from './contractSuite';

const TYPING_TTL_MS = 300;

// Every client is a new simulated tab: its own ChatService, ServiceTransport and
// BroadcastChannel over one shared database, so events, presence and sessions
// cross tabs exactly as in a browser.
runContractSuite('sim (Dexie on fake-indexeddb, one service per tab)', async () => {
  const dbName = `violetchat-sim-contract-${crypto.randomUUID()}`;
  const tabs: SimTransport[] = [];
  return {
    client: async () => {
      const tab = await createSimTransport({
        dbName,
        latency: { meanMs: 0, jitterMs: 0 },
        failureRate: 0,
        teammates: false,
        typingTtlMs: TYPING_TTL_MS,
        followBrowser: false,
        locks: null,
        seed: 1,
      });
      tabs.push(tab);
      return tab;
    },
    typingTtlMs: TYPING_TTL_MS,
    close: async () => {
      for (const tab of tabs) await tab.sim.dispose();
    },
  };
});
