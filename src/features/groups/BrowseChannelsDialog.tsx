import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { useActions, type ChannelListing } from '../../client';
import { toChatError } from '../../transport';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { formatListTime } from '../../ui/format/time';
import { errorText } from '../../ui/i18n/errors';
import { SearchField } from '../../ui/SearchField';
import { useNow } from '../../ui/useNow';

export interface BrowseChannelsDialogProps {
  onClose(): void;
  /** I joined it: open it. */
  onJoined(conversationId: string): void;
}

/** How long typing in the search waits before asking the server. */
const SEARCH_DELAY_MS = 250;

type Listing = { status: 'loading' } | { status: 'ready'; channels: ChannelListing[] } | { status: 'error'; message: string };

/** "Browse channels": the public channels I am not in, searched by title, each with Join. */
export function BrowseChannelsDialog({ onClose, onJoined }: BrowseChannelsDialogProps) {
  const actions = useActions();
  const now = useNow();
  const [query, setQuery] = useState('');
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [joining, setJoining] = useState<string | null>(null);
  const [joinError, setJoinError] = useState<string | null>(null);
  const searched = query.trim();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        actions.browseChannels(query).then(
          (channels) => current && setListing({ status: 'ready', channels }),
          (error: unknown) =>
            current && setListing({ status: 'error', message: error instanceof Error ? errorText(toChatError(error)) : t`The channels could not be listed.` }),
        );
      },
      query === '' ? 0 : SEARCH_DELAY_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [actions, query, attempt]);

  const join = async (channel: ChannelListing) => {
    setJoining(channel.id);
    setJoinError(null);
    try {
      onJoined(await actions.joinChannel(channel.id));
    } catch (error) {
      const title = channel.title;
      const reason = error instanceof Error ? errorText(toChatError(error)) : '';
      setJoinError(reason ? t`Couldn’t join ${title}. ${reason}` : t`Couldn’t join ${title}.`);
      setJoining(null);
    }
  };

  return (
    <Dialog title={t`Browse channels`} onClose={onClose} wide>
      <SearchField label={t`Search channels`} value={query} onChange={setQuery} />
      {joinError && (
        <p className="group-form__error" role="alert">
          {joinError}
        </p>
      )}
      {listing.status === 'loading' ? (
        <p role="status">
          <Trans>Looking for channels…</Trans>
        </p>
      ) : listing.status === 'error' ? (
        <div className="channel-list__error" role="alert">
          <span>{listing.message}</span>
          <Button variant="ghost" onClick={() => setAttempt((n) => n + 1)}>
            <Trans>Try again</Trans>
          </Button>
        </div>
      ) : listing.channels.length === 0 ? (
        <p role="status">{searched ? t`No channels match “${searched}”.` : t`You are in every channel already.`}</p>
      ) : (
        <ul className="channel-list" aria-label={t`Channels`}>
          {listing.channels.map((channel) => (
            <ChannelItem key={channel.id} channel={channel} now={now} joining={joining} onJoin={(c) => void join(c)} />
          ))}
        </ul>
      )}
    </Dialog>
  );
}

/** One channel: its title, how many are in it and when it was last active, and Join. */
function ChannelItem({ channel, now, joining, onJoin }: { channel: ChannelListing; now: Date; joining: string | null; onJoin(channel: ChannelListing): void }) {
  const title = channel.title;
  const members = channel.memberCount;
  const active = formatListTime(channel.lastActivityAt, now);
  return (
    <li className="channel-list__item">
      <Avatar name={title} color="#7c3aed" group="public" size="sm" />
      <span className="channel-list__text">
        <span className="channel-list__title">{title}</span>
        <span className="channel-list__meta">{plural(members, { one: `# member · active ${active}`, other: `# members · active ${active}` })}</span>
      </span>
      <Button variant="secondary" busy={joining === channel.id} disabled={joining !== null} onClick={() => onJoin(channel)} aria-label={t`Join ${title}`}>
        <Trans>Join</Trans>
      </Button>
    </li>
  );
}
