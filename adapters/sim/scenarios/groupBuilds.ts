import { describeSystemEntry } from '../../../src/protocol/rules/systemEntry';
import type { UserRecord } from '../../../src/backend/store';
import type { ConversationId, GroupVisibility, SystemEntry, UserId } from '../../../src/transport';
import { demoCast, demoConversations, demoOnline, member, type Cast } from './cast';
import { EXTRA_TEAMMATES, SMALL_TALK } from './content';
import type { ScenarioBuild } from './catalog';
import type { ScenarioWriter, ScriptLine } from './scenarioWriter';

// How the group scenarios (groups.ts) are built: loaded when one of them is opened, so their scripts
// stay out of the sim's first load.

/**
 * A group made by `owner` `minutesAgo` before now with `members` (the others)
 * in it, its 'created' entry first (in the backend's words), then its script's messages.
 */
async function group(
  w: ScenarioWriter,
  owner: UserRecord,
  fields: { title: string; visibility: GroupVisibility; members: readonly UserRecord[]; minutesAgo: number },
  lines: readonly ScriptLine[] = [],
): Promise<ConversationId> {
  const createdAt = w.at(fields.minutesAgo);
  const system: SystemEntry = { type: 'created', title: fields.title, memberIds: fields.members.map((m) => m.id) };
  const names = new Map([owner, ...fields.members].map((u) => [u.id, u.displayName]));
  const { conversation } = await w.backend.store.createGroup({
    id: w.id(),
    clientId: w.id(),
    title: fields.title,
    visibility: fields.visibility,
    createdBy: owner.id,
    memberIds: system.memberIds,
    createdAt,
    entry: {
      id: w.id(),
      senderId: owner.id,
      clientId: `system:${w.id()}`,
      body: describeSystemEntry(system, owner.id, { nameOf: (id) => names.get(id) ?? 'Someone' }),
      createdAt,
      system,
    },
  });
  await w.lines(conversation.id, lines);
  return conversation.id;
}

/** Someone starts typing in a conversation (it lasts the scenario's typing TTL). */
function typing(w: ScenarioWriter, userId: UserId, conversationId: ConversationId): Promise<void> {
  return w.backend.service.setTyping(userId, { conversationId, typing: true });
}

type Line = readonly [minutesAgo: number, from: string, body: string];

/** A script by username ('me' for the demo account). */
function script(cast: Cast, lines: readonly Line[]): ScriptLine[] {
  return lines.map(([minutesAgo, from, body]) => ({ minutesAgo, body, from: from === 'me' ? cast.me.id : member(cast, from).id }));
}

const GENERAL: readonly Line[] = [
  [180, 'maya', 'Morning all ☀️ standup notes are in the doc'],
  [176, 'jonas', 'Thanks! Deploy window is 3 pm today'],
  [171, 'me', 'I will keep an eye on the dashboards'],
  [95, 'priya', 'Lunch order closes in 10 minutes 🍜'],
  [93, 'sam', 'Count me in'],
  [92, 'aiko', 'Same here'],
  [31, 'ines', 'Reminder: retro moved to Friday'],
  [12, 'leo', 'Who has the projector adapter?'],
  [9, 'maya', 'It is in the drawer by the window'],
  [4, 'leo', 'Found it, thanks!'],
];

const DESIGN: readonly Line[] = [
  [300, 'maya', 'New empty-state illustrations are up for review'],
  [290, 'aiko', 'Love the violet gradient on the onboarding one'],
  [280, 'leo', 'Can we try a version without the border?'],
  [60, 'maya', 'Updated: borderless variant in the second frame'],
  [20, 'me', 'Both read well. Let us ship the borderless one'],
];

const LAUNCH: readonly Line[] = [
  [400, 'priya', 'Launch checklist is pinned in the doc 🚀'],
  [380, 'sam', 'Press kit is ready'],
  [120, 'jonas', 'Status page is green, release notes drafted'],
  [45, 'me', 'Marketing site copy approved'],
];

async function demoGroups(w: ScenarioWriter, cast: Cast) {
  const team = [...cast.team.values()];
  const general = await group(w, member(cast, 'maya'), { title: 'general', visibility: 'public', members: [cast.me, ...team.filter((t) => t.username !== 'maya')], minutesAgo: 60 * 24 * 30 }, script(cast, GENERAL));
  const design = await group(w, cast.me, { title: 'Design crit', visibility: 'private', members: ['maya', 'leo', 'aiko'].map((u) => member(cast, u)), minutesAgo: 60 * 24 * 7 }, script(cast, DESIGN));
  const launch = await group(w, member(cast, 'priya'), { title: 'Launch', visibility: 'public', members: [cast.me, ...['sam', 'jonas'].map((u) => member(cast, u))], minutesAgo: 60 * 24 * 3 }, script(cast, LAUNCH));
  // #general: three unread; everyone else has read it all. Design crit: my last message read by Maya and Leo, not yet by Aiko.
  const generalSeq = GENERAL.length + 1;
  await w.marker(general, cast.me.id, { read: generalSeq - 3, delivered: generalSeq });
  for (const t of team) await w.marker(general, t.id, { read: generalSeq });
  const designSeq = DESIGN.length + 1;
  await w.marker(design, cast.me.id, { read: designSeq });
  for (const u of ['maya', 'leo']) await w.marker(design, member(cast, u).id, { read: designSeq });
  await w.marker(design, member(cast, 'aiko').id, { read: designSeq - 1, delivered: designSeq });
  const launchSeq = LAUNCH.length + 1;
  for (const u of ['priya', 'sam', 'jonas']) await w.marker(launch, member(cast, u).id, { read: launchSeq });
  await w.marker(launch, cast.me.id, { read: launchSeq });
  return { general, design, launch };
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
  const { general } = await demoGroups(w, cast);
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
