import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqliteStore';
import { runStoreSuite } from './storeSuite';
import { sqliteText } from './storedText';

// Each handle is its own connection to one database file, as two processes would be.
runStoreSuite('sqlite (better-sqlite3, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'violetchat-store-'));
  const path = join(dir, 'store.db');
  const handles = [new SqliteStore(path)];
  return {
    store: handles[0]!,
    peer: async () => {
      const peer = new SqliteStore(path);
      handles.push(peer);
      return peer;
    },
    storedText: async () => sqliteText(path),
    close: async () => {
      for (const handle of handles) await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
