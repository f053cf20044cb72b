import Dexie, { type Table } from 'dexie';
import { DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V2, DEXIE_STORE_TABLES_V3, DEXIE_STORE_TABLES_V4, DEXIE_STORE_TABLES_V5, DEXIE_STORE_TABLES_V6, upgradeDexieStoreToV5, upgradeDexieStoreToV6 } from '../src/backend/stores/dexieStore';
import { type ConnectionRow, TAB_PRESENCE_TABLES, type TabRow } from '../src/backend/tabPresence';
import type { SessionRow } from '../src/backend/browser/dexieSessionRecords';

/** Its own database, apart from the simulation's, so the two modes never see each other's data. */
export const MSW_DB_NAME = 'violetchat-msw';

/**
 * The mock server's data in the browser: the Store's tables plus session
 * tokens, so a reload keeps everything, and the open tabs with their
 * connections, so presence counts every tab's users.
 */
export class MockDatabase extends Dexie {
  declare sessions: Table<SessionRow, string>;
  declare tabs: Table<TabRow, string>;
  declare connections: Table<ConnectionRow, string>;

  constructor(name: string = MSW_DB_NAME) {
    super(name);
    this.version(1).stores({ ...DEXIE_STORE_TABLES, sessions: 'tokenHash' });
    // Each adds tables or indexes only: a database of an earlier version keeps its accounts, messages and sessions.
    this.version(2).stores(TAB_PRESENCE_TABLES);
    // Client ids per conversation: the messages' unique index changes, the data stays.
    this.version(3).stores(DEXIE_STORE_TABLES_V2);
    // The store's unread index: the data stays.
    this.version(4).stores(DEXIE_STORE_TABLES_V3);
    // Groups: a group's keys on conversations, and departures; the data stays.
    this.version(5).stores(DEXIE_STORE_TABLES_V4);
    // Browse channels and message info on indexes: the stored groups get their title key and activity.
    this.version(6).stores(DEXIE_STORE_TABLES_V5).upgrade(upgradeDexieStoreToV5);
    // Message actions: applied operation ids, and message changes that name their message instead of copying it.
    this.version(7).stores(DEXIE_STORE_TABLES_V6).upgrade(upgradeDexieStoreToV6);
  }
}
