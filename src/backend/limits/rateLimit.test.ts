import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRateLimit, waitOf } from './rateLimit';

afterEach(() => {
  vi.useRealTimers();
});

describe('MemoryRateLimit', () => {
  it('allows `points` per window, then says how long to wait', async () => {
    vi.useFakeTimers();
    const limit = new MemoryRateLimit({ points: 2, durationSec: 10 });
    expect(await limit.consume('k')).toBe(0);
    vi.advanceTimersByTime(4000);
    expect(await limit.consume('k')).toBe(0);
    expect(await limit.consume('k')).toBe(6000);
    expect(await limit.consume('other')).toBe(0);
    vi.advanceTimersByTime(6000);
    expect(await limit.consume('k')).toBe(0);
  });

  it('gives points back and forgets keys on request', async () => {
    const limit = new MemoryRateLimit({ points: 1, durationSec: 60 });
    await limit.consume('k');
    await limit.reward('k');
    expect(await limit.consume('k')).toBe(0);
    expect(await limit.consume('k')).toBeGreaterThan(0);
    await limit.reset('k');
    expect(await limit.consume('k')).toBe(0);
  });

  // The limiter it replaced kept a bucket per key for ever: a stream of new keys grew it without end.
  it('drops a key once its window is over', async () => {
    vi.useFakeTimers();
    const limit = new MemoryRateLimit({ points: 5, durationSec: 60 });
    for (let i = 0; i < 1000; i++) await limit.consume(`address-${i}`);
    expect(limit.size).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(limit.size).toBe(0);
  });
});

describe('waitOf', () => {
  it('reads the wait of a refusal and rethrows a store failure', () => {
    expect(waitOf({ msBeforeNext: 1234.2, remainingPoints: 0 })).toBe(1235);
    expect(waitOf({ msBeforeNext: 0 })).toBe(1);
    const failure = new Error('Redis is down');
    expect(() => waitOf(failure)).toThrow(failure);
  });
});
