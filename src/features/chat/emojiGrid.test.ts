import { describe, expect, it } from 'vitest';
import { ABOVE_GRID, gridMove, searchEmoji, type EmojiGroup, type GridKey } from './emojiGrid';

const groups: EmojiGroup[] = [
  {
    name: 'Smileys & Emotion',
    emojis: [
      { emoji: '😂', name: 'face with tears of joy' },
      { emoji: '😊', name: 'smiling face with smiling eyes' },
    ],
  },
  {
    name: 'People & Body',
    emojis: [
      { emoji: '👍', name: 'thumbs up' },
      { emoji: '👂', name: 'ear' },
    ],
  },
  { name: 'Food & Drink', emojis: [{ emoji: '☕', name: 'hot beverage' }] },
  { name: 'Travel & Places', emojis: [{ emoji: '🏠', name: 'house' }, { emoji: '🏡', name: 'house with garden' }] },
  { name: 'Flags', emojis: [{ emoji: '🇨🇮', name: 'flag: Côte d’Ivoire' }] },
];

const found = (query: string) => searchEmoji(groups, query).flatMap((group) => group.emojis.map((entry) => entry.emoji));

describe('searchEmoji', () => {
  it.each([
    ['', ['😂', '😊', '👍', '👂', '☕', '🏠', '🏡', '🇨🇮']],
    ['   ', ['😂', '😊', '👍', '👂', '☕', '🏠', '🏡', '🇨🇮']],
    ['thu', ['👍']],
    ['THUMBS up', ['👍']],
    ['up thu', ['👍']],
    ['ear', ['👂']],
    ['smil', ['😊']],
    ['house', ['🏠', '🏡']],
    ['house gar', ['🏡']],
    ['cote', ['🇨🇮']],
    ['☕', ['☕']],
    ['zebra', []],
  ])('%j finds %j', (query, expected) => {
    expect(found(query)).toEqual(expected);
  });

  it('keeps only the groups with a match', () => {
    expect(searchEmoji(groups, 'house').map((group) => group.name)).toEqual(['Travel & Places']);
  });
});

describe('gridMove', () => {
  // Four columns; groups of 6, 3 and 5:
  //   0  1  2  3        row 0 of group A
  //   4  5              row 1 of group A
  //   6  7  8           group B
  //   9 10 11 12        group C
  //  13                 group C, row 1
  const sizes = [6, 3, 5];
  it.each<[number, GridKey, number, boolean?]>([
    [0, 'ArrowRight', 1],
    [5, 'ArrowRight', 6],
    [13, 'ArrowRight', 13],
    [6, 'ArrowLeft', 5],
    [0, 'ArrowLeft', 0],
    [1, 'ArrowDown', 5],
    [3, 'ArrowDown', 5],
    [5, 'ArrowDown', 7],
    [4, 'ArrowDown', 6],
    [8, 'ArrowDown', 11],
    [12, 'ArrowDown', 13],
    [13, 'ArrowDown', 13],
    [5, 'ArrowUp', 1],
    [7, 'ArrowUp', 5],
    [8, 'ArrowUp', 5],
    [11, 'ArrowUp', 8],
    [12, 'ArrowUp', 8],
    [2, 'ArrowUp', ABOVE_GRID],
    [10, 'Home', 9],
    [10, 'End', 12],
    [5, 'End', 5],
    [10, 'Home', 0, true],
    [1, 'End', 13, true],
  ])('from %i, %s goes to %i', (from, key, expected, wholeGrid = false) => {
    expect(gridMove(sizes, 4, from, key, 'ltr', wholeGrid)).toBe(expected);
  });

  // Right to left the rows run from the right: Left goes on through the emoji, Right back; Up, Down, Home
  // (the row's start, now on the right) and End keep their meaning.
  it.each<[number, GridKey, number, boolean?]>([
    [0, 'ArrowLeft', 1],
    [5, 'ArrowLeft', 6],
    [13, 'ArrowLeft', 13],
    [6, 'ArrowRight', 5],
    [0, 'ArrowRight', 0],
    [1, 'ArrowDown', 5],
    [7, 'ArrowUp', 5],
    [2, 'ArrowUp', ABOVE_GRID],
    [10, 'Home', 9],
    [10, 'End', 12],
    [10, 'Home', 0, true],
    [1, 'End', 13, true],
  ])('right to left, from %i, %s goes to %i', (from, key, expected, wholeGrid = false) => {
    expect(gridMove(sizes, 4, from, key, 'rtl', wholeGrid)).toBe(expected);
  });

  it('skips empty groups', () => {
    expect(gridMove([2, 0, 2], 4, 0, 'ArrowDown', 'ltr')).toBe(2);
    expect(gridMove([2, 0, 2], 4, 3, 'ArrowUp', 'ltr')).toBe(1);
  });

  it('has nowhere to go in an empty grid', () => {
    expect(gridMove([], 4, 0, 'ArrowDown', 'ltr')).toBe(ABOVE_GRID);
  });
});
