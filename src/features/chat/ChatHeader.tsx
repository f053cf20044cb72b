import { plural, t } from '@lingui/core/macro';
import { useEffect, useEffectEvent, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import type { UserWithPresence } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { IconButton } from '../../ui/Button';
import { BackIcon } from '../../ui/moreIcons';
import { presenceLine } from '../../ui/format/presence';

/** A group's header line: how many are in it and how many of them are online. */
export interface GroupSummary {
  visibility: 'private' | 'public';
  memberCount: number;
  onlineCount: number;
}

export interface ChatHeaderProps {
  /** The other person; for a group, its title and colour (see `group`). */
  peer: UserWithPresence;
  typing: boolean;
  /** Who is typing, in words ("Maya and Leo are typing…"); else "typing…". */
  typingText?: string;
  /** Present for a group: its avatar and member count instead of a presence. */
  group?: GroupSummary | null;
  /** Buttons at the end (a group's Members). */
  actions?: ReactNode;
  now: Date;
  /** Phones only: back to the conversation list. */
  onBack?: () => void;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Focus the name when the header appears: the screen just changed to this conversation. */
  focusOnMount?: boolean;
  /** While I am not connected their presence is stale: say so instead of a possibly wrong "Online". */
  connected?: boolean;
}

export function ChatHeader({ peer, typing, typingText, group = null, actions, now, onBack, headingRef, focusOnMount = false, connected = true }: ChatHeaderProps) {
  const ownHeading = useRef<HTMLHeadingElement>(null);
  // The parent gets the heading too (to focus it after navigating); the node is attached before this runs.
  useImperativeHandle(headingRef, () => ownHeading.current!, []);
  const focusIfAsked = useEffectEvent(() => {
    if (focusOnMount) ownHeading.current?.focus({ preventScroll: true });
  });
  // Only on mount: later renders must not pull focus away from the composer.
  useEffect(() => focusIfAsked(), []);
  const status = !connected ? t`Waiting for network…` : typing ? (typingText ?? t`typing…`) : group ? membersLine(group) : presenceLine(peer, now);
  return (
    <header className="chat-header">
      {onBack && (
        <IconButton label={t`Back`} onClick={onBack} className="chat-header__back">
          <BackIcon size={22} />
        </IconButton>
      )}
      {group ? (
        <Avatar name={peer.displayName} color={peer.avatarColor} group={group.visibility} />
      ) : (
        <Avatar name={peer.displayName} color={peer.avatarColor} presence={peer.presence} />
      )}
      <div className="chat-header__text">
        <h2 ref={ownHeading} tabIndex={-1} className="chat-header__name">
          {peer.displayName}
        </h2>
        <p className={typing ? 'chat-header__status chat-header__status--typing' : 'chat-header__status'} aria-live="polite">
          {status}
        </p>
      </div>
      {actions && <div className="chat-header__actions">{actions}</div>}
    </header>
  );
}

/** "12 members, 3 online": one message, the member count choosing its plural form. */
export function membersLine({ memberCount, onlineCount }: GroupSummary): string {
  return plural(memberCount, { one: `# member, ${onlineCount} online`, other: `# members, ${onlineCount} online` });
}
