// Dexie in Node: fake-indexeddb installs indexedDB and IDBKeyRange on globalThis.
import 'fake-indexeddb/auto';
