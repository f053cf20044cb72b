import type { PresenceRegistry } from '../../../../src/backend/ports';
import type { Store, UserRecord } from '../../../../src/backend/store';
import { ChatError, type Conversation, type ConversationId, type Message, type UserId } from '../../../../src/transport';
import type { ControllerDeps } from '../../controller';
import { DEFAULT_LATENCY, type NetworkSettings } from '../../simLink';
import type { FileConversation, FileMessage, ScenarioFile } from './scenarioFile';

// The simulation panel's "Export scenario": the simulated server's state as the person signed in
// sees it, written as a scenario file (literal people, conversations, groups, messages with times
// relative to now, replies, reactions, edits, deletes, read marks, who is online, what is open), so
// loading the file builds the same state again. What only this device holds (messages still in its
// outbox) is not the server's, and a group's entries other than its creation (a member added, a new
// title) are not messages a file writes: the group is written as it now is.

export interface ExportSource {
  store: Store;
  presence: PresenceRegistry;
  /** Who is signed in: the file's "me". */
  me: UserId;
  /** The scenario's "now": every time is written relative to it. */
  now: number;
  network: NetworkSettings;
  /** The conversation open in the app, if any. */
  open: ConversationId | null;
}

export interface ExportedScenario {
  /** A name to save it under, like `scenario-2026-03-12-1430.json`. */
  fileName: string;
  /** The file, as JSON text. */
  text: string;
  file: ScenarioFile;
}

/** A deleted message keeps no words: the file gives it these, and deletes it again. */
const DELETED_BODY = '(deleted)';
/** Messages read from the store at a time. */
const PAGE = 500;

/** Minutes before `now`, to the hundredth (0.6 s): short to read, close enough to keep the order of things. */
const minutesBefore = (now: number, iso: string): number => Math.max(0, Math.round((now - Date.parse(iso)) / 600) / 100);

/** Every message of a conversation, oldest first. */
async function allMessages(store: Store, id: ConversationId): Promise<Message[]> {
  const pages: Message[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await store.history(id, before, PAGE);
    if (page.length === 0) break;
    pages.push(page);
    before = Math.min(...page.map((m) => m.seq));
    if (page.length < PAGE || before <= 1) break;
  }
  return pages.flat().sort((a, b) => a.seq - b.seq);
}

/** A label for a group from its title ("Design crit" → "design-crit"), unique in the file. */
function labelFor(title: string, taken: Set<string>): string {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'group';
  let label = base;
  for (let n = 2; taken.has(label); n++) label = `${base}-${n}`;
  taken.add(label);
  return label;
}

/** The conversation the page's address opens (`#/c/<id>`, src/app/useConversationRoute.ts), if any. */
function openInAddress(): ConversationId | null {
  const match = typeof location === 'undefined' ? null : /^#\/c\/([^/]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * SimController.exportScenario: the person signed in in this tab is "me" (UNAUTHENTICATED when nobody
 * is), the simulation's clock says when now is; `open` defaults to the conversation the address shows.
 */
export async function exportFromSim(
  deps: Pick<ControllerDeps, 'currentUserId' | 'store' | 'presence' | 'now' | 'link'>,
  open: ConversationId | null = openInAddress(),
): Promise<Omit<ExportedScenario, 'file'>> {
  const me = deps.currentUserId();
  if (!me) throw new ChatError('UNAUTHENTICATED', 'Sign in first: an exported scenario is what the person signed in sees.');
  const { fileName, text } = await exportScenario({ store: deps.store, presence: deps.presence, me, now: deps.now(), network: deps.link.network(), open });
  return { fileName, text };
}

