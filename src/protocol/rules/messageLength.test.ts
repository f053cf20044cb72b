import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { isMessageTooLong, messageLength } from './messageLength';

describe('messageLength', () => {
  it.each([
    { name: 'plain letters', body: 'hello', expected: 5 },
    { name: 'an emoji outside the BMP is one', body: '😀', expected: 1 },
    { name: 'a skin-tone emoji is its two code points', body: '👍🏽', expected: 2 },
    { name: 'a letter with a combining accent is two', body: 'e\u0301', expected: 2 },
    { name: 'accented letters in the BMP are one each', body: 'héllo wörld', expected: 11 },
    { name: 'surrounding whitespace does not count', body: '  \n hi 😀 \t', expected: 4 },
    { name: 'a lone surrogate counts as one', body: 'a\ud83d', expected: 2 },
    { name: 'a lone low surrogate before a pair', body: '\ude00😀', expected: 2 },
    { name: 'empty', body: '   ', expected: 0 },
  ])('$name -> $expected', ({ body, expected }) => {
    expect(messageLength(body)).toBe(expected);
    expect(messageLength(body)).toBe(Array.from(body.trim()).length);
  });
});

describe('isMessageTooLong', () => {
  it.each([
    { name: 'letters at the limit', body: 'a'.repeat(LIMITS.bodyMaxChars), expected: false },
    { name: 'letters over the limit', body: 'a'.repeat(LIMITS.bodyMaxChars + 1), expected: true },
    { name: 'emoji at the limit (twice as many UTF-16 units)', body: '😀'.repeat(LIMITS.bodyMaxChars), expected: false },
    { name: 'emoji over the limit', body: '😀'.repeat(LIMITS.bodyMaxChars + 1), expected: true },
    { name: 'trailing spaces past the limit', body: `${'a'.repeat(LIMITS.bodyMaxChars)}   `, expected: false },
  ])('$name -> $expected', ({ body, expected }) => {
    expect(isMessageTooLong(body)).toBe(expected);
  });
});
