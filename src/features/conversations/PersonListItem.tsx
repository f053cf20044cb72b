import { Trans } from '@lingui/react/macro';
import type { UserWithPresence } from '../../client';
import { Avatar } from '../../ui/Avatar';

/** Someone in the directory I have not talked to yet: choosing them starts a conversation. */
export function PersonListItem({ person, busy, onStart }: { person: UserWithPresence; busy: boolean; onStart(person: UserWithPresence): void }) {
  return (
    <li>
      <button type="button" className="conversation-item conversation-item--person" onClick={() => onStart(person)} aria-busy={busy || undefined} disabled={busy}>
        <Avatar name={person.displayName} color={person.avatarColor} presence={person.presence} />
        <span className="conversation-item__main">
          <span className="conversation-item__name">{person.displayName}</span>
          <span className="conversation-item__preview"><bdi>@{person.username}</bdi></span>
        </span>
        <span className="conversation-item__start" aria-hidden="true">
          <Trans comment="A verb on a person in the list: choosing them starts a conversation with them">Message</Trans>
        </span>
      </button>
    </li>
  );
}
