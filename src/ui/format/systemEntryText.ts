import { t } from '@lingui/core/macro';
import type { MessageView } from '../../client';
import { formatLocale } from '../i18n/i18n';

/**
 * A group's system entry in the reader's language, with today's names: "You added Leo", "Maya renamed the
 * group to “Launch”". The client's describeEntry says the same in English (the backend's words, stored as
 * the body). Here every case is a whole sentence, and the reader's own ("You added…", "…added you",
 * "…added you along with Leo") are sentences apart: many languages change the verb or the pronoun for
 * them. A body with no system entry is someone's words and stays as written.
 */
export function systemEntryText(message: Pick<MessageView, 'system' | 'senderId' | 'body'>, nameOf: (userId: string) => string, me: string): string {
  const entry = message.system;
  if (!entry) return message.body;
  const byMe = message.senderId === me;
  const actor = nameOf(message.senderId);
  switch (entry.type) {
    case 'created': {
      const title = entry.title;
      return byMe ? t`You created the group “${title}”` : t`${actor} created the group “${title}”`;
    }
    case 'added': {
      const others = entry.userIds.filter((userId) => userId !== me);
      if (byMe || others.length === entry.userIds.length) {
        const added = listOf(others.map(nameOf));
        return byMe ? t`You added ${added}` : t`${actor} added ${added}`;
      }
      // I was among those added: "you" is the object, and many languages change its form for that.
      if (others.length === 0) return t`${actor} added you`;
      const alongWith = listOf(others.map(nameOf));
      return t`${actor} added you along with ${alongWith}`;
    }
    case 'removed': {
      if (entry.userId === me) return t`${actor} removed you`;
      const removed = nameOf(entry.userId);
      return byMe ? t`You removed ${removed}` : t`${actor} removed ${removed}`;
    }
    case 'left': {
      const { newOwnerId } = entry;
      if (newOwnerId === null) return byMe ? t`You left` : t`${actor} left`;
      if (newOwnerId === me) return t`${actor} left; you are now the owner`;
      const owner = nameOf(newOwnerId);
      return byMe ? t`You left; ${owner} is now the owner` : t`${actor} left; ${owner} is now the owner`;
    }
    case 'joined':
      return byMe ? t`You joined` : t`${actor} joined`;
    case 'renamed': {
      const title = entry.title;
      return byMe ? t`You renamed the group to “${title}”` : t`${actor} renamed the group to “${title}”`;
    }
    default:
      // A kind of entry newer than this client: the backend's own words, stored with it.
      return message.body;
  }
}

/** "Leo", "Leo and Sam", "Leo, Sam, and Ana": names joined the app's language's way. */
function listOf(names: readonly string[]): string {
  return new Intl.ListFormat(formatLocale(), { style: 'long', type: 'conjunction' }).format(names);
}
