import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const options = { minMs: 100, maxMs: 1000 };

describe('backoffDelay', () => {
  it.each([
    { attempt: 0, random: 0, ms: 50 },
    { attempt: 0, random: 1, ms: 100 },
    { attempt: 1, random: 1, ms: 200 },
    { attempt: 2, random: 0.5, ms: 300 },
    { attempt: 3, random: 1, ms: 800 },
    { attempt: 4, random: 1, ms: 1000 },
    { attempt: 50, random: 0, ms: 500 },
    { attempt: 5000, random: 1, ms: 1000 },
  ])('attempt $attempt with random $random waits $ms ms', ({ attempt, random, ms }) => {
    expect(backoffDelay(attempt, options, () => random)).toBe(ms);
  });
});
