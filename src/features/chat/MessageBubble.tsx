import { memo, useId } from 'react';
import type { MessageView } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { formatClockTime } from '../../ui/format/time';
import { AlertIcon, RetryIcon, TrashIcon } from '../../ui/icons';
import { InfoIcon } from '../../ui/moreIcons';
import { MessageTicks } from '../../ui/MessageTicks';
import { MessageText } from './MessageText';

/** Who wrote an incoming group message, shown where a run of theirs starts. */
export interface SenderLabel {
  name: string;
  color: string;
}

export interface MessageBubbleProps {
  message: MessageView;
  /** Who "they" are, for screen readers: "Ann Lee:" before a run of her messages. */
  senderName: string;
  /** In a group, someone else's message: their name and avatar at the start of a run, the bubbles after it in line. */
  sender?: SenderLabel | null;
  startsRun: boolean;
  endsRun: boolean;
  onRetry(clientId: string): void;
  onDiscard(clientId: string): void;
  /** In a group, my sent message: "Message info" (who read it, who only received it). */
  onInfo?: (message: MessageView) => void;
}

export const MessageBubble = memo(function MessageBubble({ message, senderName, sender = null, startsRun, endsRun, onRetry, onDiscard, onInfo }: MessageBubbleProps) {
  const { mine, status } = message;
  const bodyId = useId();
  const failed = status === 'failed';
  const classes = [
    'message',
    mine ? 'message--mine' : 'message--theirs',
    sender && 'message--group',
    startsRun && 'message--run-start',
    endsRun && 'message--run-end',
    failed && 'message--failed',
  ];
  const showSender = sender !== null && startsRun;
  return (
    // An article named by its text, so a message can be found and read on its own.
    <article className={classes.filter(Boolean).join(' ')} aria-labelledby={bodyId} data-seq={message.seq ?? undefined}>
      {showSender && (
        <span className="message__sender" aria-hidden="true">
          <Avatar name={sender.name} color={sender.color} size="xs" />
          <span className="message__sender-name">{sender.name}</span>
        </span>
      )}
      <div className="message__row">
        <div className="message__bubble">
          {startsRun && <span className="visually-hidden">{mine ? 'You' : senderName}:</span>}
          <p className="message__text" dir="auto">
            <span id={bodyId}>
              <MessageText body={message.body} />
            </span>
            <span className="message__meta" dir="ltr">
              <time dateTime={message.createdAt}>{formatClockTime(message.createdAt)}</time>
              {mine && !failed && <MessageTicks status={status} />}
            </span>
          </p>
        </div>
        {onInfo && mine && message.seq !== null && (
          <button type="button" className="icon-button message__info" aria-label="Message info" title="Message info" onClick={() => onInfo(message)}>
            <InfoIcon size={16} />
          </button>
        )}
      </div>
      {failed && (
        <div className="message__failure">
          <span className="message__failure-text" title={message.error?.message}>
            <AlertIcon size={16} />
            Failed to send
          </span>
          <Button variant="ghost" icon={<RetryIcon size={16} />} onClick={() => onRetry(message.clientId)}>
            Retry
          </Button>
          <Button variant="ghost" icon={<TrashIcon size={16} />} onClick={() => onDiscard(message.clientId)}>
            Delete
          </Button>
        </div>
      )}
    </article>
  );
});
