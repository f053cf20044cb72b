import { describe, expect, it } from 'vitest';
import { typingLine } from './typing';

describe('typingLine', () => {
  it.each([
    [[], ''],
    [['Maya'], 'Maya is typing…'],
    [['Maya', 'Leo'], 'Maya and Leo are typing…'],
    [['Maya', 'Leo', 'Sam'], '3 people are typing…'],
    [['A', 'B', 'C', 'D', 'E'], '5 people are typing…'],
  ])('%j', (names, expected) => {
    expect(typingLine(names)).toBe(expected);
  });
});
