import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress';

describe('progressReporter', () => {
  const table: [total: number, reported: number[]][] = [
    [3, [1, 2, 3]],
    [20, Array.from({ length: 20 }, (_, i) => i + 1)],
    [100, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100]],
    [2_000, Array.from({ length: 20 }, (_, i) => (i + 1) * 100)],
  ];
  it.each(table)('of %i steps passes on about twenty, and the last', (total, reported) => {
    const seen: number[] = [];
    const report = progressReporter((done) => seen.push(done));
    for (let done = 1; done <= total; done++) report(done, total);
    expect(seen).toEqual(reported);
  });
});
