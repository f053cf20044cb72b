import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../../../scripts/builtInScenarios';
import { scenarioIndex } from '../../../../scripts/scenarioIndexPlugin';
import { type RunningScenario, ScenarioFileError, startScenarioFile } from '../index';
import { parseScenarioFile } from './checkFile';
import { fillPattern, historyLines, repeatedText } from './generate';
import { fileScenario } from './interpretFile';
import { createRandom } from '../../random';

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

  it('takes every file of public/scenarios, and the index lists the built-ins first, in their order', () => {
    const files = readdirSync('public/scenarios').filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');
    for (const file of files) expect([file, parseScenarioFile(JSON.parse(readFileSync(`public/scenarios/${file}`, 'utf8')))]).toMatchObject([file, { ok: true }]);
    expect(scenarioIndex('public/scenarios').map((s) => s.name)).toEqual([...BUILT_IN_SCENARIOS, 'example-launch-day']);
  });

  it('names the path inside a generator, a history in the messages, a long text and an action', () => {
    const file = copy() as ReturnType<typeof copy> & Record<string, unknown>;
    file.conversations[0]!.messages.splice(1, 0, { history: { count: 'many', fromMinutesAgo: 100, toMinutesAgo: 90, from: ['ana'], bodies: ['Hi'] } });
    file.conversations[0]!.messages[0]!.from = 5;
    file.conversations[0]!.messages[2]!.body = { repeat: 'la ' };
    file.generate = [{ kind: 'robots' }, { kind: 'people', count: 3, handle: 'Guest{n}', displayName: 'Guest {n}', avatarColors: ['#0369a1'] }];
    file.onStart = [{ do: 'dance' }, { do: 'send', in: 'ana' }];
    const parsed = parseScenarioFile(file);
    expect(!parsed.ok && parsed.issues).toEqual([
      { path: 'generate[0].kind', message: 'a generator: {"kind": "people", …} or {"kind": "directs", …}' },
      { path: 'conversations[0].messages[0].from', message: 'a handle from "people", like "maya"' },
      { path: 'conversations[0].messages[1].history.count', message: 'how many messages (1 to 100,000)' },
      { path: 'conversations[0].messages[2].body', message: 'the message\'s text, or a long one like {"repeat": "…", "length": 4000}' },
      { path: 'onStart[0].do', message: 'an action like {"do": "send", "in": "maya", "body": "Hi"} or {"do": "network", "offline": true}' },
      { path: 'onStart[1].body', message: 'the message\'s text (text)' },
    ]);
  });

  it('checks what generators make and what typing, sends and Message info name', () => {
    const file = copy() as ReturnType<typeof copy> & Record<string, unknown>;
    file.generate = [
      { kind: 'people', count: 3, handle: 'Guest{n}', displayName: 'Guest {n}', avatarColors: ['#0369a1'] },
      { kind: 'directs', with: ['ana', 'nobody'], newestMinutesAgo: [5], messages: { min: 4, max: 2 }, spreadMinutes: 10, bodies: ['Hi'] },
    ];
    file.conversations[0]!.messages.push({ history: { count: 10, fromMinutesAgo: 5, toMinutesAgo: 50, from: ['sam', 'ghost'], bodies: ['Hi'] } });
    file.typing = [{ who: 'ana', in: 'nowhere' }];
    file.onStart = [{ do: 'send', in: 'tomas', body: 'Hi' }];
    file.info = 'no-such-message';
    const parsed = parseScenarioFile(file);
    expect(!parsed.ok && parsed.issues.map((i) => [i.path, i.message])).toEqual([
      ['generate[0].handle', 'a pattern that makes usernames (3 to 32 of a-z, 0-9, "_", "." and "-"); it makes "Guest1"'],
      ['conversations[0].messages[5].history.from[1]', 'a handle from "people", like "maya"; "ghost" is not one of them'],
      ['conversations[0].messages[5].history.toMinutesAgo', 'a time after "fromMinutesAgo" (fewer minutes ago than 5)'],
      ['generate[1].messages.max', '4 or more (not below "min")'],
      ['generate[1].with[1]', 'a handle from "people", like "maya"; "nobody" is not one of them'],
      ['generate[1].with', 'people I have no conversation with yet; there is one with "ana"'],
      ['typing[0].in', 'a conversation of mine: its label or the direct peer\'s handle; "nowhere" is neither'],
      ['info', 'the label of a message in the open conversation; "no-such-message" is not'],
    ]);
  });

  it('wants exactly one person who is "me"', () => {
    const file = copy();
    delete file.people[0]!.me;
    const parsed = parseScenarioFile(file);
    expect(!parsed.ok && parsed.issues).toContainEqual({ path: 'people', message: 'exactly one person with "me": true (found 0)' });
  });
});

describe('the state knobs of a file', () => {
  const parsed = (extra: Record<string, unknown>) => {
    const result = parseScenarioFile({ ...copy(), ...extra });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.file;
  };

  it('become the scenario\'s network, refusals, typing time, theme, sign-in form and seed', () => {
    const definition = fileScenario(
      'knobs',
      parsed({
        network: { latencyMs: 2000, jitterMs: 500, failureRate: 0.4, timeoutMs: 5000, offline: true, refuseSends: 2 },
        typing: [{ who: 'ana', in: 'ana' }],
        theme: 'dark',
        seed: 7,
        signInForm: { username: 'sam', password: '' },
      }),
    );
    expect(definition).toMatchObject({
      name: 'knobs',
      seed: 7,
      network: { latency: { meanMs: 2000, jitterMs: 500 }, failureRate: 0.4, timeoutMs: 5000, offline: true },
      refusedSends: 2,
      typingLastsMs: 24 * 60 * 60_000,
      theme: 'dark',
      signInForm: { username: 'sam', password: '' },
    });
  });

  it('a latency alone is that latency exactly; nothing said, the sim\'s own', () => {
    expect(fileScenario('a', parsed({ network: { latencyMs: 80 } })).network).toEqual({ latency: { meanMs: 80, jitterMs: 0 } });
    const plain = fileScenario('b', parsed({}));
    expect(plain.network).toEqual({});
    expect([plain.typingLastsMs, plain.theme, plain.seed, plain.refusedSends]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('what generators make', () => {
  it('fills a pattern with the number, padded when asked', () => {
    expect([fillPattern('colleague{n}', 7), fillPattern('Colleague {n:3}', 7), fillPattern('{n:2}-{n}', 123)]).toEqual(['colleague7', 'Colleague 007', '123-123']);
  });

  it('repeats a text to exactly its length, ending with a full stop', () => {
    for (const length of [1, 7, 4000]) {
      const text = repeatedText('Long words. ', length);
      expect([text.length, text.at(-1)]).toEqual([length, '.']);
    }
  });

  it('spreads a history evenly from its first time to its last, the same dice the same history', () => {
    const history = { count: 5, fromMinutesAgo: 100, toMinutesAgo: 20, from: ['sam', 'ana'], bodies: ['a', 'b', 'c'] };
    const lines = historyLines(history, createRandom(1));
    expect(lines.map((l) => l.minutesAgo)).toEqual([100, 80, 60, 40, 20]);
    expect(new Set(lines.map((l) => l.from))).toEqual(new Set(['sam', 'ana']));
    expect(historyLines(history, createRandom(1))).toEqual(lines);
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
