import { groupTitleSchema } from '../../protocol/groupEntries';
import { describeSystemEntry } from '../../protocol/rules/systemEntry';
import type { UserId } from '../../transport';
import type { MessageView } from '../api';

/**
 * A system entry in words with today's names, the reader as "You": "You added
 * Leo", "Maya renamed the group to “Launch”". The rule is the backend's own
 * (it stores the same words, with the names at the time, as the body: the
 * fallback when the entry is of a kind this client does not know).
 */
export function describeEntry(message: Pick<MessageView, 'system' | 'senderId' | 'body'>, nameOf: (userId: UserId) => string, me: UserId): string {
  return message.system ? describeSystemEntry(message.system, message.senderId, { nameOf, me }) : message.body;
}

/** Why a group title would be refused, in the backend's words; null when it would not. */
export function groupTitleProblem(title: string): string | null {
  const result = groupTitleSchema.safeParse(title);
  return result.success ? null : (result.error.issues[0]?.message ?? 'That title cannot be used.');
}
