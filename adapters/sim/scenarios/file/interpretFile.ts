import type { UserRecord } from '../../../../src/backend/store';
import type { ConversationId } from '../../../../src/transport';
import { createGroupAs } from '../../demoGroups';
import type { ScenarioBuild, ScenarioDefinition } from '../catalog';
import type { ScenarioWriter } from '../scenarioWriter';
import { DEFAULT_STARTS_AT, type ScenarioFile } from './scenarioFile';

/**
 * A checked scenario file (parseScenarioFile) as a scenario definition: its
 * build writes the people, conversations and groups through the ScenarioWriter
 * and createGroupAs, and the messages' reactions, edits and deletions through
 * the backend's own rules (planReaction, planEdit, planDelete).
 */
export function fileScenario(name: string, file: ScenarioFile): ScenarioDefinition {
  return {
    name,
    startsAt: file.startsAt ?? DEFAULT_STARTS_AT,
    network: file.network && {
      ...(file.network.latencyMs === undefined ? {} : { latency: { meanMs: file.network.latencyMs, jitterMs: 0 } }),
      ...(file.network.offline === undefined ? {} : { offline: file.network.offline }),
    },
    build: (w) => buildFile(w, file),
  };
}

async function buildFile(w: ScenarioWriter, file: ScenarioFile): Promise<ScenarioBuild> {
  const people = new Map<string, UserRecord>();
  for (const p of file.people) {
    people.set(p.handle, await w.person({ username: p.handle, displayName: p.displayName, avatarColor: p.avatarColor, lastSeenMinutesAgo: p.lastSeenMinutesAgo ?? null, canSignIn: p.me === true }));
  }
  const person = (handle: string): UserRecord => people.get(handle)!;
  const me = person(file.people.find((p) => p.me)!.handle);
  const byLabel = new Map<string, ConversationId>();
  const byPeer = new Map<string, ConversationId>();
  for (const c of file.conversations) {
    const oldest = Math.max(0, ...c.messages.map((m) => m.minutesAgo));
    let id: ConversationId;
    let members: UserRecord[];
    /** The created entry is a group's seq 1: its messages follow. */
    let offset: number;
    if (c.group) {
      const owner = person(c.group.owner);
      members = [owner, ...c.group.members.map(person).filter((u) => u.id !== owner.id)];
      id = await createGroupAs(w, owner, { title: c.group.title, visibility: c.group.visibility, members: members.slice(1), createdAt: w.at(oldest + 1) });
      offset = 1;
    } else {
      const peer = person(c.with!);
      members = [me, peer];
      id = await w.conversation(me.id, peer.id, []);
      byPeer.set(c.with!, id);
      offset = 0;
    }
    if (c.label !== undefined) byLabel.set(c.label, id);
    const seqOf = new Map<string, number>();
    c.messages.forEach((m, i) => m.label !== undefined && seqOf.set(m.label, offset + i + 1));
    await w.lines(
      id,
      c.messages.map((m) => ({ from: person(m.from).id, body: m.body, minutesAgo: m.minutesAgo, ...(m.replyTo === undefined ? {} : { replyTo: seqOf.get(m.replyTo)! }) })),
    );
    for (const [i, m] of c.messages.entries()) {
      const seq = offset + i + 1;
      const reactions = Object.entries(m.reactions ?? {}).flatMap(([emoji, who]) => who.map((h) => [person(h).id, emoji] as const));
      if (reactions.length) await w.react(id, seq, reactions);
      if (m.edited) await w.edit(id, seq, person(m.from).id, m.edited.body, m.edited.minutesAgo);
      if (m.deleted) await w.remove(id, seq, person(m.from).id, m.deleted.minutesAgo);
    }
    const last = offset + c.messages.length;
    for (const member of members) {
      const mark = c.read?.[member.username] ?? 'all';
      if (last > 0) await w.marker(id, member.id, { read: mark === 'all' ? last : Math.min(last, offset + mark), delivered: last });
    }
  }
  await w.online((file.online ?? []).map((h) => person(h).id));
  const open = file.open === undefined ? null : (byLabel.get(file.open) ?? byPeer.get(file.open) ?? null);
  return { session: await w.session(me), open };
}
