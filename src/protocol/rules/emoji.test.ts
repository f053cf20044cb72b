import { describe, expect, it } from 'vitest';
import { QUICK_REACTIONS, isReactionEmoji, looseEmoji } from './emoji';

describe('isReactionEmoji', () => {
  it.each([
    ['👍', true],
    ['👍🏽', true],
    ['❤️', true],
    ['👨‍👩‍👧', true],
    ['🇩🇪', true],
    ['1️⃣', true],
    ['❤', false],
    ['', false],
    ['a', false],
    ['ok', false],
    ['👍👍', false],
    ['👍 ', false],
    [' 👍', false],
    ['1', false],
    ['#', false],
    ['\u200d', false],
  ])('%j → %s', (value, expected) => {
    expect(isReactionEmoji(value)).toBe(expected);
  });

  it('accepts every quick reaction', () => {
    for (const emoji of QUICK_REACTIONS) expect(isReactionEmoji(emoji)).toBe(true);
  });
});

describe('looseEmoji (where the RegExp v flag is missing)', () => {
  it.each([
    ['👍', true],
    ['👍🏽', true],
    ['❤️', true],
    ['👨‍👩‍👧', true],
    ['🇩🇪', true],
    ['1️⃣', true],
    ['', false],
    ['a', false],
    ['ok', false],
    ['👍👍', false],
    ['👍 ', false],
    [' 👍', false],
    ['1', false],
  ])('%j → %s', (value, expected) => {
    expect(looseEmoji(value)).toBe(expected);
  });
});
