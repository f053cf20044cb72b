import type { UserRecord } from '../../../../src/backend/store';
import type { ConversationId } from '../../../../src/transport';
import { createGroupAs } from '../../demoGroups';
import type { ScenarioBuild, ScenarioDefinition, StartAction } from '../definition';
import type { ScenarioWriter, ScriptLine } from '../scenarioWriter';
import { groupMembers } from './checkFile';
import { allPeople, directLines, historyLines, repeatedText } from './generate';
import { DEFAULT_STARTS_AT, type FileConversation, type FileCount, type FileMessage, type ScenarioFile } from './scenarioFile';

/** Someone typing in a scenario types for as long as it is open (a day), not the usual few seconds. */
const TYPING_LASTS_MS = 24 * 60 * 60_000;

/**
 * A checked scenario file (parseScenarioFile) as a scenario definition: its build writes the
 * people, conversations and groups through the ScenarioWriter and createGroupAs, and the messages'
 * reactions, edits and deletions through the backend's own rules (planReaction, planEdit,
 * planDelete); its play, once the app is online and synced, starts the typing and runs `onStart`.
 */
export function fileScenario(name: string, file: ScenarioFile): ScenarioDefinition {
  const n = file.network ?? {};
  // A file that names a latency and no jitter means that latency exactly.
  const latency =
    n.latencyMs === undefined && n.jitterMs === undefined
      ? undefined
      : { ...(n.latencyMs === undefined ? {} : { meanMs: n.latencyMs }), jitterMs: n.jitterMs ?? (n.latencyMs === undefined ? undefined : 0) };
  return {
    name,
    startsAt: file.startsAt ?? DEFAULT_STARTS_AT,
    ...(file.seed === undefined ? {} : { seed: file.seed }),
    network: {
      ...(latency && { latency: Object.fromEntries(Object.entries(latency).filter(([, v]) => v !== undefined)) }),
      ...(n.failureRate === undefined ? {} : { failureRate: n.failureRate }),
      ...(n.offline === undefined ? {} : { offline: n.offline }),
      ...(n.timeoutMs === undefined ? {} : { timeoutMs: n.timeoutMs }),
    },
    ...(n.refuseSends ? { refusedSends: n.refuseSends } : {}),
    ...(file.typing?.length ? { typingLastsMs: TYPING_LASTS_MS } : {}),
    ...(file.theme ? { theme: file.theme } : {}),
    ...(file.signInForm ? { signInForm: file.signInForm } : {}),
    build: (w) => buildFile(w, file),
    async play({ build, sim, send, online, synced }) {
      if (!build.whenOnline && !build.onStart?.length) return;
      // Offline-first: the app has synced before anything happens, so its cache paints the conversations.
      await online();
      await synced();
      await build.whenOnline?.();
      for (const action of build.onStart ?? []) {
        if (action.do === 'send') {
          await send(action.conversationId, action.body);
          continue;
        }
        if (action.latencyMs !== undefined || action.jitterMs !== undefined) {
          sim.setLatency({ ...(action.latencyMs === undefined ? {} : { meanMs: action.latencyMs }), ...(action.jitterMs === undefined ? {} : { jitterMs: action.jitterMs }) });
        }
        if (action.failureRate !== undefined) sim.setFailureRate(action.failureRate);
        if (action.offline !== undefined) sim.setOffline(action.offline);
      }
    },
  };
}

/** A count of messages as a seq: "all", the first n of the file's (after a group's 'created' entry), all but the last n. */
function seqOf(count: FileCount, offset: number, last: number): number {
  if (count === 'all') return last;
  if (typeof count === 'number') return Math.min(last, offset + count);
  return Math.max(0, last - count.allBut);
}

