import { describe, expect, it } from 'vitest';
import { countedProgress, progressPercent } from './progress';

describe('countedProgress', () => {
  it.each([
    ['Syncing', 3, 20, 'conversations', 'Syncing 3 of 20 conversations'],
    ['Building', 4000, 10000, 'messages', 'Building 4,000 of 10,000 messages'],
    ['Syncing', 0, 1, 'conversations', 'Syncing 0 of 1 conversations'],
  ])('%s %i of %i %s', (verb, done, total, unit, text) => {
    expect(countedProgress(verb, done, total, unit, 'en-US')).toBe(text);
  });
});

describe('progressPercent', () => {
  it.each([
    [0, 20, 0],
    [3, 20, 15],
    [20, 20, 100],
    [25, 20, 100],
    [0, 0, 0],
  ])('%i of %i -> %i%%', (done, total, percent) => {
    expect(progressPercent(done, total)).toBe(percent);
  });
});
