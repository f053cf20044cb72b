import type { UserId } from '../../transport';

/**
 * One message's identity from its first keystroke: its sender and the sender's client id (each
 * sender picks their own, so the client id alone may be shared). The cache keys rows by both; the
 * UI keys rows, menus and focus by this. Ids are any text, hence a separator no id holds.
 */
export function messageKey(senderId: UserId, clientId: string): string {
  return `${senderId}\u0000${clientId}`;
}
