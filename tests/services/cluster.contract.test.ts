import { runContractSuite } from '../contract/contractSuite';
import { SERVER_TYPING_TTL_MS, serverHarness, socketClient } from '../contract/serverHarness';
import { createClusterSpace } from './clusterHarness';

// The whole port contract on two server nodes sharing PostgreSQL and Redis:
// clients alternate between the nodes, so every conversation, presence change,
// typing and receipt in the suite crosses from one node to the other.
runContractSuite('socketio (two nodes, PostgreSQL + Redis)', async () => {
  const space = await createClusterSpace();
  const nodes = [await space.node({ typingTtlMs: SERVER_TYPING_TTL_MS }), await space.node({ typingTtlMs: SERVER_TYPING_TTL_MS })];
  return serverHarness(nodes, socketClient, () => space.drop());
});
