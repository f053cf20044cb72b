import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { runStoreSuite } from './storeSuite';

runStoreSuite('memory', async () => ({ store: new MemoryStore(), close: async () => {} }));
