import { createSocketTransport } from '../../adapters/socketio/socketTransport';
import type { ChatTransport } from '../../src/transport';
import type { Store } from '../../src/backend/store';
import { type ContractHarness, accountsIn } from './harness';

/** Short, so the suite's typing-expiry test does not wait long; servers under the suite are started with it. */
export const SERVER_TYPING_TTL_MS = 300;

interface RunningNode {
  url: string;
  /** The node's store: every node's is the same data. */
  store: Store;
  close(): Promise<void>;
}

/** A Socket.IO client as the app makes one, websocket only (no polling phase to wait through). */
export const socketClient = (url: string): ChatTransport => createSocketTransport({ url, transports: ['websocket'] });

/**
 * The contract harness over real server nodes: each new client goes to the
 * next node in turn (so with two nodes everything crosses between them); close
 * disconnects the clients, closes the nodes, then frees what they shared.
 */
export function serverHarness(nodes: readonly RunningNode[], connect: (url: string) => ChatTransport, release?: () => Promise<void>): ContractHarness {
  const clients: ChatTransport[] = [];
  return {
    client: () => {
      const client = connect(nodes[clients.length % nodes.length]!.url);
      clients.push(client);
      return client;
    },
    typingTtlMs: SERVER_TYPING_TTL_MS,
    accounts: accountsIn(() => nodes[0]!.store),
    close: async () => {
      for (const client of clients) client.disconnect();
      for (const node of nodes) await node.close();
      await release?.();
    },
  };
}
