import { memo, useId } from 'react';
import type { MessageView } from '../../client';
import { Button } from '../../ui/Button';
import { formatClockTime } from '../../ui/format/time';
import { AlertIcon, RetryIcon, TrashIcon } from '../../ui/icons';
import { MessageTicks } from '../../ui/MessageTicks';
import { MessageText } from './MessageText';

export interface MessageBubbleProps {
  message: MessageView;
  /** Who "they" are, for screen readers: "Ann Lee:" before a run of her messages. */
  senderName: string;
  startsRun: boolean;
  endsRun: boolean;
  onRetry(clientId: string): void;
  onDiscard(clientId: string): void;
}

export const MessageBubble = memo(function MessageBubble({ message, senderName, startsRun, endsRun, onRetry, onDiscard }: MessageBubbleProps) {
  const { mine, status } = message;
  const bodyId = useId();
  const failed = status === 'failed';
  const classes = ['message', mine ? 'message--mine' : 'message--theirs', startsRun && 'message--run-start', endsRun && 'message--run-end', failed && 'message--failed'];
  return (
    // An article named by its text, so a message can be found and read on its own.
    <article className={classes.filter(Boolean).join(' ')} aria-labelledby={bodyId} data-seq={message.seq ?? undefined}>
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
