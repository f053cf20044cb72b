import { t } from '@lingui/core/macro';
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { QUICK_REACTIONS, type MessageView } from '../../client';
import { directionOf, horizontalStep } from '../../ui/direction';
import { EditIcon, MoreIcon, ReplyIcon, SmilePlusIcon } from '../../ui/moreIcons';
import { canAddReaction, reactedWith, type AvailableActions, type MessageActionHandlers } from './messageActions';

/** The quick reactions the toolbar shows itself; all six are in the menu. */
const TOOLBAR_REACTIONS = QUICK_REACTIONS.slice(0, 3);

export interface MessageToolbarProps {
  message: MessageView;
  available: AvailableActions;
  handlers: MessageActionHandlers;
  /** Before a dialog opens from here: focus goes to the message, for the dialog to give it back there. */
  focusMessage(): void;
  onMore(opener: HTMLElement): void;
}

/**
 * A message's actions on a desktop, shown while the pointer is over it or something in it has focus:
 * three quick reactions, Add reaction, Reply, Edit (mine) and More actions (the menu). An ARIA toolbar:
 * one Tab stop, Left and Right between its buttons (mirrored in a right-to-left page: Left goes to the next).
 */
export function MessageToolbar({ message, available, handlers, focusMessage, onMore }: MessageToolbarProps) {
  const toolbar = useRef<HTMLDivElement>(null);

  // Over the bubble's top edge, unless that is above the top of the log (the first message on screen):
  // then over its bottom edge, where it can be seen and reached.
  useLayoutEffect(() => {
    const element = toolbar.current;
    const log = element?.closest('[role="log"]');
    if (element && log && element.getBoundingClientRect().top < log.getBoundingClientRect().top) element.classList.add('message__toolbar--below');
  }, []);

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = horizontalStep(event.key, directionOf(event.currentTarget));
    const buttons = [...(toolbar.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const target = step !== 0 ? buttons[(at + step + buttons.length) % buttons.length] : event.key === 'Home' ? buttons[0] : event.key === 'End' ? buttons.at(-1) : undefined;
    if (!target) return;
    event.preventDefault();
    for (const button of buttons) button.tabIndex = button === target ? 0 : -1;
    target.focus();
  }

  // A quick reaction is disabled when the message has as many different emoji as it can take and not
  // this one; the buttons after them never are. The toolbar's one Tab stop is its first enabled button.
  const quick = available.react
    ? TOOLBAR_REACTIONS.map((emoji) => {
        const on = !reactedWith(message, emoji);
        return { emoji, on, allowed: !on || canAddReaction(message, emoji) };
      })
    : [];
  const firstAllowed = quick.findIndex((button) => button.allowed);
  const stop = firstAllowed >= 0 ? firstAllowed : quick.length;
  const buttonProps = (index: number, label: string) => ({ type: 'button' as const, className: 'message__tool', 'aria-label': label, title: label, tabIndex: index === stop ? 0 : -1 });
  let index = 0;
  return (
    <div ref={toolbar} className="message__toolbar" role="toolbar" aria-label={t`Message actions`} onKeyDown={keyDown}>
      {quick.map(({ emoji, on, allowed }) => (
        <button
          key={emoji}
          {...buttonProps(index++, t`React with ${emoji}`)}
          aria-pressed={!on}
          disabled={!allowed}
          className="message__tool message__tool--emoji"
          onClick={() => handlers.react(message, emoji, on)}
        >
          <span aria-hidden="true">{emoji}</span>
        </button>
      ))}
      {available.react && (
        <button
          {...buttonProps(index++, t`Add reaction`)}
          onClick={() => {
            focusMessage();
            handlers.pickReaction(message);
          }}
        >
          <SmilePlusIcon size={18} />
        </button>
      )}
      {available.reply && (
        <button {...buttonProps(index++, t`Reply`)} onClick={() => handlers.reply(message)}>
          <ReplyIcon size={18} />
        </button>
      )}
      {available.edit && (
        <button {...buttonProps(index++, t`Edit`)} onClick={() => handlers.edit(message)}>
          <EditIcon size={18} />
        </button>
      )}
      <button {...buttonProps(index++, t`More actions`)} aria-haspopup="menu" onClick={(event) => onMore(event.currentTarget)}>
        <MoreIcon size={18} />
      </button>
    </div>
  );
}
