import { ChatError } from '../transport/errors';

// The errors the service and every store raise alike, worded once, so a refusal reads
// the same whichever backend (sim, MSW, server on SQLite or PostgreSQL) made it.

/** A username already registered, in any case; the form shows it next to the username field. */
export function usernameTaken(username: string): ChatError {
  return new ChatError('USERNAME_TAKEN', `The username "${username}" is already taken.`, { field: 'username' });
}

export function conversationNotFound(): ChatError {
  return new ChatError('NOT_FOUND', 'That conversation does not exist.');
}

/** Someone who is not (or no longer) a member: the service checks first, the store again inside its transaction. */
export function notInConversation(): ChatError {
  return new ChatError('FORBIDDEN', 'You are not in that conversation.');
}

/** A reply to a seq the conversation does not have yet: every store checks it in the append's transaction. */
export function replyNotInConversation(): ChatError {
  return new ChatError('INVALID_INPUT', 'That message is not in this conversation.', { field: 'replyToSeq' });
}

/** Whether a reply's seq is past the conversation's last: the rule every store applies in its append. */
export function replyPastLast(replyToSeq: number | undefined, lastSeq: number): boolean {
  return replyToSeq !== undefined && replyToSeq > lastSeq;
}
