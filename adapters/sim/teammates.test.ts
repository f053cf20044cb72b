import { describe, expect, it } from 'vitest';
import { collect, connectAndWait, nextEvent } from '../../tests/contract/harness';
import type { ChatEvent, ChatTransport } from '../../src/transport';
import { DEMO_ACCOUNT, DEMO_GROUPS, DEMO_TEAM } from './demoTeam';
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
    case 'messageUpdate':
      return `update ${event.message.seq} "${event.message.body}"`;
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

  it('in a group: every teammate in it reads my message, and one or two of them answer, typing first', async () => {
    const { tab, advance } = await scenario(13);
    const users = await tab.users();
    const ids = ['maya', 'leo', 'aiko'].map((u) => users.find((x) => x.username === u)!.id);
    const group = await tab.createGroup({ clientId: crypto.randomUUID(), title: 'Crit', visibility: 'private', memberIds: ids });
    const typing: string[] = [];
    const firstAnswerers: string[] = [];
    tab.subscribe((e) => {
      if (e.type === 'typing' && e.typing && e.conversationId === group.id) typing.push(e.userId);
    });
    for (const body of ['Which icon do we ship?', 'The round one?', 'Or the square?']) {
      await tab.send({ conversationId: group.id, clientId: crypto.randomUUID(), body });
      await advance(20_000);
      const messages = (await tab.history(group.id, { limit: 50 })).messages;
      const mine = messages.findLast((m) => m.body === body)!;
      // Read only once all three have read it.
      expect(mine.status).toBe('read');
      const answers = messages.filter((m) => m.seq! > mine.seq! && !m.system);
      expect(answers.length, `answers to "${body}"`).toBeGreaterThanOrEqual(1);
      expect(answers.length).toBeLessThanOrEqual(2);
      if (firstAnswerers.length === 0) firstAnswerers.push(...answers.map((a) => a.senderId));
      for (const answer of answers) {
        expect(ids).toContain(answer.senderId);
        expect(DEMO_TEAM.find((t) => users.find((u) => u.id === answer.senderId)!.username === t.username)!.replies).toContain(answer.body);
      }
    }
    // Typing came before the first answers (later ones fall in the same real second: the typing limit,
    // one announcement a second, counts wall-clock time, not the test's clock).
    for (const answerer of firstAnswerers) expect(typing).toContain(answerer);
  });

  it('in a group, an offline member not picked to answer stays offline: my message is Read once they are next online', async () => {
    const { tab, advance } = await scenario(18);
    const users = await tab.users();
    const idOf = (username: string) => users.find((u) => u.username === username)!.id;
    const group = await tab.createGroup({ clientId: crypto.randomUUID(), title: 'Crit', visibility: 'private', memberIds: ['maya', 'leo', 'aiko'].map(idOf) });
    await tab.sim.teammate('maya').goOffline();
    await tab.send({ conversationId: group.id, clientId: crypto.randomUUID(), body: 'Ship it today?' });
    await advance(60_000);
    const after = (await tab.history(group.id, { limit: 50 })).messages;
    // With this seed Leo or Aiko answers, not Maya: she is not woken for it.
    expect(after.filter((m) => m.seq! > 2 && !m.system).map((m) => m.senderId)).not.toContain(idOf('maya'));
    expect((await tab.users()).find((u) => u.id === idOf('maya'))!.presence).toBe('offline');
    expect(after.find((m) => m.body === 'Ship it today?')!.status).toBe('sent');
    await tab.sim.teammate('maya').comeOnline();
    await advance(10_000);
    expect((await tab.history(group.id, { limit: 50 })).messages.find((m) => m.body === 'Ship it today?')!.status).toBe('read');
  });

  it('now and then a teammate says something unprompted in a demo group, typing first', async () => {
    const clock = new ManualClock();
    const tab = await tabs.open({ clock, seed: 21, teammates: true, seedDemo: true, heartbeatMs: 3_600_000, teammateTiming: { ...timing, chatterMs: [30_000, 60_000] } });
    await tab.sim.settled();
    const session = await tab.login({ username: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password });
    await connectAndWait(tab, session);
    // A group of my own with the demo's title and the whole team in it: not a demo group, so nobody chatters there.
    const team = (await tab.users()).filter((u) => u.id !== session.user.id).map((u) => u.id);
    const mine = await tab.createGroup({ clientId: crypto.randomUUID(), title: 'general', visibility: 'private', memberIds: team });
    const events: ChatEvent[] = [];
    tab.subscribe((e) => events.push(e));
    await clock.advance(20 * 65_000, () => tab.sim.settled());
    const groups = new Map((await tab.conversations()).flatMap((c) => (c.group ? [[c.id, c.group.title] as const] : [])));
    // (Teammates coming online also answer what the demo account left unanswered in direct conversations.)
    const lines = events.flatMap((e) => (e.type === 'message' && groups.has(e.message.conversationId) && !e.message.system ? [e.message] : []));
    expect(lines.filter((l) => l.conversationId === mine.id)).toEqual([]);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const users = await tab.users();
    for (const line of lines) {
      const script = DEMO_GROUPS.find((g) => g.title === groups.get(line.conversationId))!;
      const username = users.find((u) => u.id === line.senderId)!.username;
      expect(script.chatter).toContainEqual([username, line.body]);
      expect(events.some((e) => e.type === 'typing' && e.typing && e.userId === line.senderId && e.conversationId === line.conversationId)).toBe(true);
    }
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
