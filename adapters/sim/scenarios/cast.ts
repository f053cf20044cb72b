import type { UserRecord } from '../../../src/backend/store';
import type { ConversationId } from '../../../src/transport';
import { writeDemoGroup } from '../demoGroups';
import { DEMO_ACCOUNT, DEMO_CONVERSATIONS, DEMO_GROUPS, DEMO_TEAM, LAST_SEEN_MINUTES_AGO } from '../demoTeam';
import type { ScenarioWriter, ScriptLine } from './scenarioWriter';

/** Who a scenario starts with: the demo account and the simulated team. */
export interface Cast {
  me: UserRecord;
  /** The demo team by username (maya, leo, priya, ...). */
  team: ReadonlyMap<string, UserRecord>;
}

export async function demoCast(w: ScenarioWriter): Promise<Cast> {
  const { password: _password, email: _email, ...account } = DEMO_ACCOUNT;
  const me = await w.person({ ...account, lastSeenMinutesAgo: 60, canSignIn: true });
  const team = new Map<string, UserRecord>();
  for (const t of DEMO_TEAM) {
    team.set(t.username, await w.person({ username: t.username, displayName: t.displayName, avatarColor: t.avatarColor, lastSeenMinutesAgo: LAST_SEEN_MINUTES_AGO[t.username] ?? null }));
  }
  return { me, team };
}

export function member(cast: Cast, username: string): UserRecord {
  const user = cast.team.get(username);
  if (!user) throw new Error(`No "${username}" in the scenario's cast.`);
  return user;
}

/**
 * The demo account's five conversations, as the normal demo seeds them
 * (unread from Maya and Priya, every tick state), or with everything read
 * both ways. Resolves the conversation ids by teammate username.
 */
export async function demoConversations(w: ScenarioWriter, cast: Cast, options: { allRead?: boolean } = {}): Promise<Map<string, ConversationId>> {
  const ids = new Map<string, ConversationId>();
  for (const script of DEMO_CONVERSATIONS) {
    const them = member(cast, script.with);
    const lines: ScriptLine[] = script.messages.map(([minutesAgo, from, body]) => ({ minutesAgo, body, from: from === 'me' ? cast.me.id : them.id }));
    const id = await w.conversation(cast.me.id, them.id, lines);
    const last = lines.length;
    const theirLast = lines.findLastIndex((l) => l.from === them.id) + 1;
    const unread = options.allRead ? 0 : script.unread;
    const theirs = options.allRead ? 'read' : script.theirs;
    await w.marker(id, cast.me.id, { read: last - unread, delivered: last });
    await w.marker(id, them.id, { read: theirs === 'read' ? last : theirLast, delivered: theirs === 'sent' ? theirLast : last });
    ids.set(script.with, id);
  }
  return ids;
}

/** The demo team's groups (#general, Design crit, Launch) as the demo seeds them, their ids by title. */
export async function demoGroups(w: ScenarioWriter, cast: Cast): Promise<Map<string, ConversationId>> {
  const people = new Map<string, UserRecord>([['me', cast.me], ...cast.team]);
  const ids = new Map<string, ConversationId>();
  for (const group of DEMO_GROUPS) ids.set(group.title, await writeDemoGroup(w, group, people));
  return ids;
}

/** Who is online in the demo scenarios: the same few every time. */
const ONLINE_IN_DEMO = ['maya', 'priya', 'aiko'] as const;

export async function demoOnline(w: ScenarioWriter, cast: Cast): Promise<void> {
  await w.online(ONLINE_IN_DEMO.map((username) => member(cast, username).id));
}

