import { describe, expect, it } from 'vitest';
import { horizontalStep, type Direction } from './direction';

describe('horizontalStep', () => {
  it.each<[string, Direction, number]>([
    ['ArrowRight', 'ltr', 1],
    ['ArrowLeft', 'ltr', -1],
    ['ArrowLeft', 'rtl', 1],
    ['ArrowRight', 'rtl', -1],
    ['ArrowUp', 'ltr', 0],
    ['ArrowDown', 'rtl', 0],
    ['Home', 'rtl', 0],
    ['End', 'ltr', 0],
    ['a', 'rtl', 0],
  ])('%s in %s steps %i', (key, direction, expected) => {
    expect(horizontalStep(key, direction)).toBe(expected);
  });
});
