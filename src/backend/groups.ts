import { LIMITS } from '../protocol/limits';
import { receiptSplit } from '../protocol/rules/messageStatus';
import { ChatError } from '../transport/errors';
import type {
  ChannelListing,
  Conversation,
  ConversationMember,
  Message,
  MessageInfo,
  MessageReceipt,
  SystemEntry,
  UserId,
} from '../transport/types';
import type { GroupEdit, GroupEntry, NewGroup, ReceiptTime } from './store';

// The group rules, pure: who may do what to a group, what each operation
// changes, and what a store makes of it. ChatService calls the decisions
// inside the store's transaction (Store.editGroup), so they see the group as
// it is when the change is written.

/** What a decision asks for; the service adds the entry's id, time and words. */
export interface GroupPlan {
  system: SystemEntry;
  title?: string;
  add?: readonly UserId[];
  remove?: readonly UserId[];
  promote?: readonly UserId[];
}

/** A group as it is created: the creator its owner, everyone a founder (joinedSeq 0), its 'created' entry at seq 1. */
export function newGroupConversation(input: NewGroup): Conversation {
  const member = (userId: UserId, role: 'owner' | 'member'): ConversationMember => ({ userId, deliveredSeq: 0, readSeq: 0, role, joinedSeq: 0 });
  return {
    id: input.id,
    kind: 'group',
    members: [member(input.createdBy, 'owner'), ...input.memberIds.map((id) => member(id, 'member'))],
    createdAt: input.createdAt,
    lastSeq: 1,
    group: { title: input.title, visibility: input.visibility, createdBy: input.createdBy },
  };
}

/**
 * The group after `edit`, whose entry takes `seq`: new members join at it
 * (their markers just below it, so the history before them is neither unread
 * nor waiting on them), removed ones are gone, promoted ones own it.
 */
export function applyGroupEdit(group: Conversation, edit: GroupEdit, seq: number): Conversation {
  const removed = new Set(edit.remove ?? []);
  const promoted = new Set(edit.promote ?? []);
  const members = group.members
    .filter((m) => !removed.has(m.userId))
    .map((m) => (promoted.has(m.userId) ? { ...m, role: 'owner' as const } : { ...m }));
  for (const { userId, role } of edit.add ?? []) {
    members.push({ userId, deliveredSeq: seq - 1, readSeq: seq - 1, role, joinedSeq: seq });
  }
  return {
    ...group,
    members,
    lastSeq: seq,
    ...(group.group ? { group: { ...group.group, ...(edit.title === undefined ? {} : { title: edit.title }) } } : {}),
  };
}

function requireGroup(conversation: Conversation): void {
  if (conversation.kind !== 'group') throw new ChatError('INVALID_INPUT', 'That conversation is not a group.', { field: 'conversationId' });
}

function memberIn(group: Conversation, userId: UserId): ConversationMember | undefined {
  return group.members.find((m) => m.userId === userId);
}

function requireMember(group: Conversation, userId: UserId): ConversationMember {
  const member = memberIn(group, userId);
  if (!member) throw new ChatError('FORBIDDEN', 'You are not in that group.');
  return member;
}

function requireOwner(group: Conversation, userId: UserId, what: string): void {
  if (requireMember(group, userId).role !== 'owner') throw new ChatError('FORBIDDEN', `Only the group's owner can ${what}.`);
}

function requireRoom(group: Conversation, adding: number): void {
  if (group.members.length + adding > LIMITS.groupMembersMax) {
    throw new ChatError('INVALID_INPUT', `A group can have at most ${LIMITS.groupMembersMax} members.`, { field: 'userIds' });
  }
}

/** The others a new group starts with: without its creator, without repeats; at most 255. */
export function initialMembers(creator: UserId, memberIds: readonly UserId[]): UserId[] {
  const others = [...new Set(memberIds)].filter((id) => id !== creator);
  if (others.length + 1 > LIMITS.groupMembersMax) {
    throw new ChatError('INVALID_INPUT', `A group can have at most ${LIMITS.groupMembersMax} members.`, { field: 'memberIds' });
  }
  return others;
}

/** Any member adds people; those already in are skipped (null: nobody new). */
export function planAdd(group: Conversation, actor: UserId, userIds: readonly UserId[]): GroupPlan | null {
  requireGroup(group);
  requireMember(group, actor);
  const fresh = [...new Set(userIds)].filter((id) => !memberIn(group, id));
  if (fresh.length === 0) return null;
  requireRoom(group, fresh.length);
  return { system: { type: 'added', userIds: fresh }, add: fresh };
}

/** The owner removes someone else; someone already gone is nothing to do. */
export function planRemove(group: Conversation, actor: UserId, userId: UserId): GroupPlan | null {
  requireGroup(group);
  requireOwner(group, actor, 'remove people');
  if (userId === actor) throw new ChatError('INVALID_INPUT', 'To leave the group, use Leave.', { field: 'userId' });
  if (!memberIn(group, userId)) return null;
  return { system: { type: 'removed', userId }, remove: [userId] };
}

