import { describe, expect, it } from 'vitest';
import { connectAndWait, eventually, nextEvent, waitForConnection } from '../../tests/contract/harness';
import { ChatError } from '../../src/transport';
import type { SimState } from './controller';
import { DEMO_ACCOUNT } from './demoTeam';
import { MemoryLocks } from '../../src/protocol/locks/memoryLocks';
import { signUp, tabsPerTest, TEST_PASSWORD } from '../../tests/support/simTabs';

const tabs = tabsPerTest();


describe('SimController network knobs', () => {
  it('reports every change of latency, failure rate and the offline switch to subscribers', async () => {
    const t = await tabs.open();
    const seen: SimState[] = [];
    const stop = t.sim.subscribe((s) => seen.push(s));
    t.sim.setLatency({ meanMs: 250 });
    t.sim.setLatency({ jitterMs: 40 });
    t.sim.setFailureRate(0.2);
    t.sim.setOffline(true);
    stop();
    t.sim.setOffline(false);
    expect(seen.map((s) => [s.latency.meanMs, s.latency.jitterMs, s.failureRate, s.offline, s.online])).toEqual([
      [250, 0, 0, false, true],
      [250, 40, 0, false, true],
      [250, 40, 0.2, false, true],
      [250, 40, 0.2, true, false],
    ]);
    expect(t.sim.getState()).toMatchObject({ offline: false, online: true, browserOnline: true });
    expect(() => t.sim.setFailureRate(2)).toThrow(RangeError);
  });

  it('the offline switch takes the connection down with OFFLINE errors, and back up on reconnect', async () => {
    const t = await tabs.open();
    const session = await signUp(t, 'offline_user');
    await connectAndWait(t, session);
    t.sim.setOffline(true);
    expect(t.connectionState().status).toBe('offline');
    await expect(t.users()).rejects.toMatchObject({ code: 'OFFLINE' });
    t.sim.setOffline(false);
    await waitForConnection(t, 'online');
    expect((await t.users()).find((u) => u.id === session.user.id)?.presence).toBe('online');
  });

  it('a send whose answer was lost is stored once however often it is retried', async () => {
    const t = await tabs.open({ seed: 2024, timeoutMs: 1 });
    const a = await signUp(t, 'retrier');
    const other = await tabs.open();
    const b = await signUp(other, 'receiver');
    const conversation = await t.openDirect(b.user.id);
    t.sim.setFailureRate(1);
    const clientId = crypto.randomUUID();
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) codes.push(await t.send({ conversationId: conversation.id, clientId, body: 'exactly once' }).then(() => 'ok', (e: ChatError) => e.code));
    expect(codes.every((c) => c === 'TIMEOUT')).toBe(true);
    // Some of those reached the backend and only their answers were lost: stored, once.
    expect((await other.history(conversation.id, { limit: 10 })).messages).toHaveLength(1);
    t.sim.setFailureRate(0);
    const ack = await t.send({ conversationId: conversation.id, clientId, body: 'exactly once' });
    expect(ack).toMatchObject({ clientId, senderId: a.user.id, seq: 1 });
    expect((await other.history(conversation.id, { limit: 10 })).messages.map((m) => m.body)).toEqual(['exactly once']);
  });
});

describe('SimController demo data', () => {
  it('a reset in one tab starts every tab over: new demo, old accounts and sessions gone', async () => {
    const a = await tabs.open({ seedDemo: true });
    const b = await tabs.open({ seedDemo: true });
    const session = await signUp(b, 'before_reset');
    await connectAndWait(b, session);
    const generations: number[] = [];
    b.sim.subscribe((s) => generations.push(s.dataGeneration));
    const dropped = waitForConnection(b, 'offline');
    await a.sim.resetDemoData();
    await dropped;
    await eventually(() => expect(generations).toEqual([1]));
    expect(b.connectionState().reason).toBeTruthy();
    await expect(b.resume(session)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(b.login({ username: 'before_reset', password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const demo = await b.login({ username: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password });
    expect((await b.conversations()).length).toBeGreaterThan(0);
    expect(demo.user.username).toBe(DEMO_ACCOUNT.username);
    expect(a.sim.getState().dataGeneration).toBe(1);
  });

  it('teammate commands need a target: the signed-in user or one named', async () => {
    const t = await tabs.open({ seedDemo: true });
    await expect(t.sim.teammate('leo').reply()).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const session = await signUp(t, 'target');
    await connectAndWait(t, session);
    const arrived = nextEvent(t, (e) => e.type === 'message' && e.message.body === 'hello from leo');
    await t.sim.teammate('leo').reply({ body: 'hello from leo' });
    await arrived;
  });
});

describe('simulated team leadership', () => {
  it('runs in one tab only, and moves to another when that tab closes', async () => {
    const locks = new MemoryLocks();
    const a = await tabs.open({ locks, teammates: true });
    const b = await tabs.open({ locks, teammates: true });
    await eventually(() => expect(a.sim.getState().teammates.runningHere).toBe(true));
    expect(b.sim.getState().teammates.runningHere).toBe(false);
    const takeOver = new Promise<void>((resolve) => b.sim.subscribe((s) => s.teammates.runningHere && resolve()));
    await a.sim.dispose();
    await takeOver;
  });
});
