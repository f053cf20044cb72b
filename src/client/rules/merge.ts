import type { Conversation, ConversationMember, Message, UserId } from '../../transport';
import type { ConversationRow, MessageRow } from '../db/clientDb';
import { statusFromMarkers } from '../../protocol/rules/messageStatus';
import { advanceStatus } from './status';

/**
 * The row a stored message becomes, whatever the row was before: my pending
 * row turns into the same row acknowledged, a replayed or reordered report
 * never moves the status back, and of two states of an edited, deleted or
 * reacted-to message the one with the higher updateRev stays (a message
 * never revised counts 0), so a late answer or event never undoes a newer
 * one, and any order of the same reports leaves the same row.
 */
export function mergeMessage(existing: MessageRow | undefined, message: Message, members: readonly ConversationMember[]): MessageRow {
  const before = existing?.status ?? 'sent';
  const status = advanceStatus(advanceStatus(before, message.status), statusFromMarkers(message, members));
  const revised = existing && (existing.updateRev ?? 0) > (message.updateRev ?? 0) ? existing : message;
  const replyToSeq = message.replyToSeq ?? existing?.replyToSeq;
  return {
    senderId: message.senderId,
    clientId: message.clientId,
    id: message.id,
    conversationId: message.conversationId,
    // A deleted message keeps no body on this device either.
    body: revised.deletedAt ? '' : revised.body,
    createdAt: message.createdAt,
    seq: message.seq,
    sortKey: message.seq,
    status,
    error: null,
    ...(message.system ? { system: message.system } : {}),
    ...(replyToSeq !== undefined ? { replyToSeq } : {}),
    ...(revised.editedAt ? { editedAt: revised.editedAt } : {}),
    ...(revised.deletedAt ? { deletedAt: revised.deletedAt } : {}),
    ...(revised.reactions && revised.reactions.length > 0 ? { reactions: revised.reactions } : {}),
    ...(revised.updateRev ? { updateRev: revised.updateRev } : {}),
    ...(existing?.actionError ? { actionError: existing.actionError } : {}),
  };
}

/** Markers only move forward: the higher of what this device knew and what it was just told. */
export function mergeMembers(known: readonly ConversationMember[], incoming: readonly ConversationMember[]): ConversationMember[] {
  const byId = new Map(known.map((m) => [m.userId, { ...m }]));
  for (const m of incoming) {
    const current = byId.get(m.userId);
    byId.set(
      m.userId,
      current
        ? { ...current, ...m, deliveredSeq: Math.max(current.deliveredSeq, m.deliveredSeq), readSeq: Math.max(current.readSeq, m.readSeq) }
        : { ...m },
    );
  }
  return [...byId.values()];
}

/**
 * A group's members as `incoming` has them (someone removed is gone, a role or
 * joinedSeq as it now is), with each marker the higher of the two.
 */
export function replaceMembers(known: readonly ConversationMember[], incoming: readonly ConversationMember[]): ConversationMember[] {
  const ids = new Set(incoming.map((m) => m.userId));
  return mergeMembers(
    known.filter((m) => ids.has(m.userId)),
    incoming,
  );
}

/**
 * The row after a conversation change. A direct conversation's members only
 * gain markers; a group's members and title are replaced by a change at least
 * as new as the one the row holds (`rev`; 0 for an answer or a summary, which
 * are current when fetched), so a late change never brings back someone who
 * left. A group I am no longer in has nothing unread: I cannot read it further.
 */
export function mergeConversation(existing: ConversationRow | undefined, incoming: Conversation, rev = 0, me?: UserId): ConversationRow {
  const lastSeq = Math.max(existing?.lastSeq ?? 0, incoming.lastSeq);
  const row: ConversationRow = {
    id: incoming.id,
    kind: incoming.kind,
    members: mergeMembers(existing?.members ?? [], incoming.members),
    createdAt: incoming.createdAt,
    lastSeq,
    localReadSeq: existing?.localReadSeq ?? 0,
    localDeliveredSeq: existing?.localDeliveredSeq ?? 0,
    ...(existing?.summary ? { summary: existing.summary } : {}),
    ...(existing?.pendingEdit ? { pendingEdit: existing.pendingEdit } : {}),
  };
  if (incoming.kind !== 'group') return row;
  const heldRev = existing?.groupRev ?? 0;
  const newer = existing?.members.length === 0 || !existing?.group || rev === 0 || rev >= heldRev;
  if (newer) {
    row.members = replaceMembers(existing?.members ?? [], incoming.members);
    if (incoming.group) row.group = { ...incoming.group };
    row.groupRev = Math.max(heldRev, rev);
  } else {
    row.members = mergeMembers(existing.members, incoming.members.filter((m) => existing.members.some((k) => k.userId === m.userId)));
    row.group = existing.group;
    row.groupRev = heldRev;
  }
  if (me !== undefined && !row.members.some((m) => m.userId === me)) {
    // Keep where I was, and let the entry that took me out (at lastSeq) count as read.
    row.localReadSeq = Math.max(row.localReadSeq, memberMarker(existing ?? row, me).readSeq, lastSeq);
    row.localDeliveredSeq = Math.max(row.localDeliveredSeq, row.localReadSeq);
  }
  return row;
}

/** Whether I am in the conversation now (a group I left or was removed from keeps its history, without me). */
export function isMember(row: Pick<Conversation, 'members'>, userId: UserId): boolean {
  return row.members.some((m) => m.userId === userId);
}

/** A conversation known only from a message: filled in by the next conversations() refresh. */
export function stubConversation(id: string, createdAt: string): ConversationRow {
  return { id, kind: 'direct', members: [], createdAt, lastSeq: 0, localReadSeq: 0, localDeliveredSeq: 0 };
}

export function memberMarker(row: Pick<Conversation, 'members'>, userId: UserId): ConversationMember {
  return row.members.find((m) => m.userId === userId) ?? { userId, deliveredSeq: 0, readSeq: 0 };
}