/**
 * Anyone leaves. The last owner to leave hands the group to the
 * longest-standing member: the lowest joinedSeq, then whoever came first in
 * the member list (the order they were added in).
 */
export function planLeave(group: Conversation, actor: UserId): GroupPlan | null {
  requireGroup(group);
  const me = memberIn(group, actor);
  if (!me) return null;
  const rest = group.members.filter((m) => m.userId !== actor);
  const heir = me.role === 'owner' && !rest.some((m) => m.role === 'owner') ? longestStanding(rest) : undefined;
  return {
    system: { type: 'left', newOwnerId: heir?.userId ?? null },
    remove: [actor],
    ...(heir ? { promote: [heir.userId] } : {}),
  };
}

export function longestStanding(members: readonly ConversationMember[]): ConversationMember | undefined {
  let best: ConversationMember | undefined;
  for (const m of members) if (!best || (m.joinedSeq ?? 0) < (best.joinedSeq ?? 0)) best = m;
  return best;
}

/** The owner renames; the same title again is nothing to do. */
export function planRename(group: Conversation, actor: UserId, title: string): GroupPlan | null {
  requireGroup(group);
  requireOwner(group, actor, 'rename it');
  if (group.group?.title === title) return null;
  return { system: { type: 'renamed', title }, title };
}

/** Anyone joins a public channel; a private group only by being added. Joining again is nothing to do. */
export function planJoin(group: Conversation, actor: UserId): GroupPlan | null {
  requireGroup(group);
  if (group.group?.visibility !== 'public') throw new ChatError('FORBIDDEN', 'That group is private: a member has to add you.');
  if (memberIn(group, actor)) return null;
  requireRoom(group, 1);
  return { system: { type: 'joined' }, add: [actor] };
}

/** Whom an entry names besides its actor: whose names its words need. */
export function namedIn(system: SystemEntry): UserId[] {
  switch (system.type) {
    case 'created':
      return system.memberIds;
    case 'added':
      return system.userIds;
    case 'removed':
      return [system.userId];
    case 'left':
      return system.newOwnerId ? [system.newOwnerId] : [];
    case 'joined':
    case 'renamed':
      return [];
  }
}

/** A title matches a search when it contains it, ignoring case and accents' absence. */
export function matchesChannelSearch(title: string, search: string | undefined): boolean {
  const wanted = fold(search ?? '');
  return wanted === '' || fold(title).includes(wanted);
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim();
}

/** Browse channels: public groups `userId` is not in, matching the search, newest activity first, at most `limit`. */
export function channelListings(
  groups: readonly { conversation: Conversation; lastActivityAt: string }[],
  userId: UserId,
  search: string | undefined,
  limit: number,
): ChannelListing[] {
  return groups
    .filter(({ conversation: c }) => c.group?.visibility === 'public' && !memberIn(c, userId) && matchesChannelSearch(c.group.title, search))
    .map(({ conversation: c, lastActivityAt }) => ({
      id: c.id,
      title: c.group!.title,
      memberCount: c.members.length,
      createdBy: c.group!.createdBy,
      createdAt: c.createdAt,
      lastActivityAt,
    }))
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || a.title.localeCompare(b.title))
    .slice(0, limit);
}

/** Message info: who has read the message and who has only received it, with when, from the markers and the receipt times. */
export function messageInfoOf(message: Pick<Message, 'conversationId' | 'seq' | 'senderId'>, members: readonly ConversationMember[], times: readonly ReceiptTime[]): MessageInfo {
  const split = receiptSplit(message, members);
  const when = (userId: UserId, kind: ReceiptTime['kind']): string | null => {
    let earliest: string | null = null;
    for (const t of times) if (t.userId === userId && t.kind === kind && t.at !== null && (earliest === null || t.at < earliest)) earliest = t.at;
    return earliest;
  };
  const receipts = (ids: UserId[], kind: ReceiptTime['kind']): MessageReceipt[] =>
    ids.map((userId) => ({ userId, at: when(userId, kind) })).sort((a, b) => (a.at ?? '\uffff').localeCompare(b.at ?? '\uffff'));
  return {
    conversationId: message.conversationId,
    seq: message.seq,
    read: receipts(split.read, 'read'),
    delivered: receipts(split.delivered, 'delivered'),
    pending: split.pending,
  };
}

/** The message a system entry is stored as, at `seq`. */
export function entryMessage(entry: GroupEntry, conversationId: string, seq: number): Message {
  return { ...entry, conversationId, seq, status: 'sent' };
}

/** The earliest receipt of each kind per member among `receipts` that reach `seq`. */
export function earliestReceipts(receipts: Iterable<{ userId: UserId; kind: ReceiptTime['kind']; uptoSeq: number; at: string | null }>, seq: number): ReceiptTime[] {
  const best = new Map<string, ReceiptTime>();
  for (const r of receipts) {
    if (r.uptoSeq < seq) continue;
    const key = `${r.userId}\u0000${r.kind}`;
    const known = best.get(key);
    if (!known || (r.at !== null && (known.at === null || r.at < known.at))) best.set(key, { userId: r.userId, kind: r.kind, at: r.at });
  }
  return [...best.values()];
}
