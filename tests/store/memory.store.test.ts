import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { runStoreSuite } from './storeSuite';
import { stringsIn } from './storedText';

runStoreSuite('memory', async () => {
  const store = new MemoryStore();
  return { store, storedText: async () => stringsIn(store).join('\n'), close: async () => {} };
});
