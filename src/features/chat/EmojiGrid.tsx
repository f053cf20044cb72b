import type { MessageDescriptor } from '@lingui/core';
import { msg, plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isReactionEmoji } from '../../client';
import { directionOf } from '../../ui/direction';
import { i18n } from '../../ui/i18n/i18n';
import { Spinner } from '../../ui/Spinner';
import { ABOVE_GRID, gridMove, searchEmoji, type EmojiGroup, type GridKey } from './emojiGrid';

/** Emoji in a row, on every screen: the dialog is at most 520 px wide and a phone's still fits eight. */
export const COLUMNS = 8;

let emojiList: Promise<EmojiGroup[] | null> | null = null;

/**
 * The Unicode emoji list (its own chunk, fetched the first time the picker opens), without what a
 * reaction may not be: the rule the backend applies, so an emoji newer than this browser's Unicode
 * data is not offered only to be refused. Null when the chunk could not be fetched (offline before
 * it was ever loaded); the next opening tries again.
 */
export function loadEmojiList(): Promise<EmojiGroup[] | null> {
  emojiList ??= import('./emojiData').then(
    ({ EMOJI_GROUPS }) => EMOJI_GROUPS.map((group) => ({ ...group, emojis: group.emojis.filter((entry) => isReactionEmoji(entry.emoji)) })),
    () => {
      emojiList = null;
      return null;
    },
  );
  return emojiList;
}

/**
 * Unicode's emoji groups (CLDR's names, as unicode-emoji-json has them) in the reader's language: a short,
 * fixed list, so ours to translate. A group this table does not know (a newer Unicode) keeps its English name.
 * The emoji's own names stay English: they come with the data, hundreds of them, and search matches them.
 */
const GROUP_NAMES: Readonly<Record<string, MessageDescriptor>> = {
  'Smileys & Emotion': msg`Smileys & Emotion`,
  'People & Body': msg`People & Body`,
  'Animals & Nature': msg`Animals & Nature`,
  'Food & Drink': msg`Food & Drink`,
  'Travel & Places': msg`Travel & Places`,
  Activities: msg`Activities`,
  Objects: msg`Objects`,
  Symbols: msg`Symbols`,
  Flags: msg`Flags`,
};

function groupName(name: string): string {
  const descriptor = GROUP_NAMES[name];
  return descriptor ? i18n._(descriptor) : name;
}

// eslint-disable-next-line lingui/no-unlocalized-strings -- KeyboardEvent.key values, not words anyone reads
const GRID_KEYS = new Set<string>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

export interface EmojiGridProps {
  query: string;
  /** Mine already on the message: shown pressed. */
  chosen: ReadonlySet<string>;
  /** Whether it may be added (a message takes a limited number of different emoji). */
  allowed(emoji: string): boolean;
  onPick(emoji: string): void;
  /** Up from the first row: back to the search field. */
  onLeaveTop(): void;
}

/** The emoji that match the search, by group: one grid each, one Tab stop for all, the arrow keys across them. */
export function EmojiGrid({ query, chosen, allowed, onPick, onLeaveTop }: EmojiGridProps) {
  // undefined while the list loads, null when it could not be.
  const [all, setAll] = useState<EmojiGroup[] | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void loadEmojiList().then((list) => current && setAll(list));
    return () => {
      current = false;
    };
  }, []);
  const groups = useMemo(() => (all ? searchEmoji(all, query) : []), [all, query]);
  const sizes = useMemo(() => groups.map((group) => group.emojis.length), [groups]);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const idPrefix = useId();
  const container = useRef<HTMLDivElement>(null);
  // The Tab stop; back to the first emoji whenever the search changes what is shown.
  const [current, setCurrent] = useState(0);
  const [shownQuery, setShownQuery] = useState(query);
  if (query !== shownQuery) {
    setShownQuery(query);
    setCurrent(0);
  }

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = Number((event.target as HTMLElement).dataset.index);
    if (!GRID_KEYS.has(event.key) || Number.isNaN(index)) return;
    event.preventDefault();
    const next = gridMove(sizes, COLUMNS, index, event.key as GridKey, directionOf(event.currentTarget), event.ctrlKey);
    if (next === ABOVE_GRID) return onLeaveTop();
    setCurrent(next);
    container.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
  }

  if (all === undefined) {
    return (
      <p className="emoji-picker__note" role="status">
        <Spinner size={16} /> <Trans>Loading emoji…</Trans>
      </p>
    );
  }
  if (all === null) {
    return (
      <p className="emoji-picker__note" role="alert">
        <Trans>The emoji list could not be loaded. Check your connection and try again.</Trans>
      </p>
    );
  }
  let index = 0;
  const searched = query.trim();
  return (
    <div ref={container} className="emoji-picker__groups" onKeyDown={keyDown}>
      <p className="visually-hidden" role="status">
        {searched ? plural(total, { one: '# emoji found', other: '# emoji found' }) : ''}
      </p>
      {total === 0 && (
        <p className="emoji-picker__note">
          <Trans>No emoji match “{searched}”.</Trans>
        </p>
      )}
      {groups.map((group, g) => {
        const headingId = `${idPrefix}-${g}`;
        const rows: EmojiGroup['emojis'][] = [];
        for (let start = 0; start < group.emojis.length; start += COLUMNS) rows.push(group.emojis.slice(start, start + COLUMNS));
        return (
          <section key={group.name} className="emoji-picker__group" aria-labelledby={headingId}>
            <h3 id={headingId} className="emoji-picker__heading">
              {groupName(group.name)}
            </h3>
            <div role="grid" aria-labelledby={headingId} className="emoji-grid">
              {rows.map((row, r) => (
                <div role="row" key={r} className="emoji-grid__row">
                  {row.map((entry) => {
                    const at = index++;
                    const pressed = chosen.has(entry.emoji);
                    const disabled = !pressed && !allowed(entry.emoji);
                    return (
                      <span role="gridcell" key={entry.emoji} className="emoji-grid__cell">
                        <button
                          type="button"
                          className="emoji-grid__emoji"
                          data-index={at}
                          tabIndex={at === current ? 0 : -1}
                          aria-label={entry.name}
                          title={disabled ? tooFull(entry.name) : entry.name}
                          aria-pressed={pressed}
                          aria-disabled={disabled || undefined}
                          onFocus={() => setCurrent(at)}
                          onClick={() => !disabled && onPick(entry.emoji)}
                        >
                          {entry.emoji}
                        </button>
                      </span>
                    );
                  })}
                </div>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

/** An emoji's tooltip when the message takes no more different emoji: its (English, Unicode) name and why. */
function tooFull(name: string): string {
  return t`${name}: this message has as many different reactions as it can take`;
}
