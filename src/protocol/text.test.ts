import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { stripInvisible, text } from './text';

describe('text', () => {
  it.each([
    ['plain text', 'hello', true],
    ['emoji (a proper surrogate pair)', 'ship it 🚀', true],
    ['right-to-left text', 'שלום עולם', true],
    ['an empty string', '', true],
    ['a NUL byte', 'hel\u0000lo', false],
    ['a lone high surrogate', 'broken \uD83D', false],
    ['a lone low surrogate', '\uDE80 broken', false],
    ['two halves in the wrong order', '\uDE80\uD83D', false],
  ])('%s: accepted %s', (_what, value, ok) => {
    expect(text().safeParse(value).success).toBe(ok);
  });

  it('chains with the usual string rules', () => {
    const schema = text().check(z.trim(), z.minLength(2));
    expect(schema.parse('  ok  ')).toBe('ok');
    expect(schema.safeParse(' \u0000 ').success).toBe(false);
  });
});

describe('stripInvisible', () => {
  it.each([
    ['a plain name', 'Ann Lee', 'Ann Lee'],
    ['a right-to-left override', 'Ann\u202Eeel', 'Anneel'],
    ['isolates and marks', '\u2066Bob\u2069\u200F', 'Bob'],
    ['zero-width spaces and the byte-order mark', '\uFEFFal\u200Bice', 'alice'],
    ['a stray zero-width joiner', 'al\u200Dice', 'alice'],
    ['joiners at the edges', '\u200D\u200CEve\u200D', 'Eve'],
    ['a soft hyphen and a word joiner', 'Ma\u00ADry\u2060', 'Mary'],
    ['an emoji sequence joined by ZWJ', 'Dev 👩‍💻', 'Dev 👩‍💻'],
    ['a non-joiner inside Persian text', 'می‌خواهم', 'می‌خواهم'],
  ])('%s', (_what, name, shown) => {
    expect(stripInvisible(name)).toBe(shown);
  });
});
