import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useCallback, useId, useMemo, useState, type ReactNode, type Ref } from 'react';
import { useActions, useConnection, useConversationList, useMe, useTyping } from '../../client';
import type { ConversationView, SyncView, UserWithPresence } from '../../client';
import { toChatError } from '../../transport';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ChatBubblesIcon, SearchIcon } from '../../ui/icons';
import { Logo } from '../../ui/Logo';
import { countedProgress } from '../../ui/format/progress';
import { ProgressStatus } from '../../ui/ProgressStatus';
import { LoadingList } from '../../ui/SkeletonRows';
import { SearchField } from '../../ui/SearchField';
import { ThemeToggle } from '../../ui/theme/ThemeToggle';
import { typingLine } from '../../ui/format/typing';
import { errorText } from '../../ui/i18n/errors';
import { useNow } from '../../ui/useNow';
import { ConversationListItem } from './ConversationListItem';
import { PersonListItem } from './PersonListItem';
import { searchPeople } from './search';

export interface SidebarProps {
  activeId: string | null;
  hrefFor(id: string): string;
  onOpen(id: string): void;
  headingRef?: Ref<HTMLHeadingElement>;
  /**
   * The connection banner, when this screen shows it (on phones the chat screen has its own). Its line
   * under the header is there either way, so the search and the lists never move when it comes or goes.
   */
  banner?: ReactNode;
  /** Account controls beside my name (sign out); the app composes them, features do not import each other. */
  accountActions?: ReactNode;
  /** Under the search: New group and Browse channels (composed by the app). */
  listActions?: ReactNode;
}

/** The list screen: who I am, the connection, search, my conversations and people to start one with. */
export function Sidebar({ activeId, hrefFor, onOpen, headingRef, banner, accountActions, listActions }: SidebarProps) {
  const me = useMe();
  const actions = useActions();
  // One moment of the cache: a list that grew after "synced" would push More people down under the reader.
  const { conversations, sync, directory } = useConversationList();
  const connection = useConnection();
  const now = useNow();
  const [query, setQuery] = useState('');
  const [starting, setStarting] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const searchId = useId();

  const results = useMemo(() => searchPeople(query, conversations ?? [], directory, me?.id ?? ''), [query, conversations, directory, me?.id]);
  // Names for group events in the list's previews, including people who have since left the group.
  const nameOf = useMemo(() => {
    const byId = new Map(directory.map((person) => [person.id, person.displayName]));
    return (userId: string) => byId.get(userId) ?? null;
  }, [directory]);
  const searched = query.trim();
  const searching = searched.length > 0;

  const start = useCallback(
    async (person: UserWithPresence) => {
      setStarting(person.id);
      setStartError(null);
      try {
        const id = await actions.openDirect(person.id);
        setQuery('');
        onOpen(id);
      } catch (error) {
        setStartError(error instanceof Error ? errorText(toChatError(error)) : t`Could not start the conversation.`);
      } finally {
        setStarting(null);
      }
    },
    [actions, onOpen],
  );

  const open = useCallback(
    (id: string) => {
      setQuery('');
      onOpen(id);
    },
    [onOpen],
  );

  return (
    <div className="sidebar">
      <header className="sidebar__header">
        <div className="sidebar__brand">
          <Logo size={32} />
          <h1 ref={headingRef} tabIndex={-1}>
            <Trans>Chats</Trans>
          </h1>
        </div>
        <ThemeToggle />
      </header>

      <div className="sidebar__status">{banner}</div>

      <SearchField label={t`Search people`} value={query} onChange={setQuery} onFocus={actions.browseDirectory} />
      {listActions}

      <nav className="sidebar__lists" aria-label={t`Conversations`}>
        {conversations === undefined || sync.status !== 'synced' ? (
          // Reading the cache, or a first sync on this device: the list's shape, and what is happening.
          <LoadingList status={<SyncStatus sync={sync} offline={connection.status === 'offline'} />} />
        ) : (
          <>
            {results.conversations.length > 0 && (
              <ul className="conversation-list" aria-label={searching ? t`Matching conversations` : undefined}>
                {results.conversations.map((conversation) => (
                  <ConversationRow key={conversation.id} conversation={conversation} active={conversation.id === activeId} now={now} href={hrefFor(conversation.id)} meId={me?.id ?? null} nameOf={nameOf} onOpen={open} />
                ))}
              </ul>
            )}
            {!searching && results.conversations.length === 0 && (
              <EmptyState icon={<ChatBubblesIcon size={28} />} title={t`No conversations yet`}>
                <p>
                  <Trans>Pick a teammate below or search for someone to start chatting.</Trans>
                </p>
              </EmptyState>
            )}
            {results.people.length > 0 && (
              <section className="people" aria-labelledby={`${searchId}-people`}>
                <h2 id={`${searchId}-people`} className="sidebar__section-title">
                  {searching ? t`People` : results.conversations.length > 0 ? t`More people` : t`Start a conversation`}
                </h2>
                {startError && (
                  <p className="sidebar__error" role="alert">
                    {startError}
                  </p>
                )}
                <ul className="conversation-list">
                  {results.people.map((person) => (
                    <PersonListItem key={person.id} person={person} busy={starting === person.id} onStart={start} />
                  ))}
                </ul>
              </section>
            )}
            {searching && results.conversations.length === 0 && results.people.length === 0 && (
              <EmptyState icon={<SearchIcon size={28} />} title={t`No results`}>
                <p>
                  <Trans>Nobody matches “{searched}”.</Trans>
                </p>
              </EmptyState>
            )}
          </>
        )}
      </nav>

      {me && (
        <footer className="sidebar__me">
          <Avatar name={me.displayName} color={me.avatarColor} size="sm" />
          <div className="sidebar__me-text">
            <span className="sidebar__me-name">{me.displayName}</span>
            <span className="sidebar__me-username"><bdi>@{me.username}</bdi></span>
          </div>
          {accountActions}
        </footer>
      )}
    </div>
  );
}

/** What the list is waiting for, in words: the cache, the first sync (counted once it is storing), or the network. */
function SyncStatus({ sync: { status, progress }, offline }: { sync: SyncView; offline: boolean }) {
  if (status !== 'first-sync') return <ProgressStatus text={t`Loading conversations`} />;
  if (progress) return <ProgressStatus text={countedProgress('syncing-conversations', progress.done, progress.total)} progress={progress} />;
  return <ProgressStatus text={offline ? t`Waiting for the network to sync` : t`Syncing your conversations`} />;
}

/** A row with its own typing subscription, so one teammate typing re-renders one row. */
function ConversationRow(props: { conversation: ConversationView; active: boolean; now: Date; href: string; meId: string | null; nameOf(userId: string): string | null; onOpen(id: string): void }) {
  const typing = useTyping(props.conversation.id);
  const line = typing.length === 0 ? '' : props.conversation.group ? typingLine(typing.map((user) => user.displayName)) : t`typing…`;
  return <ConversationListItem {...props} typing={line} />;
}
