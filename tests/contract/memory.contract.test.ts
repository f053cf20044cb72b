import { ChatService, MemoryHub, MemoryPresence, MemorySessionRecords, Pbkdf2Hasher, TokenSessions } from '../../src/backend';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { ServiceTransport } from '../../adapters/sim/serviceTransport';
import { runContractSuite } from './contractSuite';

runContractSuite('in-process service (memory store)', async () => {
  const hub = new MemoryHub();
  const service = new ChatService({
    store: new MemoryStore(),
    hasher: new Pbkdf2Hasher(),
    sessions: new TokenSessions(new MemorySessionRecords()),
    publisher: hub,
    presence: new MemoryPresence(),
    typingTtlMs: 300,
  });
  return {
    client: () => new ServiceTransport(service, hub),
    typingTtlMs: 300,
    close: async () => service.dispose(),
  };
});
