import { describe, expect, it } from 'vitest';
import { MemoryRateLimit } from '../../src/backend/limits/rateLimit';
import { spreadConsumes } from '../../tests/support/spreadConsumes';
import { type LeaseSource, LeasedRateLimit, leaseCap, nextLease } from './leasedRateLimit';

/** What Redis does for the leases (redisRateLimits.ts's TAKE and GIVE), in memory, on a clock the test moves. */
class FakeSource implements LeaseSource {
  readonly counts = new Map<string, { used: number; endsAt: number }>();
  takes = 0;
  up = true;
  failing = false;
  constructor(readonly clock: { now: number }) {}

  ready(): boolean {
    return this.up;
  }

  async take(key: string, want: number, points: number, windowMs: number) {
    this.takes += 1;
    if (this.failing) throw new Error('Redis fell over');
    let count = this.counts.get(key);
    if (!count || this.clock.now >= count.endsAt) this.counts.set(key, (count = { used: 0, endsAt: this.clock.now + windowMs }));
    const granted = Math.max(0, Math.min(want, points - count.used));
    count.used += granted;
    return { granted, ttlMs: count.endsAt - this.clock.now };
  }

  async give(key: string, points: number) {
    const count = this.counts.get(key);
    if (count && this.clock.now < count.endsAt) count.used = Math.max(0, count.used - points);
  }

  async forget(key: string) {
    this.counts.delete(key);
  }
}

function cluster(points: number, durationSec: number, nodes = 2) {
  const clock = { now: 1_000 };
  const source = new FakeSource(clock);
  const rule = { points, durationSec };
  const limits = Array.from({ length: nodes }, () => new LeasedRateLimit(rule, source, new MemoryRateLimit(rule), () => clock.now));
  return { clock, source, limits };
}

describe('leaseCap and nextLease', () => {
  it.each([
    [1, 1],
    [5, 1],
    [7, 1],
    [8, 2],
    [30, 7],
    [600, 64],
    [1_000_000_000, 64],
  ])('a limit of %i is taken at most %i at a time', (points, cap) => {
    expect(leaseCap(points)).toBe(cap);
  });

  it.each([
    ['first block of a window, key unused before', { leasesThisWindow: 0, lastLease: 0, spentLastWindow: 0 }, 1],
    ['first block, key spent 5 last window', { leasesThisWindow: 0, lastLease: 4, spentLastWindow: 5 }, 5],
    ['first block, more than the cap last window', { leasesThisWindow: 0, lastLease: 7, spentLastWindow: 30 }, 7],
    ['a further block doubles', { leasesThisWindow: 1, lastLease: 2, spentLastWindow: 0 }, 4],
    ['within the cap', { leasesThisWindow: 3, lastLease: 4, spentLastWindow: 0 }, 7],
  ])('%s', (_name, previous, expected) => {
    expect(nextLease(7, previous)).toBe(expected);
  });
});

describe('LeasedRateLimit', () => {
  it('a limit taken point by point behaves exactly as one count, across nodes', async () => {
    const { limits } = cluster(5, 60);
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await limits[i % 2]!.consume('user'));
    expect(results.map((wait) => wait === 0)).toEqual([true, true, true, true, true, false, false]);
  });

  it('never allows more than the limit however the consumes spread over the nodes, and refuses at most a block per other node early', async () => {
    for (const nodes of [2, 3]) {
      const points = 100;
      const { limits } = cluster(points, 60, nodes);
      const { allowed, firstRefusal } = await spreadConsumes(limits, { bursts: 30, perBurst: 5 });
      expect(allowed).toBeLessThanOrEqual(points);
      expect(firstRefusal).toBeGreaterThanOrEqual(points - leaseCap(points) * (nodes - 1));
    }
  });

  it('asks the source once at a time for a key, the consumes that came meanwhile sharing the next block; once per window for a key spent steadily', async () => {
    const { clock, source, limits } = cluster(1_000_000_000, 1);
    const node = limits[0]!;
    await Promise.all(Array.from({ length: 5 }, () => node.consume('user')));
    expect(source.takes).toBe(2);
    // Three a window: the first windows learn the demand, then each window is one request.
    for (let window = 0; window < 5; window++) {
      clock.now += 1_000;
      source.takes = 0;
      for (let i = 0; i < 3; i++) expect(await node.consume('user')).toBe(0);
      if (window > 0) expect(source.takes).toBe(1);
    }
  });

  it('once the count is spent, refuses until the window ends without asking again, then allows', async () => {
    const { clock, source, limits } = cluster(8, 10);
    const [a, b] = limits as [LeasedRateLimit, LeasedRateLimit];
    for (let i = 0; i < 8; i++) expect(await a.consume('user')).toBe(0);
    expect(await b.consume('user')).toBe(10_000);
    const asked = source.takes;
    clock.now += 4_000;
    expect(await b.consume('user')).toBe(6_000);
    expect(await a.consume('user')).toBeGreaterThan(0);
    expect(source.takes).toBe(asked);
    clock.now += 6_000;
    expect(await b.consume('user')).toBe(0);
  });

  it('counts in its own memory while the source is down or failing', async () => {
    const { source, limits } = cluster(2, 60);
    const node = limits[0]!;
    source.up = false;
    expect([await node.consume('user'), await node.consume('user'), await node.consume('user') > 0]).toEqual([0, 0, true]);
    source.up = true;
    source.failing = true;
    expect(await node.consume('other')).toBe(0);
  });

  it('gives rewarded points back and forgets a reset key', async () => {
    const { source, limits } = cluster(2, 60);
    const [a, b] = limits as [LeasedRateLimit, LeasedRateLimit];
    await a.consume('user');
    await a.consume('user');
    await a.reward('user');
    expect(await a.consume('user')).toBe(0);
    // A node without a block of the key gives back to the shared count.
    await b.reward('user');
    expect(source.counts.get('user')!.used).toBe(1);
    await a.reset('user');
    expect(source.counts.has('user')).toBe(false);
    expect(await b.consume('user')).toBe(0);
  });

  it('drops the state of keys idle for a window', async () => {
    const { clock, limits } = cluster(30, 3);
    const node = limits[0]!;
    for (let i = 0; i < 100; i++) await node.consume(`user-${i}`);
    expect(node.size).toBe(100);
    clock.now += 6_000;
    await node.consume('someone');
    expect(node.size).toBe(1);
  });
});
