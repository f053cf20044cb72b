import type { ScenarioBuild } from './catalog';
import { demoCast, demoGroups, demoOnline, member } from './cast';
import { SMALL_TALK } from './content';
import type { ScenarioWriter, ScriptLine } from './scenarioWriter';

const DAY = 24 * 60;

/** Lines back and forth between two people, `count` of them spread over the minutes from `fromMinutesAgo` to `toMinutesAgo`. */
function daysBetween(w: ScenarioWriter, a: string, b: string, count: number, fromMinutesAgo: number, toMinutesAgo: number): ScriptLine[] {
  const step = (fromMinutesAgo - toMinutesAgo) / count;
  return Array.from({ length: count }, (_, i) => ({ from: w.random.chance(0.5) ? a : b, body: w.random.pick(SMALL_TALK), minutesAgo: Math.round(fromMinutesAgo - i * step) }));
}

/**
 * Maya quotes a checklist from a week and some 80 messages back (further than the first page: the
 * quote's jump loads it), replies both ways today, reactions on both sides; in #general a message
 * the team cheers (counts, mine among them) and one with eight different emoji.
 */
export async function buildRepliesAndReactions(w: ScenarioWriter): Promise<ScenarioBuild> {
  const cast = await demoCast(w);
  const me = cast.me.id;
  const [maya, leo, priya, aiko, sam, ines, jonas] = ['maya', 'leo', 'priya', 'aiko', 'sam', 'ines', 'jonas'].map((u) => member(cast, u).id) as [string, string, string, string, string, string, string];
  const groups = await demoGroups(w, cast);

  const lines: ScriptLine[] = [
    { from: maya, body: 'Launch checklist, v1: copy freeze Monday, QA Tuesday, store screenshots Wednesday 📝', minutesAgo: 7 * DAY },
    { from: me, body: 'Looks right. I will take the screenshots.', minutesAgo: 7 * DAY - 6 },
    ...daysBetween(w, me, maya, 80, 7 * DAY - 30, 2 * 60),
  ];
  const checklist = 1;
  const today = lines.length;
  lines.push(
    { from: maya, body: 'Is this still the plan? I think the copy freeze moved.', minutesAgo: 42, replyTo: checklist },
    { from: me, body: 'It moved to Tuesday, QA is Wednesday now.', minutesAgo: 40, replyTo: today + 1 },
    { from: maya, body: 'Perfect. Can you send me the latest deck?', minutesAgo: 25 },
    { from: me, body: 'Here it is: violet-launch-v7.pdf 📎', minutesAgo: 23, replyTo: today + 3 },
    { from: maya, body: 'Thank you! The new cover is lovely 💜', minutesAgo: 6 },
  );
  const { conversation } = await w.store.getOrCreateDirect({ id: w.id(), memberIds: [me, maya], createdAt: w.at(7 * DAY + 1) });
  await w.lines(conversation.id, lines);
  await w.react(conversation.id, checklist, [[me, '👍'], [maya, '👍']]);
  await w.react(conversation.id, today + 2, [[maya, '🙏']]);
  await w.react(conversation.id, today + 4, [[maya, '👍'], [maya, '🎉']]);
  await w.react(conversation.id, today + 5, [[me, '❤️']]);
  await w.marker(conversation.id, me, { read: lines.length });
  await w.marker(conversation.id, maya, { read: lines.length });

  const general = groups.get('general')!;
  const cheered = (await w.store.getConversation(general))!.lastSeq;
  await w.lines(general, [
    { from: leo, body: 'The beta build is live for everyone 🚀', minutesAgo: 12 },
    { from: priya, body: 'Friday demo: who brings snacks?', minutesAgo: 9 },
  ]);
  await w.react(general, cheered + 1, [[priya, '🎉'], [aiko, '🎉'], [me, '🎉'], [sam, '🎉'], [ines, '👍'], [jonas, '👍'], [maya, '❤️']]);
  await w.react(general, cheered + 2, ['😂', '👀', '🔥', '💯', '🙌', '🍩', '✨', '☕'].map((emoji, i) => [[leo, aiko, sam, ines, jonas, maya, me, priya][i]!, emoji] as const));
  await w.marker(general, me, { read: cheered + 2 });

  await demoOnline(w, cast);
  return { session: await w.session(cast.me), open: conversation.id };
}

/**
 * Edited messages (Maya's and mine, "edited" with the time), deleted ones (hers and mine: tombstones,
 * no words left), my reply to the message Maya deleted ("Original message was deleted"), a reaction.
 */
export async function buildEditedAndDeleted(w: ScenarioWriter): Promise<ScenarioBuild> {
  const cast = await demoCast(w);
  const me = cast.me.id;
  const maya = member(cast, 'maya').id;
  const lines: ScriptLine[] = [
    { from: maya, body: 'Standup moves to 9:30 tomorrow.', minutesAgo: 180 },
    { from: me, body: 'Works for me.', minutesAgo: 178 },
    { from: maya, body: 'Also: the client call is cancelled 🙃', minutesAgo: 150 },
    { from: me, body: 'Wait, which call?', minutesAgo: 147, replyTo: 3 },
    { from: maya, body: 'Never mind, wrong chat! Sorry 😅', minutesAgo: 146 },
    { from: me, body: 'Sending the recap in a sec, the numbers are in', minutesAgo: 60 },
    { from: me, body: 'oops, wrong link', minutesAgo: 30 },
    { from: me, body: 'Recap: https://example.com/recap-q1', minutesAgo: 28 },
    { from: maya, body: 'Thanks! Reading it now.', minutesAgo: 10 },
  ];
  const id = await w.conversation(me, maya, lines);
  await w.edit(id, 1, maya, 'Standup moves to 10:00 tomorrow (room 4B).', 170);
  await w.remove(id, 3, maya, 148);
  await w.edit(id, 6, me, 'Sending the recap in a sec, the numbers are final', 58);
  await w.remove(id, 7, me, 29);
  await w.react(id, 9, [[me, '👍']]);
  await w.marker(id, me, { read: lines.length });
  await w.marker(id, maya, { read: lines.length });
  await demoOnline(w, cast);
  return { session: await w.session(cast.me), open: id };
}
