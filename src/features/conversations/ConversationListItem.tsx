import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { Fragment, memo } from 'react';
import { messageKey, type ConversationView } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { systemEntryText } from '../../ui/format/systemEntryText';
import { formatListTime } from '../../ui/format/time';
import { appDirection } from '../../ui/i18n/i18n';
import { MessageTicks } from '../../ui/MessageTicks';
import { UnreadBadge } from '../../ui/UnreadBadge';

export interface ConversationListItemProps {
  conversation: ConversationView;
  active: boolean;
  /** Who is typing, in words ("typing…", "Maya is typing…"); empty when nobody is. */
  typing: string;
  now: Date;
  href: string;
  /** Who I am, for a group event about me ("Maya added you"); null while unknown. */
  meId?: string | null;
  /** A name from the directory, for a group event about someone no longer in the group. */
  nameOf?: (userId: string) => string | null;
  onOpen(id: string): void;
}

/** One row of the list: who, presence, the last message (or my draft), when, and how many unread. */
export const ConversationListItem = memo(function ConversationListItem({ conversation, active, typing, now, href, meId = null, nameOf, onOpen }: ConversationListItemProps) {
  const { peer, lastMessage, unreadCount, draft } = conversation;
  const hasDraft = draft.trim().length > 0 && !active;
  // In a group the last line says whose it is, as every messenger's list does; a system entry names its actor already.
  const from =
    conversation.group && lastMessage && !lastMessage.mine && !lastMessage.system
      ? (conversation.group.members.find((m) => m.user.id === lastMessage.senderId)?.user.displayName ?? null)
      : null;
  // The last message's words, or the note that it was deleted (in italics, so it does not read as their words);
  // a group event in the reader's language with today's names, not the backend's stored English.
  const body = lastMessage?.deleted ? (
    <em className="conversation-item__deleted">{t`This message was deleted`}</em>
  ) : lastMessage?.system && conversation.group && meId ? (
    systemEntryText(
      lastMessage,
      (userId) => conversation.group?.members.find((m) => m.user.id === userId)?.user.displayName ?? nameOf?.(userId) ?? t`Someone`,
      meId,
    )
  ) : (
    lastMessage?.body
  );
  const uiDir = appDirection();
  return (
    <li>
      <a
        href={href}
        className={active ? 'conversation-item conversation-item--active' : 'conversation-item'}
        aria-current={active ? 'page' : undefined}
        onClick={(event) => {
          event.preventDefault();
          onOpen(conversation.id);
        }}
      >
        {conversation.group ? (
          <Avatar name={peer.displayName} color={peer.avatarColor} group={conversation.group.visibility} />
        ) : (
          <Avatar name={peer.displayName} color={peer.avatarColor} presence={peer.presence} />
        )}
        <span className="conversation-item__main">
          <span className="conversation-item__top">
            <span className="conversation-item__name">{peer.displayName}</span>
            {lastMessage && (
              <time className={unreadCount > 0 ? 'conversation-item__time conversation-item__time--unread' : 'conversation-item__time'} dateTime={lastMessage.createdAt}>
                {formatListTime(lastMessage.createdAt, now)}
              </time>
            )}
          </span>
          <span className="conversation-item__bottom">
            {/* The line takes the direction of what was written, not of our label before it ("You:", "Draft:"
                carry the app's direction, which dir="auto" then skips): an English message in the Arabic app
                reads left to right and is cut at its end, not its start. */}
            <span className="conversation-item__preview" dir="auto">
              {typing ? (
                <em className="conversation-item__typing" dir={uiDir}>
                  {typing}
                </em>
              ) : hasDraft ? (
                <Trans>
                  <span className="conversation-item__draft" dir={uiDir}>
                    Draft:
                  </span>{' '}
                  {draft}
                </Trans>
              ) : lastMessage ? (
                // Keyed by the message: a newer one is a new line in the row's room, not the old line's
                // text pushed along by ticks that come with it (which the browser would count as a shift).
                <Fragment key={messageKey(lastMessage.senderId, lastMessage.clientId)}>
                  {lastMessage.mine && <MessageTicks status={lastMessage.status} />}
                  {/* "You: …" and "Maya: …": one message each with the words as a placeholder, since a language may not put a colon there. */}
                  {lastMessage.mine ? (
                    <Trans>
                      <span className="visually-hidden" dir={uiDir}>
                        You:{' '}
                      </span>
                      {body}
                    </Trans>
                  ) : from ? (
                    <Trans>
                      <span className="conversation-item__sender" dir={uiDir}>
                        {from}:{' '}
                      </span>
                      {body}
                    </Trans>
                  ) : (
                    body
                  )}
                </Fragment>
              ) : (
                <span className="conversation-item__empty">
                  <Trans>No messages yet</Trans>
                </span>
              )}
            </span>
            <UnreadBadge count={unreadCount} />
          </span>
        </span>
      </a>
    </li>
  );
});
