import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { memo, useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { messageKey, type MessageView } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { formatClockTime } from '../../ui/format/time';
import { errorText } from '../../ui/i18n/errors';
import { formatLocale } from '../../ui/i18n/i18n';
import type { MenuAnchor } from '../../ui/Menu';
import { AlertIcon, BanIcon, ClockIcon, RetryIcon, TrashIcon } from '../../ui/moreIcons';
import { MessageTicks } from '../../ui/MessageTicks';
import { availableActions, quoteLine, refusalText, type MessageActionHandlers } from './messageActions';
import { MessageText } from './MessageText';
import { MessageToolbar } from './MessageToolbar';
import { Quote } from './Quote';
import { ReactionChips } from './ReactionChips';
import { useLongPress } from './useLongPress';

/** Who wrote an incoming group message, shown where a run of theirs starts. */
export interface SenderLabel {
  name: string;
  color: string;
}

/** How the menu was asked for: where it opens, and whether as a phone's sheet. */
export interface MenuRequest {
  anchor: MenuAnchor;
  sheet: boolean;
}

/** What a message needs from its list to act: the same object for every message, so a bubble re-renders only when its message does. */
export interface BubbleControls {
  /** Someone's name (reactions, quotes); the bubble itself says "you". */
  nameOf(userId: string): string;
  colorOf(userId: string): string;
  meId: string | null;
  /** Null: the message is only shown (no toolbar, menu or toggling). */
  handlers: MessageActionHandlers | null;
  openMenu(message: MessageView, request: MenuRequest): void;
  /** A reply's quote was chosen: show the original (`seq`). */
  jump(seq: number): void;
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
  controls?: BubbleControls | null;
  /** The log's one Tab stop among messages (the arrow keys move between them). */
  tabbable?: boolean;
  /** Just jumped to (a reply's original): marked for a moment, and focused. */
  highlighted?: boolean;
  /** Being edited in the composer. */
  editing?: boolean;
}

/** When a message was edited, for its "edited" mark's title, in the app's language (not the browser's). */
function editedTitle(at: string): string {
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return t`Edited ${date}`;
}

/** A reply's quote as a button's name: whose words, and the words. */
function quoteButtonLabel(name: string | null, quotedMine: boolean, text: string): string {
  // "You" as the quote's title shows it; a sentence of its own, for languages where "you" changes after "in reply to".
  if (quotedMine) return t`In reply to You: ${text}`;
  if (name) return t`In reply to ${name}: ${text}`;
  return t`In reply to an earlier message`;
}

export const MessageBubble = memo(function MessageBubble({
  message,
  senderName,
  sender = null,
  startsRun,
  endsRun,
  onRetry,
  onDiscard,
  controls = null,
  tabbable = false,
  highlighted = false,
  editing = false,
}: MessageBubbleProps) {
  const { mine, status, deleted } = message;
  const bodyId = useId();
  const article = useRef<HTMLElement>(null);
  const bubble = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  // Focus that comes with a press (a click, a finger's tap) does not show the toolbar: the mouse's toolbar
  // goes when the pointer leaves, and a phone has none. Focus from the keyboard (or moved there) does.
  const pressed = useRef(false);
  const failed = status === 'failed';
  const handlers = controls?.handlers ?? null;
  const available = handlers ? availableActions(message, { canInfo: handlers.info !== undefined }) : null;

  const openMenu = (request: MenuRequest) => controls?.openMenu(message, request);
  const bubbleAnchor = (): MenuAnchor => {
    const box = (bubble.current ?? article.current)!.getBoundingClientRect();
    return { kind: 'rect', left: box.left, top: box.top, right: box.right, bottom: box.bottom };
  };
  const longPress = useLongPress((point) => {
    navigator.vibrate?.(10);
    openMenu({ anchor: { kind: 'point', ...point }, sheet: true });
  }, available !== null);
  const focusMessage = () => article.current?.focus({ preventScroll: true });

  // The list scrolled here; focus follows, so the keyboard and screen readers are where the eyes are
  // (without the toolbar: the jump was not a move to act on this message).
  useEffect(() => {
    if (!highlighted) return;
    pressed.current = true;
    article.current?.focus({ preventScroll: true });
  }, [highlighted]);

  function keyDown(event: KeyboardEvent<HTMLElement>) {
    pressed.current = false;
    if (!available) return;
    // From the message itself or its toolbar (a link keeps the browser's own menu).
    const target = event.target as HTMLElement;
    if (target !== event.currentTarget && !target.closest('.message__toolbar')) return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      openMenu({ anchor: bubbleAnchor(), sheet: false });
    }
  }

  function contextMenu(event: MouseEvent<HTMLElement>) {
    if (longPress.takeContextMenu(event) || !available) return;
    // A link keeps the browser's menu (open in a new tab, copy its address), and so does selected text.
    if ((event.target as Element).closest('a[href]') || (window.getSelection()?.toString() ?? '') !== '') return;
    event.preventDefault();
    // A keyboard's contextmenu (no keydown seen first) comes at 0,0 or the element's corner: by the bubble then.
    const fromPointer = event.button === 2 && (event.clientX !== 0 || event.clientY !== 0);
    openMenu({ anchor: fromPointer ? { kind: 'point', x: event.clientX, y: event.clientY } : bubbleAnchor(), sheet: false });
  }

  function pointerDown(event: PointerEvent<HTMLElement>) {
    pressed.current = true;
    longPress.onPointerDown(event);
  }

  function blur(event: FocusEvent<HTMLElement>) {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    setFocused(false);
    pressed.current = false;
  }

  const classes = [
    'message',
    mine ? 'message--mine' : 'message--theirs',
    sender && 'message--group',
    startsRun && 'message--run-start',
    endsRun && 'message--run-end',
    failed && 'message--failed',
    deleted && 'message--deleted',
    highlighted && 'message--highlight',
    editing && 'message--editing',
  ];
  const showSender = sender !== null && startsRun;
  const showToolbar = available !== null && handlers !== null && (hovered || focused);
  const quote = message.replyTo && !deleted ? message.replyTo : null;
  const quoted = quote ? quoteLine(quote) : null;
  const quotedMine = quote?.senderId != null && quote.senderId === controls?.meId;
  // The quote's title: the author's name, or "You" over a quote of mine.
  const quotedName = quote?.senderId ? (quotedMine ? t({ message: 'You', comment: 'The author of a quoted message, when it is the reader' }) : (controls?.nameOf(quote.senderId) ?? '')) : null;
  return (
    // An article named by its text, so a message can be found and read on its own.
    <article
      ref={article}
      className={classes.filter(Boolean).join(' ')}
      aria-labelledby={bodyId}
      aria-keyshortcuts={available ? 'Shift+F10' : undefined}
      data-seq={message.seq ?? undefined}
      data-key={messageKey(message.senderId, message.clientId)}
      tabIndex={tabbable ? 0 : -1}
      onKeyDown={keyDown}
      onContextMenu={contextMenu}
      onPointerDown={pointerDown}
      onPointerMove={longPress.onPointerMove}
      onPointerUp={longPress.onPointerUp}
      onPointerCancel={longPress.onPointerCancel}
      onClickCapture={longPress.onClickCapture}
      onPointerEnter={(event) => event.pointerType === 'mouse' && setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => !pressed.current && setFocused(true)}
      onBlur={blur}
    >
      {showSender && (
        <span className="message__sender" aria-hidden="true">
          <Avatar name={sender.name} color={sender.color} size="xs" />
          <span className="message__sender-name">{sender.name}</span>
        </span>
      )}
      <div className="message__row">
        <div className="message__bubble" ref={bubble}>
          {showToolbar && (
            <MessageToolbar
              message={message}
              available={available}
              handlers={handlers}
              focusMessage={focusMessage}
              onMore={(opener) => {
                const box = opener.getBoundingClientRect();
                openMenu({ anchor: { kind: 'rect', left: box.left, top: box.top, right: box.right, bottom: box.bottom }, sheet: false });
              }}
            />
          )}
          {startsRun && <span className="visually-hidden">{mine ? t`You:` : t`${senderName}:`}</span>}
          {quote && quoted && (
            <button
              type="button"
              className="message__quote"
              aria-label={quoteButtonLabel(quotedName, quotedMine, quoted.text)}
              title={t`Go to the original message`}
              onClick={() => controls?.jump(quote.seq)}
            >
              <Quote title={quotedName} text={quoted.text} missing={quoted.missing} accent={quote.senderId ? controls?.colorOf(quote.senderId) : undefined} />
            </button>
          )}
          <p className={deleted ? 'message__text message__text--deleted' : 'message__text'} dir="auto">
            <span id={bodyId}>
              {deleted ? (
                <>
                  <BanIcon size={15} className="message__deleted-icon" />
                  <Trans>This message was deleted</Trans>
                </>
              ) : (
                <MessageText body={message.body} />
              )}
            </span>
            <span className="message__meta" dir="ltr">
              {message.editedAt && !deleted && (
                <time className="message__edited" dateTime={message.editedAt} title={editedTitle(message.editedAt)}>
                  <Trans>edited</Trans>
                </time>
              )}
              {message.saving && (
                <span className="message__saving" role="img" aria-label={t`Saving your change`} title={t`Saving your change`}>
                  <ClockIcon size={12} />
                </span>
              )}
              <time dateTime={message.createdAt}>{formatClockTime(message.createdAt)}</time>
              {mine && !failed && <MessageTicks status={status} />}
            </span>
          </p>
        </div>
      </div>
      {message.reactions.length > 0 && (
        <ReactionChips message={message} nameOf={controls?.nameOf ?? String} meId={controls?.meId ?? null} handlers={available?.react ? handlers : null} focusMessage={focusMessage} />
      )}
      {message.actionError && (
        <p className="message__action-error">
          <AlertIcon size={15} />
          {refusalText(message.actionError.action, errorText(message.actionError))}
        </p>
      )}
      {failed && (
        <div className="message__failure">
          <span className="message__failure-text" title={message.error ? errorText(message.error) : undefined}>
            <AlertIcon size={16} />
            <Trans>Failed to send</Trans>
          </span>
          <Button variant="ghost" icon={<RetryIcon size={16} />} onClick={() => onRetry(message.clientId)}>
            <Trans>Retry</Trans>
          </Button>
          <Button variant="ghost" icon={<TrashIcon size={16} />} onClick={() => onDiscard(message.clientId)}>
            <Trans>Delete</Trans>
          </Button>
        </div>
      )}
    </article>
  );
});
