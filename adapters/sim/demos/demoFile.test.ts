import { readFileSync } from 'node:fs';
import { serveScenarioFiles } from '../../../tests/support/scenarioFiles';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationId } from '../../../src/transport';
import { ScenarioFileError } from '../scenarios/file/scenarioFileError';
import type { DemoApp } from './demoActor';
import { atMs, parseDemoFile } from './demoFile';
import { type RunningDemo, startDemoFromUrl } from './startDemo';

const read = (name: string) => JSON.parse(readFileSync(`public/demos/${name}.json`, 'utf8')) as { steps: Record<string, unknown>[] } & Record<string, unknown>;
const FIRST_DAY = read('first-day');
const OFFLINE_AND_BACK = read('offline-and-back');

describe('the demo file schema', () => {
  it('takes the demos that ship', () => {
    expect(parseDemoFile(FIRST_DAY)).toMatchObject({ ok: true });
    expect(parseDemoFile(OFFLINE_AND_BACK)).toMatchObject({ ok: true });
  });

  it('reads times as seconds or m:ss', () => {
    expect([atMs(0), atMs(2.5), atMs('0:12'), atMs('1:05'), atMs('10:00.250')]).toEqual([0, 2500, 12_000, 65_000, 600_250]);
  });

  it('names the path of each bad field, and what was expected there', () => {
    const file = structuredClone(FIRST_DAY);
    file.steps[0]!.at = 'soon';
    file.steps[2]!.do = 'dance';
    delete file.steps[3]!.body;
    file.steps[9]!.members = 'everyone';
    delete file.scenario;
    const parsed = parseDemoFile(file);
    expect(!parsed.ok && parsed.issues).toEqual([
      { path: 'scenario', message: 'the scenario it starts from: a built-in\'s name like "all-read", a scenario file\'s name, or a URL (text)' },
      { path: 'steps[0].at', message: 'seconds from the start of the demo: a number (0 or more) or minutes and seconds like "1:05"' },
      { path: 'steps[2].do', message: 'a step: an object whose "do" is "type", "send", "react", "read", "network", "createGroup" or "open"' },
      { path: 'steps[3].body', message: 'the message\'s text (text)' },
      { path: 'steps[9].members', message: 'the other members: a list of handles, like ["me", "maya"]' },
    ]);
  });

  it('wants steps in time order, and labels named by an earlier step', () => {
    const file = structuredClone(FIRST_DAY);
    file.steps[1]!.at = 0.5;
    file.steps[4]!.replyTo = 'later';
    file.steps[6]!.to = 'nothing';
    file.steps[9]!.label = 'welcome';
    const parsed = parseDemoFile(file);
    expect(!parsed.ok && parsed.issues).toEqual([
      { path: 'steps[1].at', message: 'a time no earlier than the step before\'s (steps go in time order)' },
      { path: 'steps[4].replyTo', message: 'the label of a message an earlier step sent; "later" is not one' },
      { path: 'steps[6].to', message: 'the label of a message an earlier step sent; "nothing" is not one' },
      { path: 'steps[9].label', message: 'a label of its own; "welcome" is taken' },
    ]);
  });
});

