import { describe, expect, it } from 'vitest';
import { collect, connectAndWait, nextEvent } from '../../tests/contract/harness';
import type { ChatEvent, ChatTransport } from '../../src/transport';
import { DEMO_TEAM } from './demoTeam';
import type { SimTransport } from './simTransport';
import { ManualClock } from '../../tests/support/manualClock';
import { signUp, tabsPerTest } from '../../tests/support/simTabs';

const timing = {
  deliverMs: [500, 1000],
  readMs: [2000, 3000],
  typeMs: [2000, 4000],
  wakeMs: [5000, 8000],
  onlineMs: [600_000, 900_000],
  offlineMs: [600_000, 900_000],
  initialOnline: 1,
} as const;

const tabs = tabsPerTest();

const maya = DEMO_TEAM.find((t) => t.username === 'maya')!;

/** A tab running the team, with a signed-in human who has a conversation with Maya. */
async function scenario(seed: number) {
  const clock = new ManualClock();
  const tab = await tabs.open({ clock, seed, teammates: true, seedDemo: true, welcomeNewUsers: false, heartbeatMs: 3_600_000, teammateTiming: timing });
  await tab.sim.settled();
  const session = await signUp(tab, `human${seed}`);
  await connectAndWait(tab, session);
  const mayaId = (await tab.users()).find((u) => u.username === 'maya')!.id;
  const conversation = await tab.openDirect(mayaId);
  const transcript: string[] = [];
  const start = clock.now();
  tab.subscribe((event) => transcript.push(`${clock.now() - start}ms ${label(event)}`));
  /** Moves time on, letting the team finish each step before the next timer. */
  const advance = (ms: number) => clock.advance(ms, () => tab.sim.settled());
  return { tab, clock, session, mayaId, conversation, transcript, advance };
}

function label(event: ChatEvent): string {
  switch (event.type) {
    case 'message':
      return `message ${event.message.seq} "${event.message.body}"`;
    case 'receipt':
      return `${event.kind} ${event.uptoSeq}`;
    case 'typing':
      return `typing ${event.typing}`;
    case 'presence':
      return `presence ${event.presence}`;
    case 'conversation':
      return 'conversation';
  }
}

const statuses = async (t: ChatTransport, conversationId: string) => (await t.history(conversationId, { limit: 50 })).messages.map((m) => [m.body, m.status]);

describe('simulated teammates', () => {
  it('deliver, read, type and reply to a message, each after its delay', async () => {
    const { tab, conversation, transcript, advance } = await scenario(7);
    await tab.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'Hi Maya!' });
    await advance(999);
    expect(await statuses(tab, conversation.id)).toEqual([['Hi Maya!', 'delivered']]);
    await advance(3000);
    expect(await statuses(tab, conversation.id)).toEqual([['Hi Maya!', 'read']]);
    expect(transcript.at(-1)).toMatch(/typing true$/);
    await advance(4000);
    const page = await tab.history(conversation.id, { limit: 50 });
    expect(page.messages).toHaveLength(2);
    expect(maya.replies).toContain(page.messages[1]!.body);
    expect(transcript.map((line) => line.replace(/^[\d.]+ms /, '').replace(/".*"/, '""'))).toEqual([
      'message 1 ""',
      'delivered 1',
      'read 1',
      'typing true',
      'typing false',
      'message 2 ""',
    ]);
  });

  it('replays exactly with the same seed and clock', async () => {
    const run = async (seed: number) => {
      const s = await scenario(seed);
      await s.tab.send({ conversationId: s.conversation.id, clientId: crypto.randomUUID(), body: 'one' });
      await s.advance(2_000);
      await s.tab.send({ conversationId: s.conversation.id, clientId: crypto.randomUUID(), body: 'two' });
      await s.advance(30_000);
      return [...s.transcript];
    };
    const first = await run(11);
    expect(first.filter((l) => l.includes('message'))).toHaveLength(3);
    await tabs.fresh();
    expect(await run(11)).toEqual(first);
  });

  it('an offline teammate answers only after coming back online', async () => {
    const { tab, conversation, mayaId, transcript, advance } = await scenario(3);
    await tab.sim.teammate('maya').goOffline();
    await tab.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'Are you there?' });
    await advance(4_999);
    expect(await statuses(tab, conversation.id)).toEqual([['Are you there?', 'sent']]);
    await advance(20_000);
    expect((await tab.users()).find((u) => u.id === mayaId)!.presence).toBe('online');
    expect(await statuses(tab, conversation.id)).toEqual([
      ['Are you there?', 'read'],
      [expect.any(String), 'sent'],
    ]);
    expect(transcript.some((l) => l.endsWith('presence online'))).toBe(true);
  });

  it('do what the designer panel asks: type, reply, read, go offline and come online', async () => {
    const { tab, conversation, mayaId, advance } = await scenario(5);
    const typing = nextEvent(tab, (e) => e.type === 'typing' && e.userId === mayaId && e.typing);
    await tab.sim.teammate('maya').type();
    await typing;
    const reply = await tab.sim.teammate('maya').reply({ body: 'Designed by hand' });
    expect(reply).toMatchObject({ senderId: mayaId, body: 'Designed by hand', conversationId: conversation.id });
    await tab.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'read this' });
    await tab.sim.teammate('maya').read();
    expect((await statuses(tab, conversation.id)).at(-1)).toEqual(['read this', 'read']);
    await tab.sim.teammate('maya').goOffline();
    expect((await tab.sim.teammates()).find((t) => t.id === mayaId)).toMatchObject({ presence: 'offline', lastSeen: expect.any(String) });
    await tab.sim.teammate('maya').comeOnline();
    expect((await tab.sim.teammates()).find((t) => t.id === mayaId)?.presence).toBe('online');
    await expect(tab.sim.teammate('nobody').reply()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await advance(60_000);
  });

  it('stop when the tab is disposed: everyone goes offline and nothing more happens', async () => {
    const { tab, clock, session, conversation } = await scenario(9);
    const watcher: SimTransport = await tabs.open({ clock, heartbeatMs: 3_600_000 });
    await watcher.resume(session);
    await connectAndWait(watcher, session);
    await tab.send({ conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'anyone?' });
    expect((await watcher.sim.teammates()).every((t) => t.presence === 'online')).toBe(true);
    await tab.sim.dispose();
    expect((await watcher.sim.teammates()).every((t) => t.presence === 'offline')).toBe(true);
    const after = collect(watcher);
    await clock.advance(3_600_000);
    after.stop();
    expect(after.events).toEqual([]);
  });
});
