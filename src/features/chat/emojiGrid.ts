/**
 * The reaction picker's rules, apart from its data (the full emoji list is a chunk of its own, loaded
 * when the picker opens): searching by name, and moving around its grid with the arrow keys.
 */
import { horizontalStep, type Direction } from '../../ui/direction';

export interface EmojiEntry {
  emoji: string;
  /** Unicode's name, lower case: "thumbs up". */
  name: string;
}

export interface EmojiGroup {
  name: string;
  emojis: EmojiEntry[];
}

/** Lower case, without accents, so "Café" finds "cafe". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * The groups with only the emoji that match: every word typed starts a word of the name ("thu up"
 * finds "thumbs up", "ear" does not find "tears"), or the query is the emoji itself. Empty groups go.
 */
export function searchEmoji(groups: readonly EmojiGroup[], query: string): EmojiGroup[] {
  const trimmed = query.trim();
  const words = fold(trimmed).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  const matches = (entry: EmojiEntry) => {
    if (entry.emoji === trimmed) return true;
    const nameWords = fold(entry.name).split(/[\s:,-]+/);
    return words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
  };
  return groups.map((group) => ({ ...group, emojis: group.emojis.filter(matches) })).filter((group) => group.emojis.length > 0);
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/** Where the grid is left upward, from its first row (the search field above it takes focus). */
export const ABOVE_GRID = -1;

/**
 * The index (counted across all groups) a key moves to, in groups laid out one after another in rows
 * of `columns`, each group starting a new row. Left and Right go through the emoji in order (in `direction`:
 * right to left, the next is on the left, where the row goes on); Up and Down keep the column, into the next or previous group's nearest row (the last item of a shorter
 * row); Home and End go to the row's ends, with `wholeGrid` (Ctrl) to the grid's. Up from the first
 * row answers ABOVE_GRID; anything else past an end stays put.
 */
export function gridMove(groupSizes: readonly number[], columns: number, index: number, key: GridKey, direction: Direction, wholeGrid = false): number {
  const total = groupSizes.reduce((sum, size) => sum + size, 0);
  if (total === 0) return ABOVE_GRID;
  const starts: number[] = [];
  let offset = 0;
  for (const size of groupSizes) {
    starts.push(offset);
    offset += size;
  }
  let group = starts.findLastIndex((start, g) => start <= index && groupSizes[g]! > 0);
  if (group < 0) group = 0;
  const within = index - starts[group]!;
  const row = Math.floor(within / columns);
  const column = within % columns;
  const size = groupSizes[group]!;
  const rowStart = starts[group]! + row * columns;
  const rowEnd = Math.min(rowStart + columns, starts[group]! + size) - 1;

  switch (key) {
    case 'ArrowRight':
    case 'ArrowLeft':
      return Math.min(Math.max(index + horizontalStep(key, direction), 0), total - 1);
    case 'Home':
      return wholeGrid ? 0 : rowStart;
    case 'End':
      return wholeGrid ? total - 1 : rowEnd;
    case 'ArrowDown': {
      if ((row + 1) * columns < size) return starts[group]! + Math.min((row + 1) * columns + column, size - 1);
      const next = groupSizes.findIndex((s, g) => g > group && s > 0);
      return next < 0 ? index : starts[next]! + Math.min(column, groupSizes[next]! - 1);
    }
    case 'ArrowUp': {
      if (row > 0) return starts[group]! + (row - 1) * columns + column;
      const previous = groupSizes.findLastIndex((s, g) => g < group && s > 0);
      if (previous < 0) return ABOVE_GRID;
      const previousSize = groupSizes[previous]!;
      const lastRow = Math.floor((previousSize - 1) / columns);
      return starts[previous]! + Math.min(lastRow * columns + column, previousSize - 1);
    }
  }
}
