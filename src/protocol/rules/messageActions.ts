import { ChatError } from '../../transport/errors';
import type { Reaction, UserId } from '../../transport/types';
import { LIMITS } from '../limits';

// The parts of edit, delete and react that the backend's rules (src/backend/messageActions.ts) and the
// client's queued operations (src/client/rules/messageOps.ts) share: how a reaction toggles, and the
// refusals, worded once, so the device refuses at once exactly as the server would.

/** `userId`'s `emoji` added (on) or taken back; the emoji keeps its place, and goes when nobody is left on it. */
export function toggledReaction(reactions: readonly Reaction[], userId: UserId, emoji: string, on: boolean): Reaction[] {
  const existing = reactions.find((r) => r.emoji === emoji);
  if ((existing?.userIds.includes(userId) ?? false) === on) return [...reactions];
  if (on) return existing ? reactions.map((r) => (r === existing ? { emoji, userIds: [...r.userIds, userId] } : r)) : [...reactions, { emoji, userIds: [userId] }];
  return reactions.flatMap((r) => {
    if (r !== existing) return [r];
    const userIds = r.userIds.filter((id) => id !== userId);
    return userIds.length > 0 ? [{ emoji, userIds }] : [];
  });
}

/** Adding `emoji` would pass the limit of distinct emoji on a message (joining one already there never does). */
export function pastReactionLimit(reactions: readonly Reaction[], emoji: string): boolean {
  return !reactions.some((r) => r.emoji === emoji) && reactions.length >= LIMITS.reactionsPerMessageMax;
}

export function messageDeleted(): ChatError {
  return new ChatError('INVALID_INPUT', 'That message was deleted.', { field: 'seq' });
}

export function systemEntryFixed(): ChatError {
  return new ChatError('INVALID_INPUT', 'A group event cannot be changed or reacted to.', { field: 'seq' });
}

export function notTheAuthor(what: 'edit' | 'delete'): ChatError {
  return new ChatError('FORBIDDEN', `Only its author can ${what} a message.`);
}

export function tooManyReactions(): ChatError {
  return new ChatError('INVALID_INPUT', `A message can have at most ${LIMITS.reactionsPerMessageMax} different reactions.`, { field: 'emoji' });
}
