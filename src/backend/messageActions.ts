import { notTheAuthor, messageDeleted, pastReactionLimit, systemEntryFixed, toggledReaction, tooManyReactions } from '../protocol/rules/messageActions';
import { ChatError } from '../transport/errors';
import type { Message, UserId } from '../transport/types';
import type { MessageRevision } from './store';

// The rules of edit, delete and react, pure: each sees the message as the store
// holds it (inside the store's transaction) and answers its next state, null
// when nothing changes, or throws the refusal. ChatService passes them to
// Store.reviseMessage; a test table covers each.

export function messageNotFound(): ChatError {
  return new ChatError('NOT_FOUND', 'That message does not exist.', { field: 'seq' });
}

/** The message's revisable state as it is now. */
export function revisionOf(message: Message): MessageRevision {
  return {
    body: message.body,
    editedAt: message.editedAt ?? null,
    deletedAt: message.deletedAt ?? null,
    reactions: message.reactions ?? [],
  };
}

function authorOnly(message: Message, userId: UserId, what: 'edit' | 'delete'): void {
  if (message.system) throw systemEntryFixed();
  if (message.senderId !== userId) throw notTheAuthor(what);
}

/** The author gives it a new body; the same body changes nothing (no "edited" for a no-op). */
export function planEdit(message: Message, userId: UserId, body: string, at: string): MessageRevision | null {
  authorOnly(message, userId, 'edit');
  if (message.deletedAt) throw messageDeleted();
  if (message.body === body) return null;
  return { ...revisionOf(message), body, editedAt: at };
}

/** The author takes it back: the body and the reactions go, a tombstone stays. Deleting again changes nothing. */
export function planDelete(message: Message, userId: UserId, at: string): MessageRevision | null {
  authorOnly(message, userId, 'delete');
  if (message.deletedAt) return null;
  return { body: '', editedAt: message.editedAt ?? null, deletedAt: at, reactions: [] };
}

/**
 * Adds (on) or takes back my emoji: one per person and emoji, so adding twice
 * or taking back what is not there changes nothing; at most
 * LIMITS.reactionsPerMessageMax distinct emoji (a person may still add
 * themselves to one already there).
 */
export function planReaction(message: Message, userId: UserId, emoji: string, on: boolean): MessageRevision | null {
  if (message.system) throw systemEntryFixed();
  if (message.deletedAt) throw messageDeleted();
  const reactions = message.reactions ?? [];
  const mine = reactions.find((r) => r.emoji === emoji)?.userIds.includes(userId) ?? false;
  if (mine === on) return null;
  if (on && pastReactionLimit(reactions, emoji)) throw tooManyReactions();
  const next = toggledReaction(reactions, userId, emoji, on);
  return { ...revisionOf(message), reactions: next };
}

/** Writes a revision over a message as stored (absent fields for none, as a message never revised has them). */
export function applyRevision(message: Message, revision: MessageRevision): void {
  message.body = revision.body;
  if (revision.editedAt) message.editedAt = revision.editedAt;
  else delete message.editedAt;
  if (revision.deletedAt) message.deletedAt = revision.deletedAt;
  else delete message.deletedAt;
  if (revision.reactions.length > 0) message.reactions = structuredClone(revision.reactions);
  else delete message.reactions;
}
