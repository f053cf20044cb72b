import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { QUICK_REACTIONS, type MessageView } from '../../client';
import { Menu, MenuItem, type MenuAnchor } from '../../ui/Menu';
import { CopyIcon, EditIcon, InfoIcon, ReplyIcon, SmilePlusIcon, TrashIcon } from '../../ui/moreIcons';
import { canAddReaction, reactedWith, type AvailableActions } from './messageActions';

export type MenuChoice = 'reply' | 'edit' | 'copy' | 'info' | 'delete' | 'more-reactions' | { emoji: string };

export interface MessageMenuProps {
  message: MessageView;
  available: AvailableActions;
  anchor: MenuAnchor;
  /** A phone's long-press: a sheet along the bottom, with room for a finger. */
  sheet: boolean;
  onChoose(choice: MenuChoice): void;
  onClose(): void;
}

/**
 * A message's menu (More actions, a right-click, Shift+F10 or the menu key, a long-press): the six
 * quick reactions and More reactions in a row, then Reply, Edit and Delete (mine), Copy, Message info
 * (mine, in a group). Focus starts on the first action after the reactions, so Enter never reacts by accident.
 */
export function MessageMenu({ message, available, anchor, sheet, onChoose, onClose }: MessageMenuProps) {
  return (
    <Menu label={t`Message actions`} anchor={anchor} sheet={sheet} onClose={onClose} initialFocus=".menu__action" className="message-menu">
      {available.react && (
        <>
          <div role="group" aria-label={t`Reactions`} className="menu__reactions">
            {QUICK_REACTIONS.map((emoji) => {
              const mine = reactedWith(message, emoji);
              const allowed = mine || canAddReaction(message, emoji);
              return (
                <MenuItem
                  key={emoji}
                  className="menu__reaction"
                  label={t`React with ${emoji}`}
                  title={allowed ? t`React with ${emoji}` : t`This message has as many different reactions as it can take`}
                  checked={mine}
                  disabled={!allowed}
                  onSelect={() => onChoose({ emoji })}
                >
                  <span aria-hidden="true">{emoji}</span>
                </MenuItem>
              );
            })}
            <MenuItem className="menu__reaction" label={t`More reactions`} title={t`More reactions`} onSelect={() => onChoose('more-reactions')}>
              <SmilePlusIcon size={20} />
            </MenuItem>
          </div>
          <div role="separator" className="menu__separator" />
        </>
      )}
      {available.reply && (
        <MenuItem className="menu__action" icon={<ReplyIcon size={18} />} onSelect={() => onChoose('reply')}>
          <Trans>Reply</Trans>
        </MenuItem>
      )}
      {available.edit && (
        <MenuItem className="menu__action" icon={<EditIcon size={18} />} onSelect={() => onChoose('edit')}>
          <Trans>Edit</Trans>
        </MenuItem>
      )}
      {available.copy && (
        <MenuItem className="menu__action" icon={<CopyIcon size={18} />} onSelect={() => onChoose('copy')}>
          <Trans>Copy text</Trans>
        </MenuItem>
      )}
      {available.info && (
        <MenuItem className="menu__action" icon={<InfoIcon size={18} />} onSelect={() => onChoose('info')}>
          <Trans>Message info</Trans>
        </MenuItem>
      )}
      {available.remove && (
        <MenuItem className="menu__action" danger icon={<TrashIcon size={18} />} onSelect={() => onChoose('delete')}>
          <Trans>Delete</Trans>
        </MenuItem>
      )}
    </Menu>
  );
}
