import { createGroupAs } from '../demoGroups';
import type { UserRecord } from '../../../src/backend/store';
import type { ConversationId, GroupVisibility, UserId } from '../../../src/transport';
import { demoCast, demoConversations, demoGroups, demoOnline, member, type Cast } from './cast';
import { EXTRA_TEAMMATES, SMALL_TALK } from './content';
import type { ScenarioBuild } from './catalog';
import type { ScenarioWriter, ScriptLine } from './scenarioWriter';

// How the group scenarios (groups.ts) are built: loaded when one of them is opened, so their scripts
// stay out of the sim's first load.

/** A group made by `owner` `minutesAgo` before now with `members` (the others) in it, then its script's messages. */
async function group(
  w: ScenarioWriter,
  owner: UserRecord,
  fields: { title: string; visibility: GroupVisibility; members: readonly UserRecord[]; minutesAgo: number },
  lines: readonly ScriptLine[] = [],
): Promise<ConversationId> {
  const { minutesAgo, ...rest } = fields;
  const id = await createGroupAs(w, owner, { ...rest, createdAt: w.at(minutesAgo) });
  await w.lines(id, lines);
  return id;
}

/** Someone starts typing in a conversation (it lasts the scenario's typing TTL). */
function typing(w: ScenarioWriter, userId: UserId, conversationId: ConversationId): Promise<void> {
  return w.backend.service.setTyping(userId, { conversationId, typing: true });
}

/** The rest of a 200-person company: the team, the extra teammates, and generated colleagues. */
async function company(w: ScenarioWriter, cast: Cast, size: number): Promise<UserRecord[]> {
  const people: UserRecord[] = [...cast.team.values()];
  for (const [username, displayName, avatarColor] of EXTRA_TEAMMATES) people.push(await w.person({ username, displayName, avatarColor, lastSeenMinutesAgo: 30 }));
  const colors = ['#6d28d9', '#0e7490', '#b91c1c', '#15803d', '#a16207', '#1d4ed8', '#be123c', '#4d7c0f'];
  for (let i = people.length + 1; people.length < size - 1; i++) {
    people.push(await w.person({ username: `colleague${i}`, displayName: `Colleague ${String(i).padStart(3, '0')}`, avatarColor: colors[i % colors.length]!, lastSeenMinutesAgo: 60 + i }));
  }
  return people;
}


export async function buildGroupChat(w: ScenarioWriter): Promise<ScenarioBuild> {
  const cast = await demoCast(w);
  await demoConversations(w, cast);
  const general = (await demoGroups(w, cast)).get('general')!;
  await demoOnline(w, cast);
  return {
    session: await w.session(cast.me),
    open: general,
    whenOnline: async () => {
      await typing(w, member(cast, 'maya').id, general);
      await typing(w, member(cast, 'leo').id, general);
    },
  };
}

export async function buildBigGroup(w: ScenarioWriter): Promise<ScenarioBuild> {
  const cast = await demoCast(w);
  const people = await company(w, cast, 200);
  const lines: ScriptLine[] = [
    { minutesAgo: 90, from: member(cast, 'maya').id, body: 'Welcome to all hands 👋 agenda in the doc' },
    { minutesAgo: 70, from: people[12]!.id, body: w.random.pick(SMALL_TALK) },
    { minutesAgo: 50, from: member(cast, 'jonas').id, body: 'Q&A link is in the invite' },
    { minutesAgo: 10, from: cast.me.id, body: 'Reminder: all hands starts in 20 minutes in the big room 🎤' },
  ];
  const id = await group(w, cast.me, { title: 'All hands', visibility: 'private', members: people, minutesAgo: 60 * 24 * 60 }, lines);
  const last = lines.length + 1;
  await w.marker(id, cast.me.id, { read: last });
  // 120 have read it, 60 have it and not yet read it, the rest do not have it yet.
  for (const [index, person] of people.entries()) {
    if (index < 120) await w.marker(id, person.id, { read: last });
    else if (index < 180) await w.marker(id, person.id, { read: last - 1, delivered: last });
    else await w.marker(id, person.id, { read: last - 1 });
  }
  await w.online(people.slice(0, 40).map((p) => p.id));
  // Opens with Message info on my announcement (the group's entry is seq 1, then the lines).
  return { session: await w.session(cast.me), open: id, info: last };
}

export async function buildChannels(w: ScenarioWriter): Promise<ScenarioBuild> {
  const cast = await demoCast(w);
  await demoConversations(w, cast);
  await demoGroups(w, cast);
  const others = (usernames: string[]) => usernames.map((u) => member(cast, u));
  await group(w, member(cast, 'leo'), { title: 'design-reviews', visibility: 'public', members: others(['maya', 'aiko']), minutesAgo: 600 }, [
    { minutesAgo: 30, from: member(cast, 'aiko').id, body: 'Review at 4?' },
  ]);
  await group(w, member(cast, 'sam'), { title: 'random', visibility: 'public', members: others(['priya', 'ines', 'jonas', 'leo']), minutesAgo: 900 }, [
    { minutesAgo: 15, from: member(cast, 'ines').id, body: 'Cake in the kitchen 🎂' },
  ]);
  await group(w, member(cast, 'jonas'), { title: 'support-escalations', visibility: 'public', members: others(['priya']), minutesAgo: 2000 }, [
    { minutesAgo: 300, from: member(cast, 'priya').id, body: 'Quiet day so far' },
  ]);
  await group(w, member(cast, 'aiko'), { title: 'Offsite planning', visibility: 'private', members: others(['maya']), minutesAgo: 800 });
  await demoOnline(w, cast);
  return { session: await w.session(cast.me), open: null };
}