export async function exportScenario(source: ExportSource): Promise<ExportedScenario> {
  const { store, now, me } = source;
  const users = await store.listUsers();
  const byId = new Map<UserId, UserRecord>(users.map((u) => [u.id, u]));
  const handle = (id: UserId): string => byId.get(id)?.username ?? id;
  const meUser = byId.get(me);
  if (!meUser) throw new Error('The signed-in person is not on the simulated server.');
  // Me first, then everyone else as the server lists them.
  const people: ScenarioFile['people'] = [meUser, ...users.filter((u) => u.id !== me)].map((u) => ({
    handle: u.username,
    displayName: u.displayName,
    avatarColor: u.avatarColor,
    ...(u.lastSeen === null ? {} : { lastSeenMinutesAgo: minutesBefore(now, u.lastSeen) }),
    ...(u.id === me ? { me: true as const } : {}),
  }));
  const byHandle = new Map(users.map((u) => [u.username, u.id]));
  const taken = new Set(byHandle.keys());
  let open: string | undefined;
  const conversations: FileConversation[] = [];
  for (const conversation of await store.listConversations(me)) {
    const written = await exportConversation(source, conversation, handle, taken);
    conversations.push(written);
    if (conversation.id === source.open) open = written.label ?? written.with;
  }
  const onlineNow = await source.presence.onlineUsers();
  const online = people.filter((p) => !p.me && onlineNow.has(byHandle.get(p.handle)!)).map((p) => p.handle);
  const { latency, failureRate, offline } = source.network;
  const network = {
    ...(latency.meanMs === DEFAULT_LATENCY.meanMs && latency.jitterMs === DEFAULT_LATENCY.jitterMs ? {} : { latencyMs: latency.meanMs, jitterMs: latency.jitterMs }),
    ...(failureRate ? { failureRate } : {}),
  };
  const startsAt = new Date(now).toISOString();
  const file: ScenarioFile = {
    $schema: './scenario.schema.json',
    title: 'Exported scenario',
    description: `The simulation as ${meUser.displayName} saw it at ${startsAt.slice(0, 16).replace('T', ' ')} UTC, exported from the simulation panel.`,
    startsAt,
    people,
    conversations,
    ...(online.length ? { online } : {}),
    ...(open === undefined ? {} : { open }),
    ...(Object.keys(network).length ? { network } : {}),
    // Offline when exported: the file goes offline once the app has synced, so it still has something to show.
    ...(offline ? { onStart: [{ do: 'network' as const, offline: true }] } : {}),
  };
  const fileName = `scenario-${startsAt.slice(0, 16).replace(/[T:]/g, (c) => (c === 'T' ? '-' : ''))}.json`;
  return { fileName, text: `${JSON.stringify(file, null, 2)}\n`, file };
}

async function exportConversation(source: ExportSource, conversation: Conversation, handle: (id: UserId) => string, taken: Set<string>): Promise<FileConversation> {
  const { now, me } = source;
  const messages = (await allMessages(source.store, conversation.id)).filter((m) => !m.system);
  const repliedTo = new Set(messages.flatMap((m) => (m.replyToSeq === undefined ? [] : [m.replyToSeq])));
  const exported = new Set(messages.map((m) => m.seq));
  const fileMessages: FileMessage[] = messages.map((m) => {
    const reactions = m.reactions?.length ? Object.fromEntries(m.reactions.map((r) => [r.emoji, r.userIds.map(handle)])) : undefined;
    return {
      from: handle(m.senderId),
      body: m.deletedAt ? DELETED_BODY : m.body,
      minutesAgo: minutesBefore(now, m.createdAt),
      ...(repliedTo.has(m.seq) ? { label: `m${m.seq}` } : {}),
      ...(m.replyToSeq !== undefined && exported.has(m.replyToSeq) ? { replyTo: `m${m.replyToSeq}` } : {}),
      ...(reactions ? { reactions } : {}),
      ...(m.editedAt ? { edited: { minutesAgo: minutesBefore(now, m.editedAt) } } : {}),
      ...(m.deletedAt ? { deleted: { minutesAgo: minutesBefore(now, m.deletedAt) } } : {}),
    };
  });
  // How far each member got, as a count of the file's messages (a group's other entries are not in it).
  const countUpTo = (seq: number) => messages.filter((m) => m.seq <= seq).length;
  const read: NonNullable<FileConversation['read']> = {};
  for (const member of conversation.members) {
    const r = countUpTo(member.readSeq);
    const d = countUpTo(Math.max(member.readSeq, member.deliveredSeq));
    if (r === messages.length && d === messages.length) continue;
    // Not even a group's 'created' entry read: nothing at all.
    const readMark = conversation.group && member.readSeq === 0 ? { allBut: messages.length + 1 } : r;
    read[handle(member.userId)] = d === messages.length ? readMark : { read: readMark, delivered: d };
  }
  const oldest = messages[0] ? minutesBefore(now, messages[0].createdAt) : null;
  const created = minutesBefore(now, conversation.createdAt);
  const base = {
    ...(oldest !== null && created === oldest + 1 ? {} : { createdMinutesAgo: created }),
    messages: fileMessages,
    ...(Object.keys(read).length ? { read } : {}),
  };
  if (!conversation.group) {
    const peer = conversation.members.find((m) => m.userId !== me)?.userId;
    return { with: handle(peer ?? me), ...base };
  }
  const owner = conversation.members.find((m) => m.role === 'owner')?.userId ?? conversation.group.createdBy;
  // Someone who wrote here and has left is written as a member still: a file's messages come from members.
  const members = [...new Set([...conversation.members.map((m) => m.userId), ...messages.map((m) => m.senderId)])].filter((id) => id !== owner);
  return {
    label: labelFor(conversation.group.title, taken),
    group: { title: conversation.group.title, visibility: conversation.group.visibility, owner: handle(owner), members: members.map(handle) },
    ...base,
  };
}
