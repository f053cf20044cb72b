import { describe, expect, it } from 'vitest';
import { hasGap } from './gap';

describe('hasGap', () => {
  const table: [local: number, incoming: number, gap: boolean][] = [
    [0, 1, false],
    [0, 2, true],
    [4, 5, false],
    [4, 7, true],
    [4, 4, false],
    [9, 3, false],
  ];
  it.each(table)('local %i, incoming %i -> %s', (local, incoming, gap) => {
    expect(hasGap(local, incoming)).toBe(gap);
  });
});