async function buildFile(w: ScenarioWriter, file: ScenarioFile): Promise<ScenarioBuild> {
  const specs = allPeople(file);
  const people = new Map<string, UserRecord>();
  for (const p of specs) {
    people.set(p.handle, await w.person({ username: p.handle, displayName: p.displayName, avatarColor: p.avatarColor, lastSeenMinutesAgo: p.lastSeenMinutesAgo, canSignIn: p.me }));
  }
  const handles = specs.map((p) => p.handle);
  const person = (handle: string): UserRecord => people.get(handle)!;
  const me = person(specs.find((p) => p.me)!.handle);
  /** My conversations by label and by direct peer, and each one's message labels. */
  const conversations = new Map<string, ConversationId>();
  const messageLabels = new Map<ConversationId, Map<string, number>>();

  const writeConversation = async (c: FileConversation): Promise<void> => {
    const firstItem = c.messages[0];
    const oldest = firstItem === undefined ? 0 : 'history' in firstItem ? firstItem.history.fromMinutesAgo : firstItem.minutesAgo;
    const createdMinutesAgo = c.createdMinutesAgo ?? oldest + 1;
    let id: ConversationId;
    let members: UserRecord[];
    /** A group's 'created' entry is its seq 1: its messages follow. */
    let offset: number;
    if (c.group) {
      const owner = person(c.group.owner);
      members = [owner, ...new Set(groupMembers(c.group, handles).map(person))].filter((u, i) => i === 0 || u.id !== owner.id);
      id = await createGroupAs(w, owner, { title: c.group.title, visibility: c.group.visibility, members: members.slice(1), createdAt: w.at(createdMinutesAgo) });
      offset = 1;
    } else {
      members = [me, person(c.with!)];
      id = await w.conversation(me.id, members[1]!.id, [], createdMinutesAgo);
      conversations.set(c.with!, id);
      offset = 0;
    }
    if (c.label !== undefined) conversations.set(c.label, id);
    const labels = new Map<string, number>();
    messageLabels.set(id, labels);
    const lines: ScriptLine[] = [];
    const written: { seq: number; message: FileMessage }[] = [];
    for (const item of c.messages) {
      if ('history' in item) {
        for (const line of historyLines(item.history, w.random)) lines.push({ ...line, from: person(line.from).id });
        continue;
      }
      const seq = offset + lines.length + 1;
      if (item.label !== undefined) labels.set(item.label, seq);
      const body = typeof item.body === 'string' ? item.body : repeatedText(item.body.repeat, item.body.length);
      lines.push({ from: person(item.from).id, body, minutesAgo: item.minutesAgo, ...(item.replyTo === undefined ? {} : { replyTo: labels.get(item.replyTo)! }) });
      written.push({ seq, message: item });
    }
    await w.lines(id, lines);
    for (const { seq, message: m } of written) {
      const reactions = Object.entries(m.reactions ?? {}).flatMap(([emoji, who]) => who.map((h) => [person(h).id, emoji] as const));
      if (reactions.length) await w.react(id, seq, reactions);
      if (m.edited?.body !== undefined) await w.edit(id, seq, person(m.from).id, m.edited.body, m.edited.minutesAgo);
      else if (m.edited) await w.markEdited(id, seq, person(m.from).id, m.edited.minutesAgo);
      if (m.deleted) await w.remove(id, seq, person(m.from).id, m.deleted.minutesAgo);
    }
    const last = offset + lines.length;
    if (last === 0) return;
    // Everyone has read everything, unless a range or a member's own mark says otherwise.
    const marks = new Map(members.map((u) => [u.username, { read: last, delivered: last }]));
    let next = 0;
    const others = members.filter((u) => u.id !== me.id);
    for (const range of c.receipts ?? []) {
      const upto = range.members === 'rest' ? others.length : next + range.members;
      for (const u of others.slice(next, upto)) marks.set(u.username, { read: seqOf(range.read, offset, last), delivered: seqOf(range.delivered ?? 'all', offset, last) });
      next = Math.min(upto, others.length);
    }
    for (const [handle, mark] of Object.entries(c.read ?? {})) {
      const { read, delivered = 'all' } = typeof mark === 'object' && 'read' in mark ? mark : { read: mark };
      marks.set(handle, { read: seqOf(read, offset, last), delivered: seqOf(delivered, offset, last) });
    }
    for (const u of members) await w.marker(id, u.id, marks.get(u.username)!);
  };

  for (const c of file.conversations) await writeConversation(c);
  for (const g of file.generate ?? []) {
    if (g.kind !== 'directs') continue;
    const peers = g.with === 'everyone-but-me' ? handles.filter((h) => h !== me.username) : g.with;
    for (const [index, handle] of peers.entries()) {
      const them = person(handle);
      const cycled = (list: readonly number[] | undefined) => (list?.length ? list[index % list.length]! : 0);
      const unread = cycled(g.unread);
      const count = unread + g.messages.min + Math.floor(w.random.next() * (g.messages.max - g.messages.min + 1));
      const newest = g.newestMinutesAgo[Math.min(index, g.newestMinutesAgo.length - 1)]!;
      const lines = directLines(w.random, me.username, handle, { count, unread, newest, spread: g.spreadMinutes, bodies: g.bodies });
      const id = await w.conversation(me.id, them.id, lines.map((l) => ({ ...l, from: person(l.from).id })));
      conversations.set(handle, id);
      await w.marker(id, me.id, { read: lines.length - unread, delivered: lines.length });
      await w.marker(id, them.id, { read: Math.max(0, lines.length - cycled(g.unreadByThem)), delivered: lines.length });
    }
  }
  await w.online((file.online ?? []).map((h) => person(h).id));

  const open = file.open === undefined ? null : (conversations.get(file.open) ?? null);
  const info = open && file.info !== undefined ? messageLabels.get(open)?.get(file.info) : undefined;
  const typing = (file.typing ?? []).map((t) => ({ userId: person(t.who).id, conversationId: conversations.get(t.in)! }));
  const onStart = (file.onStart ?? []).map((a): StartAction => (a.do === 'send' ? { do: 'send', conversationId: conversations.get(a.in)!, body: a.body } : a));
  return {
    session: file.signInForm ? null : await w.session(me),
    open,
    ...(info === undefined ? {} : { info }),
    ...(typing.length
      ? {
          whenOnline: async () => {
            for (const t of typing) await w.backend.service.setTyping(t.userId, { conversationId: t.conversationId, typing: true });
          },
        }
      : {}),
    ...(onStart.length ? { onStart } : {}),
  };
}
