import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_SCENARIOS, type BuiltInScenario } from '../../../scripts/builtInScenarios';
import { serveScenarioFiles } from '../../../tests/support/scenarioFiles';
import { LIMITS } from '../../../src/protocol/limits';
import { messageLength } from '../../../src/protocol/rules/messageLength';
import type { ChatTransport } from '../../../src/transport';
import { DEMO_ACCOUNT, DEMO_TEAM } from '../demoTeam';
import { SimDatabase } from '../simDatabase';
import { type BuildProgress, type RunningScenario, scenarioDbName, startScenario } from './index';

const running: RunningScenario[] = [];
beforeEach(() => serveScenarioFiles());
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const scenario of running.splice(0)) await scenario.transport.sim.dispose();
});

async function start(name: BuiltInScenario, onProgress?: (progress: BuildProgress) => void): Promise<RunningScenario> {
  const scenario = await startScenario(name, { latency: { meanMs: 0, jitterMs: 0 }, followBrowser: false, locks: null, onProgress });
  running.push(scenario);
  return scenario;
}

/** Everything the backend stores for the scenario, as plain rows. */
async function contents(name: BuiltInScenario) {
  const db = new SimDatabase(scenarioDbName(name));
  try {
    const rows = (table: string) => db.table(table).toArray();
    return { users: await rows('users'), conversations: await rows('conversations'), messages: await rows('messages'), changes: await rows('changes') };
  } finally {
    db.close();
  }
}

async function signedIn(scenario: RunningScenario): Promise<ChatTransport> {
  await scenario.transport.resume(scenario.session!);
  return scenario.transport;
}

describe('scenarios', () => {
  it.each(BUILT_IN_SCENARIOS.filter((n) => n !== 'long-history'))('%s builds the same data every time', async (name) => {
    const first = await start(name);
    const firstData = await contents(name);
    await first.transport.sim.dispose();
    running.length = 0;
    const second = await start(name);
    expect(await contents(name)).toEqual(firstData);
    expect(second.build.open).toBe(first.build.open);
    expect(second.session?.user).toEqual(first.session?.user);
    expect(firstData.users.length).toBeGreaterThan(0);
  });

  it('empty: a signed-in account with no conversations, the team to find', async () => {
    const t = await signedIn(await start('empty'));
    expect(await t.conversations()).toEqual([]);
    expect((await t.users()).map((u) => u.username).sort()).toEqual([DEMO_ACCOUNT.username, ...DEMO_TEAM.map((m) => m.username)].sort());
  });

  it('busy-team: 25 teammates plus guests, 30 conversations, unread badges, some online', async () => {
    const t = await signedIn(await start('busy-team'));
    const users = await t.users();
    const others = users.filter((u) => u.username !== DEMO_ACCOUNT.username);
    expect(others.filter((u) => !u.displayName.includes('(')).length).toBe(25);
    const conversations = await t.conversations();
    expect(conversations).toHaveLength(30);
    expect(conversations.filter((c) => c.unreadCount > 0).length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...conversations.map((c) => c.unreadCount))).toBeGreaterThan(99);
    const online = others.filter((u) => u.presence === 'online').length;
    expect(online).toBeGreaterThan(0);
    expect(online).toBeLessThan(others.length);
  });

  it('long-history: one conversation of 10,000 messages over a year, built the same twice, reporting how far the build is', async () => {
    const reports: BuildProgress[] = [];
    const scenario = await start('long-history', (progress) => reports.push(progress));
    expect(reports.map((r) => r.done)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 1000));
    expect(reports.every((r) => r.total === 10_000 && r.unit === 'messages')).toBe(true);
    const t = await signedIn(scenario);
    const [conversation] = await t.conversations();
    expect(conversation?.lastMessage?.seq).toBe(10_000);
    const { messages } = await contents('long-history');
    expect(messages).toHaveLength(10_000);
    const times = messages.map((m: { createdAt: string }) => Date.parse(m.createdAt));
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThan(360);
    const ids = messages.map((m: { id: string }) => m.id);
    await scenario.transport.sim.dispose();
    running.length = 0;
    await start('long-history');
    expect((await contents('long-history')).messages.map((m: { id: string }) => m.id)).toEqual(ids);
  });

  it('long-content: a message of the full 4,000 characters, right-to-left text and emoji', async () => {
    const scenario = await start('long-content');
    const t = await signedIn(scenario);
    const page = await t.history(scenario.build.open!, { limit: 50 });
    const bodies = page.messages.map((m) => m.body);
    expect(bodies.some((b) => messageLength(b) === LIMITS.bodyMaxChars)).toBe(true);
    expect(bodies.some((b) => /[\u0590-\u06FF]/.test(b))).toBe(true);
    expect(bodies.some((b) => /\p{Extended_Pictographic}/u.test(b))).toBe(true);
  });

  it('sign-in: no session, and the demo password works', async () => {
    const signIn = await start('sign-in');
    expect(signIn.session).toBeNull();
    const session = await signIn.transport.login({ username: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password });
    expect(session.user.displayName).toBe(DEMO_ACCOUNT.displayName);
  });

  it('failed-send: the first send is refused for good, the retry goes through', async () => {
    const scenario = await start('failed-send');
    const t = await signedIn(scenario);
    const input = { conversationId: scenario.build.open!, clientId: crypto.randomUUID(), body: 'specs' };
    await expect(t.send(input)).rejects.toMatchObject({ code: 'FORBIDDEN', transient: false });
    await expect(t.send(input)).resolves.toMatchObject({ body: 'specs', clientId: input.clientId });
  });

  it('offline: once the app is online and synced, the network goes down and two messages go out in the open conversation', async () => {
    const scenario = await start('offline');
    const sent: [string, string][] = [];
    const calls: string[] = [];
    await scenario.play({
      online: async () => void calls.push('online'),
      synced: async () => void calls.push('synced'),
      send: async (conversationId, body) => void sent.push([conversationId, body]),
    });
    expect(calls).toEqual(['online', 'synced']);
    expect(scenario.transport.sim.getState().offline).toBe(true);
    expect(sent.map(([id]) => id)).toEqual([scenario.build.open, scenario.build.open]);
    expect(sent[1]![1]).toContain('from the train');
  });

  it('typing: Maya types in the open conversation once the app is online, for as long as the scenario is open', async () => {
    const scenario = await start('typing');
    expect(scenario.definition.typingLastsMs).toBe(24 * 60 * 60_000);
    const t = await signedIn(scenario);
    const typing: string[] = [];
    t.subscribe((event) => {
      if (event.type === 'typing' && event.typing && event.conversationId === scenario.build.open) typing.push(event.userId);
    });
    t.connect(scenario.session!);
    await expect.poll(() => t.connectionState().status).toBe('online');
    await scenario.play({ send: async () => undefined, online: async () => {}, synced: async () => {} });
    const maya = (await t.users()).find((u) => u.username === 'maya')!;
    await expect.poll(() => typing).toEqual([maya.id]);
  });

  it('runs its clock from the fixed instant', async () => {
    const scenario = await start('typing');
    const elapsed = scenario.now() - Date.parse(scenario.definition.startsAt);
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(60_000);
  });
});

