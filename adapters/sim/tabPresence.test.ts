import { describe, expect, it } from 'vitest';
import { connectAndWait, nextEvent } from '../../tests/contract/harness';
import type { ChatTransport, Session } from '../../src/transport';
import { ManualClock } from '../../tests/support/manualClock';
import { MemoryLocks } from '../../src/protocol/locks/memoryLocks';
import { signUp, tabsPerTest } from '../../tests/support/simTabs';

const tabs = tabsPerTest();

async function signUpOnline(t: ChatTransport, username: string): Promise<Session> {
  const session = await signUp(t, username);
  await connectAndWait(t, session);
  return session;
}

/** A watcher who shares a conversation with `peer`, as presence events go only to such people. */
async function watcherOf(t: ChatTransport, peer: Session): Promise<Session> {
  const session = await signUpOnline(t, 'watcher');
  await t.openDirect(peer.user.id);
  return session;
}

const presenceOf = async (t: ChatTransport, userId: string) => (await t.users()).find((u) => u.id === userId)!;
const wentOffline = (t: ChatTransport, userId: string) => nextEvent(t, (e) => e.type === 'presence' && e.userId === userId && e.presence === 'offline');
const cameOnline = (t: ChatTransport, userId: string) => nextEvent(t, (e) => e.type === 'presence' && e.userId === userId && e.presence === 'online');

describe('presence across tabs', () => {
  it('a tab that stops beating no longer keeps its user online; a sweep announces them offline with lastSeen', async () => {
    // Each tab has its own clock: tab A's standing still is a closed tab whose timers never run again.
    const start = Date.UTC(2026, 2, 1, 12);
    const clockA = new ManualClock(start);
    const clockB = new ManualClock(start);
    const options = { heartbeatMs: 60_000, staleAfterMs: 10_000 };
    const a = await tabs.open({ ...options, clock: clockA });
    const b = await tabs.open({ ...options, clock: clockB });
    const alice = await signUpOnline(a, 'alice');
    await watcherOf(b, alice);
    expect((await presenceOf(b, alice.user.id)).presence).toBe('online');

    await clockB.advance(11_000);
    expect((await presenceOf(b, alice.user.id)).presence).toBe('offline');

    const offline = wentOffline(b, alice.user.id);
    await b.sim.sweepPresence();
    expect(await offline).toMatchObject({ lastSeen: new Date(clockB.now()).toISOString() });
    expect((await presenceOf(b, alice.user.id)).lastSeen).toBe(new Date(clockB.now()).toISOString());

    // Tab A was only asleep (a throttled background tab): its next beat puts alice back.
    await clockA.advance(11_000);
    const online = cameOnline(b, alice.user.id);
    await a.sim.sweepPresence();
    await online;
    expect((await presenceOf(b, alice.user.id)).presence).toBe('online');
  });

  it('tabs that keep beating keep their users online as time passes', async () => {
    const clock = new ManualClock();
    const a = await tabs.open({ clock, heartbeatMs: 1000, staleAfterMs: 3000 });
    const b = await tabs.open({ clock, heartbeatMs: 1000, staleAfterMs: 3000 });
    const alice = await signUpOnline(a, 'alice');
    await watcherOf(b, alice);
    for (let i = 0; i < 5; i++) {
      await clock.advance(2000);
      await a.sim.sweepPresence();
      await b.sim.sweepPresence();
      expect((await presenceOf(b, alice.user.id)).presence).toBe('online');
    }
  });

  it('with Web Locks, a closed tab’s user drops at once, with no heartbeat to wait for', async () => {
    const locks = new MemoryLocks();
    const a = await tabs.open({ locks, heartbeatMs: 60_000 });
    const b = await tabs.open({ locks, heartbeatMs: 60_000 });
    const alice = await signUpOnline(a, 'alice');
    await watcherOf(b, alice);
    expect((await presenceOf(b, alice.user.id)).presence).toBe('online');
    const tabLock = (await locks.query()).held.map((l) => l.name).find((n) => n.includes(':tab:') && n.endsWith(a.sim.tabId))!;
    locks.forget(tabLock);
    expect((await presenceOf(b, alice.user.id)).presence).toBe('offline');
    const offline = wentOffline(b, alice.user.id);
    await b.sim.sweepPresence();
    await offline;
  });

  it('one user in two tabs stays online until the second tab closes', async () => {
    const a1 = await tabs.open();
    const watcher = await tabs.open();
    const alice = await signUpOnline(a1, 'alice');
    await watcherOf(watcher, alice);
    const a2 = await tabs.open();
    await a2.resume(alice);
    await connectAndWait(a2, alice);
    await a1.sim.dispose();
    expect((await presenceOf(watcher, alice.user.id)).presence).toBe('online');
    const offline = wentOffline(watcher, alice.user.id);
    await a2.sim.dispose();
    await offline;
  });
});
