import fc from 'fast-check';
import { mulberry32 } from '../../adapters/sim/random';
import { expect, it } from 'vitest';
import type { MessageRow } from '../../src/client/db/clientDb';
import { createTestBackend, eventually, FaultyLink, signedInTab, type Tab, type TestBackend } from '../support/backendHarness';

/**
 * Two people exchange 200 messages while each one's network drops, loses 30%
 * of requests and responses and 10% of live events, and each tab reloads
 * several times. Afterwards
 * both hold every message exactly once, in order, with final statuses.
 * Reproduce a failure with CHAOS_SEED=<seed printed by fast-check>.
 */
const SEED = Number(process.env.CHAOS_SEED ?? 20_261_125);
/** More runs explore more schedules: CHAOS_RUNS=20 for a soak. */
const RUNS = Number(process.env.CHAOS_RUNS ?? 2);
const MESSAGES = 200;

/** Fast retries; markers batched a little so a burst of messages makes one receipt, as in the app. */
const CHAOS_TIMING = { backoff: { baseMs: 5, maxMs: 40 }, markerDelayMs: 40, settleCatchUpMs: 500, typingThrottleMs: 100, typingIdleMs: 200, typingExpiryMs: 300 };

type Who = 'a' | 'b';
interface Disruption {
  at: number;
  who: Who;
  kind: 'offline' | 'online' | 'reload';
}

const who = fc.constantFrom<Who>('a', 'b');
const plan = fc.record({
  networkSeed: fc.integer(),
  senders: fc.array(who, { minLength: MESSAGES, maxLength: MESSAGES }),
  outages: fc.array(fc.record({ at: fc.integer({ min: 0, max: MESSAGES - 1 }), who, kind: fc.constantFrom<'offline' | 'online'>('offline', 'online') }), {
    minLength: 6,
    maxLength: 16,
  }),
  reloadsA: fc.uniqueArray(fc.integer({ min: 1, max: MESSAGES - 1 }), { minLength: 3, maxLength: 5 }),
  reloadsB: fc.uniqueArray(fc.integer({ min: 1, max: MESSAGES - 1 }), { minLength: 3, maxLength: 5 }),
});

let cleanup: (() => Promise<void>)[] = [];

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

async function run(input: Plan): Promise<void> {
  const backend: TestBackend = createTestBackend();
  const [aliceSession, bobSession] = [await backend.register('alice'), await backend.register('bob')];
  const random = mulberry32(input.networkSeed);
  const links = { a: new FaultyLink(), b: new FaultyLink() };
  const tabs: Record<Who, Tab> = {
    a: await signedInTab(backend, aliceSession, links.a, { timing: CHAOS_TIMING }),
    b: await signedInTab(backend, bobSession, links.b, { timing: CHAOS_TIMING }),
  };
  cleanup.push(async () => {
    await tabs.a.close();
    await tabs.b.close();
    backend.close();
  });
  const conversationId = await tabs.a.client.actions.openDirect(bobSession.user.id);
  for (const link of Object.values(links)) {
    link.random = random;
    link.failRate = 0.3;
    link.eventLossRate = 0.1;
  }

  const disruptions: Disruption[] = [
    ...input.outages,
    ...input.reloadsA.map((at): Disruption => ({ at, who: 'a', kind: 'reload' })),
    ...input.reloadsB.map((at): Disruption => ({ at, who: 'b', kind: 'reload' })),
  ];
  for (let i = 0; i < MESSAGES; i++) {
    for (const d of disruptions.filter((x) => x.at === i)) {
      if (d.kind === 'reload') await tabs[d.who].reload();
      else links[d.who].setOnline(d.kind === 'online');
    }
    const sender = input.senders[i]!;
    await tabs[sender].client.actions.send(conversationId, `${sender}-${i}`);
    // Let the network and the engines move between keystrokes.
    await new Promise((resolve) => setTimeout(resolve, random() * 4));
  }

  // The network heals and everyone is online.
  for (const link of Object.values(links)) {
    link.failRate = 0;
    link.eventLossRate = 0;
    link.setOnline(true);
  }
  const rows = async (tab: Tab): Promise<MessageRow[]> =>
    tab.engine.db.messages.where('[conversationId+sortKey]').between([conversationId, -Infinity], [conversationId, Infinity]).toArray();
  for (const tab of Object.values(tabs)) {
    await eventually(async () => {
      expect(await tab.engine.db.outbox.count()).toBe(0);
      expect((await rows(tab)).map((r) => r.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    }, 30_000);
  }

  const expected = input.senders.map((sender, i) => `${sender}-${i}`);
  for (const side of ['a', 'b'] as const) {
    const mine = (await rows(tabs[side])).map((r) => r.body).filter((body) => body.startsWith(`${side}-`));
    expect(mine, `${side}'s own messages keep the order they were typed in`).toEqual(expected.filter((body) => body.startsWith(`${side}-`)));
  }
  const [onA, onB] = [await rows(tabs.a), await rows(tabs.b)];
  expect(new Set(onA.map((r) => r.clientId)).size).toBe(MESSAGES);
  expect(onA.map((r) => [r.clientId, r.id, r.seq, r.body])).toEqual(onB.map((r) => [r.clientId, r.id, r.seq, r.body]));
  expect([...onA.map((r) => r.body)].sort()).toEqual([...expected].sort());

  // Both devices have everything: every message is delivered, on both sides.
  for (const tab of Object.values(tabs)) {
    await eventually(async () => expect(new Set((await rows(tab)).map((r) => r.status))).toEqual(new Set(['delivered'])), 30_000);
  }

  // Both read the conversation to the end: every message, on both sides, ends read.
  for (const tab of Object.values(tabs)) {
    tab.client.actions.setActiveConversation(conversationId);
    tab.client.actions.reached(conversationId, MESSAGES);
  }
  for (const tab of Object.values(tabs)) {
    await eventually(async () => expect(new Set((await rows(tab)).map((r) => r.status))).toEqual(new Set(['read'])), 30_000);
  }
}

it('two users exchange 200 messages through an unreliable network and reloads; nothing is lost or duplicated', async () => {
  await fc.assert(
    fc.asyncProperty(plan, async (input) => {
      try {
        await run(input);
      } finally {
        for (const step of cleanup.reverse()) await step();
        cleanup = [];
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true, verbose: true },
  );
}, 120_000);
