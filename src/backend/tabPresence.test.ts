import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../tests/support/manualClock';
import { MemoryLocks } from '../protocol/locks/memoryLocks';
import { TAB_PRESENCE_TABLES, TabPresence, type TabPresenceDatabase } from './tabPresence';
import { heldLocksUnder, holdLock } from '../protocol/locks/webLocks';

// IndexedDB is fake-indexeddb here (tests/setup). The sim's and the MSW mocks' tabs are tested through them
// (adapters/sim/tabPresence.test.ts, mocks/tabPresence.test.ts); this is the registry alone.
const opened: Dexie[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

/** One tab's handle on the shared database, as each tab opens its own. */
function open(name: string): TabPresenceDatabase {
  const db = new Dexie(name) as TabPresenceDatabase;
  db.version(1).stores(TAB_PRESENCE_TABLES);
  opened.push(db);
  return db;
}

const STALE_MS = 10_000;

function tabs(options: { liveTabIds?: () => Promise<ReadonlySet<string> | null> } = {}) {
  const name = `tab-presence-test-${crypto.randomUUID()}`;
  return (id: string, clock: ManualClock) => {
    const db = open(name);
    return Object.assign(new TabPresence(db, id, clock, { staleAfterMs: STALE_MS, ...options }), { tables: db });
  };
}

describe('TabPresence', () => {
  it('counts a user online while any live tab holds a connection, and says when presence flips', async () => {
    const tab = tabs();
    const clock = new ManualClock();
    const [a, b] = [tab('a', clock), tab('b', clock)];
    await a.beat();
    await b.beat();
    expect(await a.connect('alice', 'a1')).toBe(true);
    expect(await b.connect('alice', 'b1')).toBe(false);
    expect([...(await b.onlineUsers())]).toEqual(['alice']);
    expect(await a.disconnect('alice', 'a1')).toBe(false);
    expect(await b.disconnect('alice', 'b1')).toBe(true);
    expect(await a.disconnect('alice', 'b1')).toBe(false);
    expect((await a.onlineUsers()).size).toBe(0);
  });

  it('a tab silent past staleAfterMs stops counting; a beat hands its connections over and marks it swept', async () => {
    const tab = tabs();
    const [clockA, clockB] = [new ManualClock(), new ManualClock()];
    const [a, b] = [tab('a', clockA), tab('b', clockB)];
    await a.beat();
    await a.connect('alice', 'a1');
    await b.beat();
    expect((await b.onlineUsers()).has('alice')).toBe(true);

    await clockB.advance(STALE_MS + 1);
    expect((await b.onlineUsers()).has('alice')).toBe(false);
    expect(await b.beat()).toEqual({ orphaned: [{ id: 'a1', userId: 'alice', tabId: 'a' }], lost: [] });

    // The sweeper disconnected it (as TabKeeper does through the service); tab A wakes and takes it back.
    await b.disconnect('alice', 'a1');
    await clockA.advance(STALE_MS + 1);
    expect(await a.beat()).toEqual({ orphaned: [], lost: [{ id: 'a1', userId: 'alice', tabId: 'a' }] });
  });

  it('with locks, liveness is the held locks alone: a fresh heartbeat does not keep a closed tab', async () => {
    const locks = new MemoryLocks();
    const tab = tabs({ liveTabIds: () => heldLocksUnder(locks, 'tab:') });
    const clock = new ManualClock();
    await holdLock(locks, 'tab:a');
    const [a, b] = [tab('a', clock), tab('b', clock)];
    await a.beat();
    await a.connect('alice', 'a1');
    expect((await b.onlineUsers()).has('alice')).toBe(true);
    locks.forget('tab:a'); // as the browser does when tab A closes
    expect((await b.onlineUsers()).has('alice')).toBe(false);
  });

  it('a beat forgets dead tabs without connections and marks those with connections swept', async () => {
    const tab = tabs();
    const clock = new ManualClock();
    const [a, b, c] = [tab('a', clock), tab('b', clock), tab('c', clock)];
    await a.beat();
    await b.beat();
    await b.connect('bob', 'b1');
    await clock.advance(STALE_MS + 1);
    expect((await c.beat()).orphaned.map((o) => o.id)).toEqual(['b1']);
    const rows = await c.tables.tabs.orderBy('id').toArray();
    expect(rows.map((t) => [t.id, t.swept ?? false])).toEqual([
      ['b', true],
      ['c', false],
    ]);
  });
});
