import { describe, expect, it } from 'vitest';
import { cumulativeLayoutShift, droppedFrames, median, percentile } from './figures';
import { pickEncoding } from './compressedServer';

describe('browser benchmark figures', () => {
  it.each([
    [[], 50, Number.NaN],
    [[5], 95, 5],
    [[3, 1, 2], 50, 2],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
  ])('percentile of %j at p%i is %d', (samples, p, expected) => {
    expect(percentile(samples, p)).toEqual(expected);
  });

  it('median is p50', () => expect(median([9, 1, 5])).toBe(5));

  const shift = (startTime: number, value: number, hadRecentInput = false) => ({ startTime, value, hadRecentInput });
  it.each([
    ['no shift', [], 0],
    ['shifts after input do not count', [shift(100, 0.3, true)], 0],
    ['one window sums its shifts', [shift(100, 0.1), shift(600, 0.05)], 0.15],
    ['a gap of 1 s starts a new window, the largest counts', [shift(100, 0.1), shift(1200, 0.02), shift(1300, 0.03)], 0.1],
    ['a window lasts at most 5 s', [0, 900, 1800, 2700, 3600, 4500, 5400].map((t) => shift(t, 0.01)), 0.06],
    ['order of arrival does not matter', [shift(600, 0.05), shift(100, 0.1)], 0.15],
  ])('CLS: %s', (_, shifts, expected) => {
    expect(cumulativeLayoutShift(shifts)).toBeCloseTo(expected, 10);
  });

  it.each([
    [[], 0],
    [[0, 16.7, 33.3, 50], 0],
    [[0, 16.7, 50, 66.7], 1],
    [[0, 100], 5],
  ])('dropped frames of %j: %i', (stamps, expected) => {
    expect(droppedFrames(stamps)).toBe(expected);
  });

  it.each([
    [undefined, null],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['identity', null],
  ])('answers Accept-Encoding %j with %j', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});
