import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageView } from '../../client';
import { Dialog } from '../../ui/Dialog';
import { EmojiGrid } from './EmojiGrid';
import { canAddReaction } from './messageActions';

export interface ReactionPickerProps {
  message: MessageView;
  /** An emoji chosen: the picker closes; choosing one of mine takes it back (as its chip does). */
  onPick(emoji: string): void;
  onClose(): void;
}

/**
 * "Add a reaction": every emoji, by group, searchable by name (the list itself, ~40 kB gzip, is a chunk
 * loaded when the picker first opens: EmojiGrid's loadEmojiList). A modal dialog: the search field has
 * focus, Down (or Tab) goes into the emoji, the arrow keys move among them (Up from the first row back
 * to the search), Enter in the search picks the first match, Escape closes.
 */
export function ReactionPicker({ message, onPick, onClose }: ReactionPickerProps) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const search = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);
  const mine = useMemo(() => new Set(message.reactions.filter((reaction) => reaction.mine).map((reaction) => reaction.emoji)), [message.reactions]);
  const allowed = (emoji: string) => canAddReaction(message, emoji);

  function searchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'Enter') return;
    const current = results.current?.querySelector<HTMLButtonElement>('.emoji-grid__emoji[tabindex="0"]');
    const first = results.current?.querySelector<HTMLButtonElement>('.emoji-grid__emoji');
    if (!first) return;
    event.preventDefault();
    if (event.key === 'ArrowDown') (current ?? first).focus();
    else first.click();
  }

  return (
    <Dialog title={t`Add a reaction`} onClose={onClose} wide initialFocus=".emoji-picker__search">
      <div className="emoji-picker">
        <label htmlFor={searchId} className="visually-hidden">
          <Trans>Search emoji</Trans>
        </label>
        <input
          ref={search}
          id={searchId}
          className="field__input emoji-picker__search"
          type="search"
          placeholder={t`Search emoji`}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={searchKey}
        />
        <div ref={results} className="emoji-picker__results">
          <EmojiGrid query={query} chosen={mine} allowed={allowed} onPick={onPick} onLeaveTop={() => search.current?.focus()} />
        </div>
      </div>
    </Dialog>
  );
}