describe('a demo over its scenario', () => {
  const running: RunningDemo[] = [];
  afterEach(async () => {
    vi.unstubAllGlobals();
    for (const demo of running.splice(0)) await demo.scenario.transport.sim.dispose();
  });

  /** Serves `files` by URL, as the page's fetch would, and the scenarios (files too) from public/scenarios/. */
  function serve(files: Record<string, unknown>) {
    serveScenarioFiles();
    const scenarios = globalThis.fetch;
    vi.stubGlobal('fetch', async (url: string) => (url in files ? new Response(JSON.stringify(files[url])) : scenarios(url)));
  }

  const start = async (search: string) => {
    const demo = await startDemoFromUrl(search, { latency: { meanMs: 0, jitterMs: 0 }, followBrowser: false, locks: null });
    running.push(demo);
    return demo;
  };

  it('names people and conversations the scenario does not have, with their paths, before anything plays', async () => {
    const file = structuredClone(FIRST_DAY);
    file.steps[0]!.who = 'nobody';
    file.steps[2]!.in = 'Nowhere';
    file.steps[5]!.who = 'me';
    serve({ 'demos/first-day.json': file });
    const error = await start('?demo=first-day').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect(error).toMatchObject({ url: 'demos/first-day.json', reason: 'mistakes' });
    expect((error as ScenarioFileError).issues).toEqual([
      { path: 'steps[0].who', message: 'a person\'s handle in the scenario, like "aiko", "ines", "jonas"; "nobody" is not one of them' },
      { path: 'steps[2].in', message: 'a person\'s handle, a group\'s title or the label of a group an earlier step created; "Nowhere" is none of them' },
      { path: 'steps[5].who', message: 'a person other than "me" (what "me" does here the app does by itself)' },
    ]);
  });

  it('a missing demo file, or a scenario that starts signed out, is a ScenarioFileError naming the demo file', async () => {
    serve({});
    await expect(start('?demo=no-such-demo')).rejects.toMatchObject({ url: 'demos/no-such-demo.json', reason: 'missing' });
    serve({ 'demos/signed-out.json': { ...FIRST_DAY, scenario: 'sign-in' } });
    await expect(start('?demo=signed-out')).rejects.toMatchObject({ url: 'demos/signed-out.json', issues: [{ path: 'scenario' }] });
  });

  it('first-day, step by step: messages at their exact times, the reply, the read marker, the reaction, the new group', async () => {
    serve({ 'demos/first-day.json': FIRST_DAY });
    const demo = await start('?demo=first-day');
    const { transport, session } = demo.scenario;
    await transport.resume(session);
    const opened: ConversationId[] = [];
    // "me" as the app would: its sends and reactions through the transport, as the signed-in person.
    const app: DemoApp = {
      send: async (conversationId, body, options) => {
        const clientId = crypto.randomUUID();
        await transport.send({ conversationId, clientId, body, ...options });
        return clientId;
      },
      react: async () => undefined,
      createGroup: async () => {
        throw new Error('not in this demo');
      },
      open: (id) => void opened.push(id),
    };
    const controls = demo.controls(app, () => transport.sim.settled(), () => undefined);
    expect(controls.getState()).toMatchObject({ done: 0, total: 12, next: { do: 'send', who: 'Maya Chen', in: 'Maya Chen', body: 'Welcome to the team, Alex! 👋', reply: false } });
    for (let i = 0; i < 12; i++) await controls.step();
    expect(controls.getState()).toMatchObject({ done: 12, failure: null, next: null });

    const start0 = Date.parse(demo.scenario.definition.startsAt);
    const conversations = await transport.conversations();
    const maya = conversations.find((c) => c.kind === 'direct')!;
    const crew = conversations.find((c) => c.group?.title === 'Design crew')!;
    expect(opened).toEqual([maya.id, crew.id]);
    const { messages } = await transport.history(maya.id, { limit: 20 });
    expect(messages.map((m) => [m.body, Date.parse(m.createdAt) - start0])).toEqual([
      ['Welcome to the team, Alex! 👋', 1000],
      ['Ask me anything, I am around all day.', 8000],
      ['Thank you! Where do the design files live?', 11_000],
      ['In the Design crew group: Leo is adding you right now.', 21_000],
    ]);
    expect(messages[2]).toMatchObject({ replyToSeq: 1, status: 'read', reactions: [{ emoji: '💜', userIds: [maya.members.find((m) => m.userId !== session.user.id)!.userId] }] });
    expect(messages[3]!.replyToSeq).toBe(3);
    const crewLog = await transport.history(crew.id, { limit: 20 });
    expect(crewLog.messages.at(-1)).toMatchObject({ body: 'Welcome aboard, Alex! 🎉 The files are pinned at the top of the shared doc.' });
    expect(crew.members).toHaveLength(3);
  });
});