describe('group scenarios', () => {
  it('group-chat: #general open, with Maya and Leo typing in it once the app is online', async () => {
    const scenario = await start('group-chat');
    const t = await signedIn(scenario);
    const typing: string[] = [];
    t.subscribe((event) => {
      if (event.type === 'typing' && event.typing && event.conversationId === scenario.build.open) typing.push(event.userId);
    });
    t.connect(scenario.session!);
    await expect.poll(() => t.connectionState().status).toBe('online');
    await scenario.play({ send: async () => undefined, online: async () => {}, synced: async () => {} });
    await expect.poll(() => typing.length).toBe(2);
    const summaries = await t.conversations();
    expect(summaries.filter((c) => c.kind === 'group').map((c) => c.group?.title).sort()).toEqual(['Design crit', 'Launch', 'general']);
  });

  it('big-group: 200 members; my announcement read by 120, delivered to 60 more', async () => {
    const scenario = await start('big-group');
    const t = await signedIn(scenario);
    const [group] = await t.conversations();
    expect(group?.members).toHaveLength(200);
    const info = await t.messageInfo(group!.id, group!.lastSeq);
    expect([info.read.length, info.delivered.length, info.pending.length]).toEqual([120, 60, 19]);
  });
});

describe('message-action scenarios', () => {
  it('replies-and-reactions: a quote of a message a page and more back, replies both ways, reactions in #general', async () => {
    const scenario = await start('replies-and-reactions');
    const t = await signedIn(scenario);
    const page = await t.history(scenario.build.open!, { limit: 50 });
    const quoting = page.messages.find((m) => m.body.startsWith('Is this still the plan?'))!;
    // Its original is seq 1, beyond the newest page: the quote's jump has to load it.
    expect(quoting.replyToSeq).toBe(1);
    expect(page.messages[0]!.seq).toBeGreaterThan(1);
    expect(page.messages.filter((m) => m.replyToSeq !== undefined)).toHaveLength(3);
    const me = scenario.session!.user.id;
    expect(page.messages.at(-1)!.reactions).toEqual([{ emoji: '❤️', userIds: [me] }]);
    const general = (await t.conversations()).find((c) => c.group?.title === 'general')!;
    const [cheered, many] = (await t.history(general.id, { limit: 2 })).messages;
    expect(cheered!.reactions!.map((r) => [r.emoji, r.userIds.length])).toEqual([['🎉', 4], ['👍', 2], ['❤️', 1]]);
    expect(many!.reactions).toHaveLength(8);
  });

  it('edited-and-deleted: edits keep their seq with editedAt, deletes leave tombstones with no words, a reply to a deleted message', async () => {
    const scenario = await start('edited-and-deleted');
    const t = await signedIn(scenario);
    const { messages } = await t.history(scenario.build.open!, { limit: 50 });
    expect(messages.map((m) => [m.seq, m.body, Boolean(m.editedAt), Boolean(m.deletedAt)])).toEqual([
      [1, 'Standup moves to 10:00 tomorrow (room 4B).', true, false],
      [2, 'Works for me.', false, false],
      [3, '', false, true],
      [4, 'Wait, which call?', false, false],
      [5, 'Never mind, wrong chat! Sorry 😅', false, false],
      [6, 'Sending the recap in a sec, the numbers are final', true, false],
      [7, '', false, true],
      [8, 'Recap: https://example.com/recap-q1', false, false],
      [9, 'Thanks! Reading it now.', false, false],
    ]);
    expect(messages[3]!.replyToSeq).toBe(3);
    // Deleted means gone from the sim's database, not hidden.
    const stored = JSON.stringify(await contents('edited-and-deleted'));
    expect(stored).not.toContain('the client call is cancelled');
    expect(stored).not.toContain('oops, wrong link');
  });
});
