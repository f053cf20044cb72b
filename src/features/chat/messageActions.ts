import { plural, t } from '@lingui/core/macro';
import { LIMITS, type MessageAction, type MessageView, type ReactionView, type ReplyQuoteView } from '../../client';
import { formatLocale } from '../../ui/i18n/i18n';

/** What the screen does with a message, chosen from its toolbar, its menu or a reaction chip (ChatView). */
export interface MessageActionHandlers {
  /** Adds (on) or takes back my emoji. */
  react(message: MessageView, emoji: string, on: boolean): void;
  /** The full emoji list, for a reaction not among the quick ones. */
  pickReaction(message: MessageView): void;
  /** Answers it: its quote above the composer. */
  reply(message: MessageView): void;
  /** My message, in the composer's edit mode. */
  edit(message: MessageView): void;
  /** My message, for everyone: asks first. */
  remove(message: MessageView): void;
  copy(message: MessageView): void;
  /** In a group, my sent message: who has read it. */
  info?: (message: MessageView) => void;
}

/**
 * A change of mine that was refused, in words: "Couldn’t edit: That message was deleted." One message
 * per action with the reason in it, so a language can place the reason where its grammar wants it.
 * `reason` is already in the reader's language (errorText).
 */
export function refusalText(action: MessageAction, reason: string): string {
  switch (action) {
    case 'edit':
      return t`Couldn’t edit: ${reason}`;
    case 'delete':
      return t`Couldn’t delete: ${reason}`;
    case 'react':
      return t`Couldn’t react: ${reason}`;
  }
}

export interface AvailableActions {
  reply: boolean;
  react: boolean;
  edit: boolean;
  remove: boolean;
  copy: boolean;
  info: boolean;
}

/**
 * What may be done with a message; null when nothing (a system entry, a deleted message). Replies and
 * reactions need the server's seq; my message can be edited and deleted before it is sent (the engine
 * sends it changed, or not at all), but a failed one has its own Retry and Delete.
 */
export function availableActions(message: MessageView, { canInfo }: { canInfo: boolean }): AvailableActions | null {
  if (message.system !== null || message.deleted) return null;
  const sent = message.seq !== null;
  const mineAndAlive = message.mine && message.status !== 'failed';
  return {
    reply: sent,
    react: sent,
    edit: mineAndAlive,
    remove: mineAndAlive,
    copy: message.body.length > 0,
    info: canInfo && message.mine && sent,
  };
}

/** The newest message of mine that Up arrow in an empty composer edits: not deleted, not failed. */
export function lastEditable(messages: readonly MessageView[]): MessageView | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.mine && message.system === null && !message.deleted && message.status !== 'failed') return message;
  }
  return null;
}

/** A new emoji is refused past the limit of distinct emoji on a message; one already there can always be toggled. */
export function canAddReaction(message: MessageView, emoji: string): boolean {
  return message.reactions.some((reaction) => reaction.emoji === emoji) || message.reactions.length < LIMITS.reactionsPerMessageMax;
}

/** Whether I have reacted with `emoji`: choosing it again takes mine back. */
export function reactedWith(message: MessageView, emoji: string): boolean {
  return message.reactions.some((reaction) => reaction.emoji === emoji && reaction.mine);
}

/** Past this many names, the rest are counted ("and 3 others"). */
const NAMES_SHOWN = 6;

/** Whether I am among those who reacted with it. */
function reactedByMe(reaction: ReactionView, meId: string | null): boolean {
  return reaction.mine || (meId !== null && reaction.userIds.includes(meId));
}

/**
 * Who reacted, as a sentence's subject: "Maya", "Maya and you", "You", "Maya, Leo, and 3 others".
 * Others in the order they reacted, me last (as "you"); joined the app's language's way (Intl.ListFormat).
 */
export function whoReacted(reaction: ReactionView, nameOf: (userId: string) => string, meId: string | null, locale = formatLocale()): string {
  const others = reaction.userIds.filter((userId) => userId !== meId).map(nameOf);
  const mine = reactedByMe(reaction, meId);
  if (others.length === 0) return mine ? t({ message: 'You', comment: 'The reader, the only one who reacted with an emoji' }) : '';
  const named = others.slice(0, NAMES_SHOWN);
  const extra = Math.max(0, reaction.count - (mine ? 1 : 0) - named.length);
  // The last item of a list of names ("Maya, Leo, and 3 others"): a count of the people not named.
  const names = extra > 0 ? [...named, plural(extra, { one: '# other', other: '# others' })] : named;
  const you = t({ message: 'you', comment: 'The reader as the last of a list of people who reacted ("Maya and you"): the subject of "reacted"' });
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(mine ? [...names, you] : names);
}

/** A chip's accessible name: "👍 2: Maya and you". */
export function reactionLabel(reaction: ReactionView, nameOf: (userId: string) => string, meId: string | null): string {
  const who = whoReacted(reaction, nameOf, meId);
  const { emoji, count } = reaction;
  return who ? t`${emoji} ${count}: ${who}` : `${emoji} ${count}`;
}

/**
 * A chip's tooltip: "Maya and you reacted with 👍". Its own sentence when I alone reacted (a verb agrees
 * with "you" differently in many languages); otherwise by how many reacted, for the verb's number.
 */
export function reactedWithText(reaction: ReactionView, nameOf: (userId: string) => string, meId: string | null): string | undefined {
  const { emoji, count } = reaction;
  if (reactedByMe(reaction, meId) && reaction.userIds.every((userId) => userId === meId)) return t`You reacted with ${emoji}`;
  const who = whoReacted(reaction, nameOf, meId);
  if (!who) return undefined;
  return plural(count, { one: `${who} reacted with ${emoji}`, other: `${who} reacted with ${emoji}` });
}

/** The first line of a body, for a one-line quote (CSS ellipsizes what is still too long). */
export function firstLine(body: string): string {
  const line = body.trim().split('\n', 1)[0] ?? '';
  return line.length > QUOTE_MAX ? `${line.slice(0, QUOTE_MAX)}…` : line;
}

/** No quote shows more than this; the rest would only be laid out to be cut off. */
const QUOTE_MAX = 200;

/** A reply's quote in words: the original's first line, or why it cannot be shown. */
export function quoteLine(quote: ReplyQuoteView): { text: string; missing: boolean } {
  if (quote.deleted) return { text: t`Original message was deleted`, missing: true };
  if (!quote.available) return { text: t({ message: 'Message', comment: 'A quote whose words this device does not have yet: said as what it is' }), missing: true };
  return { text: firstLine(quote.body), missing: false };
}
