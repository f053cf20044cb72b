import { t } from '@lingui/core/macro';
import type { MessageView } from '../../client';
import { SmilePlusIcon } from '../../ui/moreIcons';
import { reactedWithText, reactionLabel, type MessageActionHandlers } from './messageActions';

export interface ReactionChipsProps {
  message: MessageView;
  nameOf(userId: string): string;
  meId: string | null;
  /** Null: shown, not toggled (nothing to act with). */
  handlers: MessageActionHandlers | null;
  /** Before the picker opens: focus goes to the message, for the picker to give it back there. */
  focusMessage(): void;
}

/**
 * Under a bubble: each emoji with its count, mine highlighted and pressed (choosing it takes mine back,
 * choosing another's adds mine); who reacted in its name and its tooltip; and Add reaction at the end.
 */
export function ReactionChips({ message, nameOf, meId, handlers, focusMessage }: ReactionChipsProps) {
  return (
    <div className="reactions" role="group" aria-label={t`Reactions`}>
      {message.reactions.map((reaction) => {
        return (
          <button
            key={reaction.emoji}
            type="button"
            className={reaction.mine ? 'reaction reaction--mine' : 'reaction'}
            aria-pressed={reaction.mine}
            aria-label={reactionLabel(reaction, nameOf, meId)}
            title={reactedWithText(reaction, nameOf, meId)}
            disabled={!handlers || message.seq === null}
            onClick={() => handlers?.react(message, reaction.emoji, !reaction.mine)}
          >
            <span className="reaction__emoji" aria-hidden="true">
              {reaction.emoji}
            </span>
            <span className="reaction__count" aria-hidden="true">
              {reaction.count}
            </span>
          </button>
        );
      })}
      {handlers && message.seq !== null && (
        <button
          type="button"
          className="reaction reaction--add"
          aria-label={t`Add reaction`}
          title={t`Add reaction`}
          onClick={() => {
            focusMessage();
            handlers.pickReaction(message);
          }}
        >
          <SmilePlusIcon size={16} />
        </button>
      )}
    </div>
  );
}
