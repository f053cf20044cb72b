import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatTransport, Message } from '../../../../src/transport';
import { type RunningScenario, startScenarioFile } from '../index';
import { parseScenarioFile } from './checkFile';

// Export, then load the export: the same state again, as the app sees it (people, conversations,
// messages, unread, reactions, edits, deletes, replies, who is online, what is open).

const running: RunningScenario[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const scenario of running.splice(0)) await scenario.transport.sim.dispose();
});

/** Serves the built-ins from public/scenarios and `exported` under its own URL. */
function serve(exported: Record<string, string>) {
  vi.stubGlobal('fetch', async (url: string) => {
    if (url in exported) return new Response(exported[url]);
    const builtIn = /^scenarios\/([\w-]+\.json)$/.exec(url);
    return builtIn ? new Response(await readFile(`public/scenarios/${builtIn[1]}`, 'utf8')) : new Response('Not found', { status: 404 });
  });
}

async function open(name: string, url = `scenarios/${name}.json`): Promise<RunningScenario> {
  const scenario = await startScenarioFile({ name, url }, { latency: { meanMs: 0, jitterMs: 0 }, followBrowser: false, locks: null });
  running.push(scenario);
  await scenario.transport.resume(scenario.session!);
  return scenario;
}

async function everyMessage(t: ChatTransport, id: string): Promise<Message[]> {
  const messages: Message[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await t.history(id, { limit: 200, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    messages.unshift(...page.messages);
    if (!page.hasMore || page.messages.length === 0) return messages;
    beforeSeq = page.messages[0]!.seq;
  }
}

/** What a designer would see of a scenario, in counts, each conversation by its group title or direct peer. */
async function seen(scenario: RunningScenario) {
  const t = scenario.transport;
  const me = scenario.session!.user.id;
  const users = await t.users();
  const name = (id: string) => users.find((u) => u.id === id)?.username;
  const conversations: Record<string, unknown> = {};
  let open: string | null = null;
  for (const c of await t.conversations()) {
    const key = c.group ? `#${c.group.title}` : `@${name(c.members.find((m) => m.userId !== me)!.userId)}`;
    const messages = await everyMessage(t, c.id);
    conversations[key] = {
      members: c.members.length,
      messages: messages.length,
      unread: c.unreadCount,
      reactions: messages.flatMap((m) => m.reactions ?? []).reduce((n, r) => n + r.userIds.length, 0),
      edited: messages.filter((m) => m.editedAt).length,
      deleted: messages.filter((m) => m.deletedAt).length,
      replies: messages.filter((m) => m.replyToSeq !== undefined).map((m) => [m.seq, m.replyToSeq]),
      lastBody: messages.at(-1)?.body,
    };
    if (c.id === scenario.build.open) open = key;
  }
  return {
    people: users.length,
    online: users.filter((u) => u.presence === 'online').length,
    conversations,
    open,
  };
}

describe('exporting a scenario', () => {
  it.each(['busy-team', 'group-chat', 'big-group', 'replies-and-reactions', 'edited-and-deleted', 'example-launch-day'])(
    '%s: the export is a valid file that builds the same state',
    async (name) => {
      serve({});
      const original = await open(name);
      const exported = await original.transport.sim.exportScenario({ open: original.build.open });
      expect(exported.fileName).toMatch(/^scenario-\d{4}-\d\d-\d\d-\d{4}\.json$/);
      expect(parseScenarioFile(JSON.parse(exported.text))).toMatchObject({ ok: true });
      const before = await seen(original);
      await original.transport.sim.dispose();
      running.length = 0;

      serve({ 'exported.json': exported.text });
      const again = await open(`exported-${name}`, 'exported.json');
      expect(await seen(again)).toEqual(before);
    },
  );

  it('says so when nobody is signed in', async () => {
    serve({});
    const scenario = await startScenarioFile({ name: 'sign-in', url: 'scenarios/sign-in.json' }, { latency: { meanMs: 0, jitterMs: 0 }, followBrowser: false, locks: null });
    running.push(scenario);
    await expect(scenario.transport.sim.exportScenario()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('writes the network as it is, and an offline switch as going offline once synced', async () => {
    serve({});
    const scenario = await open('all-read');
    scenario.transport.sim.setLatency({ meanMs: 900, jitterMs: 100 });
    scenario.transport.sim.setFailureRate(0.25);
    scenario.transport.sim.setOffline(true);
    const file = JSON.parse((await scenario.transport.sim.exportScenario({ open: null })).text) as Record<string, unknown>;
    expect(file.network).toEqual({ latencyMs: 900, jitterMs: 100, failureRate: 0.25 });
    expect(file.onStart).toEqual([{ do: 'network', offline: true }]);
    expect(file.open).toBeUndefined();
    expect((file.online as string[]).toSorted()).toEqual(['aiko', 'maya', 'priya']);
  });
});
