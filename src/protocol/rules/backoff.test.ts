import { describe, expect, it } from 'vitest';
import { backoffDelay, retryDelay } from './backoff';

const options = { baseMs: 100, maxMs: 1000 };

describe('backoffDelay', () => {
  const table: [attempt: number, random: number, expected: number][] = [
    [1, 0, 50],
    [1, 0.999999, 100],
    [2, 0, 100],
    [2, 0.5, 150],
    [3, 0, 200],
    [4, 1 - 1e-9, 800],
    [5, 0, 500],
    [5, 0.5, 750],
    [50, 0, 500],
    [50, 1 - 1e-9, 1000],
    [0, 0, 50],
    [5000, 1 - 1e-9, 1000],
  ];
  it.each(table)('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, random, options)).toBe(expected);
  });

  it('never exceeds the cap and never drops below half the step', () => {
    for (let attempt = 1; attempt <= 40; attempt++) {
      for (const random of [0, 0.25, 0.5, 0.75, 0.999]) {
        const delay = backoffDelay(attempt, random, options);
        const step = Math.min(1000, 100 * 2 ** (attempt - 1));
        expect(delay).toBeLessThanOrEqual(1000);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
      }
    }
  });
});

describe('retryDelay', () => {
  const table: [attempt: number, retryAfter: number | undefined, expected: number][] = [
    [1, undefined, 50],
    [1, 30, 50],
    [1, 2000, 2000],
    [5, 600, 600],
  ];
  it.each(table)('attempt %i with retry-after %s waits %i ms', (attempt, retryAfter, expected) => {
    expect(retryDelay(attempt, 0, retryAfter, options)).toBe(expected);
  });
});
