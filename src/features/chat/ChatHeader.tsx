import { useEffect, useEffectEvent, useImperativeHandle, useRef, type Ref } from 'react';
import type { UserWithPresence } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { IconButton } from '../../ui/Button';
import { BackIcon } from '../../ui/icons';
import { presenceLine } from '../../ui/format/presence';

export interface ChatHeaderProps {
  peer: UserWithPresence;
  typing: boolean;
  now: Date;
  /** Phones only: back to the conversation list. */
  onBack?: () => void;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Focus the name when the header appears: the screen just changed to this conversation. */
  focusOnMount?: boolean;
  /** While I am not connected their presence is stale: say so instead of a possibly wrong "Online". */
  connected?: boolean;
}

export function ChatHeader({ peer, typing, now, onBack, headingRef, focusOnMount = false, connected = true }: ChatHeaderProps) {
  const ownHeading = useRef<HTMLHeadingElement>(null);
  // The parent gets the heading too (to focus it after navigating); the node is attached before this runs.
  useImperativeHandle(headingRef, () => ownHeading.current!, []);
  const focusIfAsked = useEffectEvent(() => {
    if (focusOnMount) ownHeading.current?.focus({ preventScroll: true });
  });
  // Only on mount: later renders must not pull focus away from the composer.
  useEffect(() => focusIfAsked(), []);
  const status = !connected ? 'Waiting for network…' : typing ? 'typing…' : presenceLine(peer, now);
  return (
    <header className="chat-header">
      {onBack && (
        <IconButton label="Back" onClick={onBack} className="chat-header__back">
          <BackIcon size={22} />
        </IconButton>
      )}
      <Avatar name={peer.displayName} color={peer.avatarColor} presence={peer.presence} />
      <div className="chat-header__text">
        <h2 ref={ownHeading} tabIndex={-1} className="chat-header__name">
          {peer.displayName}
        </h2>
        <p className={typing ? 'chat-header__status chat-header__status--typing' : 'chat-header__status'} aria-live="polite">
          {status}
        </p>
      </div>
    </header>
  );
}
