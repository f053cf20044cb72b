import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RunningScenario, ScenarioFileError, startScenarioFile } from '../index';
import { parseScenarioFile } from './scenarioFile';

const EXAMPLE = JSON.parse(readFileSync('public/scenarios/example-launch-day.json', 'utf8')) as Record<string, unknown>;
const copy = (): typeof EXAMPLE & { conversations: { messages: Record<string, unknown>[] }[]; people: Record<string, unknown>[] } => structuredClone(EXAMPLE) as never;

describe('the scenario file schema', () => {
  it('takes the example', () => {
    expect(parseScenarioFile(EXAMPLE)).toMatchObject({ ok: true });
  });

  it('names the path of a field of the wrong kind, and what was expected', () => {
    const file = copy();
    file.conversations[0]!.messages[1]!.minutesAgo = 'soon';
    file.people[1]!.avatarColor = 'blue';
    const parsed = parseScenarioFile(file);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues).toEqual([
      { path: 'people[1].avatarColor', message: 'a colour like "#a21caf"' },
      { path: 'conversations[0].messages[1].minutesAgo', message: 'minutes before the scenario starts (a number, 0 or more)' },
    ]);
  });

  it('reports unknown handles and labels, a reply forward and an unknown open, with their paths', () => {
    const file = copy();
    file.conversations[0]!.messages[3]!.from = 'nobody';
    file.conversations[0]!.messages[0]!.replyTo = 'later';
    file.conversations[0]!.messages[1]!.reactions = { '🎉': ['ghost'] };
    file.online = ['maya'];
    file.open = 'nowhere';
    const parsed = parseScenarioFile(file);
    expect(!parsed.ok && parsed.issues.map((i) => i.path)).toEqual([
      'conversations[0].messages[0].replyTo',
      'conversations[0].messages[1].reactions.🎉[0]',
      'conversations[0].messages[3].from',
      'online[0]',
      'open',
    ]);
    expect(!parsed.ok && parsed.issues[2]!.message).toBe('a handle from "people", like "maya"; "nobody" is not one of them');
  });

  it('wants exactly one person who is "me"', () => {
    const file = copy();
    delete file.people[0]!.me;
    const parsed = parseScenarioFile(file);
    expect(!parsed.ok && parsed.issues).toContainEqual({ path: 'people', message: 'exactly one person with "me": true (found 0)' });
  });
});

describe('a scenario file, built', () => {
  const running: RunningScenario[] = [];
  afterEach(async () => {
    vi.unstubAllGlobals();
    for (const scenario of running.splice(0)) await scenario.transport.sim.dispose();
  });

  /** Serves `files` by URL, as the page's fetch would. */
  function serve(files: Record<string, unknown>) {
    vi.stubGlobal('fetch', async (url: string) =>
      url in files ? new Response(JSON.stringify(files[url])) : new Response('Not found', { status: 404 }),
    );
  }

  const open = async (url: string) => {
    const scenario = await startScenarioFile({ name: 'example-launch-day', url }, { latency: { meanMs: 0, jitterMs: 0 }, followBrowser: false, locks: null });
    running.push(scenario);
    return scenario;
  };

  it('the example: people, a group with a reply, reactions, an edit and a delete, unread counts, the group open', async () => {
    serve({ 'scenarios/example-launch-day.json': EXAMPLE });
    const scenario = await open('scenarios/example-launch-day.json');
    expect(scenario.session?.user.username).toBe('sam');
    const t = scenario.transport;
    await t.resume(scenario.session!);
    expect((await t.users()).map((u) => u.username).sort()).toEqual(['ana', 'priya', 'sam', 'tomas']);
    const conversations = await t.conversations();
    expect(conversations).toHaveLength(3);
    const group = conversations.find((c) => c.group?.title === 'Launch crew')!;
    expect(scenario.build.open).toBe(group.id);
    expect(group.unreadCount).toBe(2);
    expect(conversations.find((c) => c.id !== group.id && c.lastMessage?.body === 'Always. 2:45 downstairs?')?.unreadCount).toBe(1);
    const { messages } = await t.history(group.id, { limit: 50 });
    // The 'created' entry is seq 1, the file's messages follow.
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(messages[2]!.replyToSeq).toBe(2);
    expect(messages[2]!.reactions).toEqual([{ emoji: '🎉', userIds: expect.any(Array) }]);
    expect(messages[3]!.body).toBe('Changelog draft is in the shared doc, please have a look before 3');
    expect(messages[3]!.editedAt).toBeDefined();
    expect(messages[4]!.deletedAt).toBeDefined();
    expect(messages[4]!.body).toBe('');
  });

  it('a file with mistakes, or none at all, is a ScenarioFileError naming the file', async () => {
    const broken = copy();
    broken.conversations[1]!.messages[0]!.from = 'nobody';
    serve({ 'broken.json': broken });
    const error = await open('broken.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect(error).toMatchObject({ url: 'broken.json', issues: [{ path: 'conversations[1].messages[0].from' }] });
    await expect(open('scenarios/missing.json')).rejects.toMatchObject({ url: 'scenarios/missing.json', summary: expect.stringContaining('no such file') });
    vi.stubGlobal('fetch', async () => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } }));
    await expect(open('scenarios/fallback.json')).rejects.toMatchObject({ summary: expect.stringContaining('no such file') });
  });
});
