import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { useActions, useConversation, type MessageInfoResult, type MessageView, type UserWithPresence } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { formatClockTime, formatDayLabel } from '../../ui/format/time';
import { useNow } from '../../ui/useNow';
import { errorReason } from './errorReason';

export interface MessageInfoDialogProps {
  message: MessageView;
  /** Someone by id, for names and avatars (the directory). */
  personOf(userId: string): UserWithPresence;
  onClose(): void;
}

type Loaded = { status: 'loading' } | { status: 'ready'; info: MessageInfoResult } | { status: 'error'; message: string };

/** "Message info": who has read my message, who has only received it, and when; who has neither yet. Kept current while open. */
export function MessageInfoDialog({ message, personOf, onClose }: MessageInfoDialogProps) {
  const actions = useActions();
  const now = useNow();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The conversation's row changes as members' markers move: ask again, so the lists fill in while open.
  const conversation = useConversation(message.conversationId);

  useEffect(() => {
    let current = true;
    if (message.seq === null) return;
    actions.messageInfo(message.conversationId, message.seq).then(
      (info) => current && setLoaded({ status: 'ready', info }),
      (error: unknown) => current && setLoaded({ status: 'error', message: errorReason(error) }),
    );
    return () => {
      current = false;
    };
  }, [actions, message.conversationId, message.seq, attempt, conversation]);

  const when = (at: string | null) => {
    if (!at) return null;
    const day = formatDayLabel(at, now);
    const time = formatClockTime(at);
    // "Today, 10:05": one message, so a language can order the day and the time its way.
    return t`${day}, ${time}`;
  };
  const section = (heading: string, entries: { userId: string; at: string | null }[], empty: string) => {
    const count = entries.length;
    return (
      <section className="message-info__section" aria-label={t`${heading}, ${count}`}>
        <h3>
          {heading} <span className="message-info__count">{entries.length}</span>
        </h3>
        {entries.length === 0 ? (
          <p className="message-info__empty">{empty}</p>
        ) : (
          <ul className="message-info__list">
            {entries.map(({ userId, at }) => {
              const person = personOf(userId);
              const time = when(at);
              return (
                <li key={userId} className="message-info__person">
                  <Avatar name={person.displayName} color={person.avatarColor} size="xs" />
                  <span className="message-info__name">{person.displayName}</span>
                  {time && <time dateTime={at!}>{time}</time>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    );
  };

  return (
    <Dialog title={t`Message info`} onClose={onClose} wide initialFocus=".message-info__quote">
      <blockquote className="message-info__quote" tabIndex={0} aria-label={t`Your message`}>
        {message.body}
      </blockquote>
      {loaded.status === 'loading' ? (
        <p role="status">
          <Trans>Asking who has it…</Trans>
        </p>
      ) : loaded.status === 'error' ? (
        <div role="alert" className="message-info__error">
          <span>{loaded.message}</span>
          <Button variant="ghost" onClick={() => setAttempt((n) => n + 1)}>
            <Trans>Try again</Trans>
          </Button>
        </div>
      ) : (
        <>
          {loaded.info.fromCache && (
            <p className="message-info__note">
              <Trans>Offline: as of the last sync, without times.</Trans>
            </p>
          )}
          {section(t`Read by`, loaded.info.read, t`Nobody has read it yet.`)}
          {section(t`Delivered to`, loaded.info.delivered, t`Nobody is waiting to read it.`)}
          {loaded.info.pending.length > 0 &&
            section(
              t`Not delivered yet`,
              loaded.info.pending.map((userId) => ({ userId, at: null })),
              '',
            )}
        </>
      )}
    </Dialog>
  );
}
