import { DexieStore } from '../../src/backend/stores/dexieStore';
import { runStoreSuite } from './storeSuite';
import { dexieText } from './storedText';

// Each handle is its own Dexie connection to one database, as two tabs would be.
runStoreSuite('dexie (fake-indexeddb)', async () => {
  const name = `store-suite-${crypto.randomUUID()}`;
  const handles = [new DexieStore(name)];
  return {
    store: handles[0]!,
    peer: async () => {
      const peer = new DexieStore(name);
      handles.push(peer);
      return peer;
    },
    storedText: () => dexieText(handles[0]!.db),
    close: async () => {
      for (const handle of handles) await handle.close();
    },
  };
});
