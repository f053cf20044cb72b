import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import type { ChatTransport } from '../../src/transport';
import { runContractSuite } from '../contract/contractSuite';
import { createClusterSpace } from './clusterHarness';

const TYPING_TTL_MS = 300;

// The whole port contract on two server nodes sharing PostgreSQL and Redis:
// clients alternate between the nodes, so every conversation, presence change,
// typing and receipt in the suite crosses from one node to the other.
runContractSuite('socketio (two nodes, PostgreSQL + Redis)', async () => {
  const space = await createClusterSpace();
  const nodes = [await space.node({ typingTtlMs: TYPING_TTL_MS }), await space.node({ typingTtlMs: TYPING_TTL_MS })];
  const clients: ChatTransport[] = [];
  return {
    client: () => {
      const client = createSocketTransport({ url: nodes[clients.length % 2]!.url, transports: ['websocket'] });
      clients.push(client);
      return client;
    },
    typingTtlMs: TYPING_TTL_MS,
    close: async () => {
      for (const client of clients) client.disconnect();
      for (const node of nodes) await node.close();
      await space.drop();
    },
  };
});
