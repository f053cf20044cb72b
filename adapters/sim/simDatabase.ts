import Dexie, { type Table } from 'dexie';
import type { SessionRow } from '../../src/backend/browser/dexieSessionRecords';
import { DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V2, DEXIE_STORE_TABLES_V3, DEXIE_STORE_TABLES_V4, DEXIE_STORE_TABLES_V5, DEXIE_STORE_TABLES_V6, upgradeDexieStoreToV5, upgradeDexieStoreToV6 } from '../../src/backend/stores/dexieStore';
import { type ConnectionRow, TAB_PRESENCE_TABLES, type TabRow } from '../../src/backend/tabPresence';

export const DEFAULT_SIM_DB_NAME = 'violetchat-sim';

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The simulated server's database: the Store's tables plus what the sim
 * keeps beside them (sessions, live tabs and connections, the seed marker).
 * Every tab opens it; IndexedDB serializes their writes.
 */
export class SimDatabase extends Dexie {
  declare sessions: Table<SessionRow, string>;
  declare tabs: Table<TabRow, string>;
  declare connections: Table<ConnectionRow, string>;
  declare meta: Table<MetaRow, string>;

  constructor(name: string = DEFAULT_SIM_DB_NAME) {
    super(name);
    this.version(1).stores({
      ...DEXIE_STORE_TABLES,
      sessions: 'tokenHash, userId',
      ...TAB_PRESENCE_TABLES,
      meta: 'key',
    });
    // Client ids per conversation: the messages' unique index changes, the data stays.
    this.version(2).stores(DEXIE_STORE_TABLES_V2);
    // The store's unread index: the data stays.
    this.version(3).stores(DEXIE_STORE_TABLES_V3);
    // Groups: a group's keys on conversations, and departures; the data stays.
    this.version(4).stores(DEXIE_STORE_TABLES_V4);
    // Browse channels and message info on indexes: the stored groups get their title key and activity.
    this.version(5).stores(DEXIE_STORE_TABLES_V5).upgrade(upgradeDexieStoreToV5);
    // Message actions: applied operation ids, and message changes that name their message instead of copying it.
    this.version(6).stores(DEXIE_STORE_TABLES_V6).upgrade(upgradeDexieStoreToV6);
  }
}
