import { describeSystemEntry } from '../../src/protocol/rules/systemEntry';
import type { UserRecord } from '../../src/backend/store';
import type { DexieStore } from '../../src/backend/stores/dexieStore';
import type { ConversationId, GroupVisibility, SystemEntry } from '../../src/transport';
import { demoGroupTeammates, type DemoGroup } from './demoTeam';

/** Where a demo group is written: the first run's seed, or a scenario's build (with its seeded ids and clock). */
export interface GroupTarget {
  store: DexieStore;
  at(minutesAgo: number): string;
  id(): string;
}

/**
 * Writes one of the demo team's groups as the backend would have: the 'created' entry (seq 1, in the
 * backend's words), its messages, and how far everyone read. `people` holds every username, 'me' the demo account.
 */
export async function writeDemoGroup(target: GroupTarget, group: DemoGroup, people: ReadonlyMap<string, UserRecord>): Promise<ConversationId> {
  const person = (username: string): UserRecord => {
    const user = people.get(username);
    if (!user) throw new Error(`The demo group "${group.title}" names "${username}", who is not in the team.`);
    return user;
  };
  const owner = person(group.owner);
  const teammates = demoGroupTeammates(group).map(person);
  const others = [person('me'), ...teammates].filter((u) => u.id !== owner.id);
  const id = await createGroupAs(target, owner, { title: group.title, visibility: group.visibility, members: others, createdAt: target.at(group.createdMinutesAgo) });
  await target.store.appendMessagesInBulk(
    group.messages.map(([minutesAgo, from, body]) => ({
      id: target.id(),
      conversationId: id,
      senderId: person(from).id,
      clientId: target.id(),
      body,
      createdAt: target.at(minutesAgo),
    })),
  );
  // The 'created' entry is seq 1, the messages follow.
  const last = group.messages.length + 1;
  const marked = target.at(0);
  const mark = async (user: UserRecord, read: number) => {
    await target.store.advanceMarker(id, user.id, 'delivered', last, marked);
    await target.store.advanceMarker(id, user.id, 'read', read, marked);
  };
  await mark(person('me'), last - group.unread);
  for (const teammate of teammates) await mark(teammate, group.notYetRead?.includes(teammate.username) ? last - 1 : last);
  return id;
}

/** A group made by `owner` with `members` (the others) in it, its 'created' entry first, in the backend's words. */
export async function createGroupAs(
  target: GroupTarget,
  owner: UserRecord,
  fields: { title: string; visibility: GroupVisibility; members: readonly UserRecord[]; createdAt: string },
): Promise<ConversationId> {
  const system: SystemEntry = { type: 'created', title: fields.title, memberIds: fields.members.map((m) => m.id) };
  const names = new Map([owner, ...fields.members].map((u) => [u.id, u.displayName]));
  const { conversation } = await target.store.createGroup({
    id: target.id(),
    clientId: target.id(),
    title: fields.title,
    visibility: fields.visibility,
    createdBy: owner.id,
    memberIds: system.memberIds,
    createdAt: fields.createdAt,
    entry: {
      id: target.id(),
      senderId: owner.id,
      clientId: `system:${target.id()}`,
      body: describeSystemEntry(system, owner.id, { nameOf: (id) => names.get(id) ?? 'Someone' }),
      createdAt: fields.createdAt,
      system,
    },
  });
  return conversation.id;
}
