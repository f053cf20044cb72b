import { useEffect, useState } from 'react';
import { useActions, type ChannelListing } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { formatListTime } from '../../ui/format/time';
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

  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        actions.browseChannels(query).then(
          (channels) => current && setListing({ status: 'ready', channels }),
          (error: unknown) => current && setListing({ status: 'error', message: error instanceof Error ? error.message : 'The channels could not be listed.' }),
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
      setJoinError(`Couldn’t join ${channel.title}. ${error instanceof Error ? error.message : ''}`.trim());
      setJoining(null);
    }
  };

  return (
    <Dialog title="Browse channels" onClose={onClose} wide>
      <SearchField label="Search channels" value={query} onChange={setQuery} />
      {joinError && (
        <p className="group-form__error" role="alert">
          {joinError}
        </p>
      )}
      {listing.status === 'loading' ? (
        <p role="status">Looking for channels…</p>
      ) : listing.status === 'error' ? (
        <div className="channel-list__error" role="alert">
          <span>{listing.message}</span>
          <Button variant="ghost" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </Button>
        </div>
      ) : listing.channels.length === 0 ? (
        <p role="status">{query.trim() ? `No channels match “${query.trim()}”.` : 'You are in every channel already.'}</p>
      ) : (
        <ul className="channel-list" aria-label="Channels">
          {listing.channels.map((channel) => (
            <li key={channel.id} className="channel-list__item">
              <Avatar name={channel.title} color="#7c3aed" group="public" size="sm" />
              <span className="channel-list__text">
                <span className="channel-list__title">{channel.title}</span>
                <span className="channel-list__meta">
                  {channel.memberCount === 1 ? '1 member' : `${channel.memberCount} members`} · active {formatListTime(channel.lastActivityAt, now)}
                </span>
              </span>
              <Button variant="secondary" busy={joining === channel.id} disabled={joining !== null} onClick={() => void join(channel)} aria-label={`Join ${channel.title}`}>
                Join
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
