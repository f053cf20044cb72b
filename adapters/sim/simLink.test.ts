import { describe, expect, it } from 'vitest';
import { ChatError, type ErrorCode } from '../../src/transport';
import { ManualClock } from '../../tests/support/manualClock';
import { createRandom } from './random';
import { SimLink } from './simLink';
import { SwitchableOnline } from '../../tests/support/switchableOnline';

const noLatency = { meanMs: 0, jitterMs: 0 };

/** Runs `n` requests across a link and records, for each, whether the backend saw it and what the caller got. */
async function run(link: SimLink, n: number) {
  const outcomes: { handled: boolean; result: 'ok' | ErrorCode }[] = [];
  for (let i = 0; i < n; i++) {
    let handled = false;
    const result = await link
      .call(async () => {
        handled = true;
        return 'ok' as const;
      })
      .catch((e: ChatError) => e.code);
    outcomes.push({ handled, result });
  }
  return outcomes;
}

describe('SimLink failures', () => {
  it('loses some requests before the backend and some answers after it, as TIMEOUT, replayably from a seed', async () => {
    const make = () => new SimLink({ random: createRandom(42), latency: noLatency, failureRate: 0.5, timeoutMs: 0 });
    const outcomes = await run(make(), 200);
    const lostRequests = outcomes.filter((o) => o.result === 'TIMEOUT' && !o.handled).length;
    const lostAnswers = outcomes.filter((o) => o.result === 'TIMEOUT' && o.handled).length;
    const ok = outcomes.filter((o) => o.result === 'ok');
    expect(ok.every((o) => o.handled)).toBe(true);
    expect(lostRequests + lostAnswers + ok.length).toBe(200);
    // Both ways of failing happen, in roughly the configured share.
    expect(lostRequests).toBeGreaterThan(20);
    expect(lostAnswers).toBeGreaterThan(20);
    expect(ok.length).toBeGreaterThan(60);
    expect(ok.length).toBeLessThan(140);
    expect(await run(make(), 200)).toEqual(outcomes);
  });

  it('never fails at rate 0 and always fails at rate 1', async () => {
    const never = await run(new SimLink({ random: createRandom(1), latency: noLatency, failureRate: 0 }), 50);
    expect(never.every((o) => o.result === 'ok')).toBe(true);
    const always = await run(new SimLink({ random: createRandom(1), latency: noLatency, failureRate: 1, timeoutMs: 0 }), 50);
    expect(always.every((o) => o.result === 'TIMEOUT')).toBe(true);
  });

  it('passes the backend’s own errors through unchanged', async () => {
    const link = new SimLink({ random: createRandom(1), latency: noLatency });
    const error = await link.call(() => Promise.reject(new ChatError('FORBIDDEN', 'not yours'))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'not yours' });
  });

  it('refuses bad settings', () => {
    const link = new SimLink({ random: createRandom(1) });
    expect(() => link.configure({ failureRate: 1.5 })).toThrow(RangeError);
    expect(() => link.configure({ latency: { meanMs: -1, jitterMs: 0 } })).toThrow(RangeError);
    expect(link.network().failureRate).toBe(0);
  });
});

describe('SimLink offline', () => {
  it('with the switch on, rejects OFFLINE without reaching the backend, and reports each flip once', async () => {
    const link = new SimLink({ random: createRandom(1), latency: noLatency });
    const flips: boolean[] = [];
    link.onChange((online) => flips.push(online));
    link.configure({ offline: true });
    link.configure({ latency: { meanMs: 10, jitterMs: 0 } });
    const [outcome] = await run(link, 1);
    expect(outcome).toEqual({ handled: false, result: 'OFFLINE' });
    link.configure({ offline: false });
    expect(flips).toEqual([false, true]);
    expect((await run(link, 1))[0]).toEqual({ handled: true, result: 'ok' });
  });

  it('follows the browser’s online and offline events', () => {
    const browser = new SwitchableOnline();
    const link = new SimLink({ random: createRandom(1), browser });
    const flips: boolean[] = [];
    link.onChange((value) => flips.push(value));
    browser.set(false);
    expect(link.isOnline()).toBe(false);
    expect(link.network()).toMatchObject({ browserOnline: false, offline: false, online: false });
    browser.set(true);
    expect(flips).toEqual([false, true]);
    link.dispose();
    expect(browser.watchers).toBe(0);
  });

  it('an answer that comes back after the link dropped is lost as OFFLINE, though the backend did the work', async () => {
    const clock = new ManualClock();
    const link = new SimLink({ random: createRandom(1), clock, latency: { meanMs: 100, jitterMs: 0 } });
    let handled = false;
    const call = link.call(async () => void (handled = true)).catch((e: ChatError) => e.code);
    await clock.advance(50);
    expect(handled).toBe(true);
    link.configure({ offline: true });
    await clock.advance(50);
    expect(await call).toBe('OFFLINE');
  });
});

describe('SimLink latency', () => {
  it('spends half the round trip on the way there and half on the way back', async () => {
    const clock = new ManualClock();
    const link = new SimLink({ random: createRandom(1), clock, latency: { meanMs: 200, jitterMs: 0 } });
    const handledAt: number[] = [];
    let answeredAt = 0;
    const start = clock.now();
    const call = link.call(async () => void handledAt.push(clock.now() - start)).then(() => (answeredAt = clock.now() - start));
    await clock.advance(99);
    expect(handledAt).toEqual([]);
    await clock.advance(1);
    expect(handledAt).toEqual([100]);
    await clock.advance(100);
    await call;
    expect(answeredAt).toBe(200);
  });

  it('keeps events in order however the jitter falls', async () => {
    const clock = new ManualClock();
    const link = new SimLink({ random: createRandom(9), clock, latency: { meanMs: 100, jitterMs: 100 } });
    const arrived: number[] = [];
    const deliveries = Array.from({ length: 20 }, (_, i) => link.deliver().then(() => arrived.push(i)));
    await clock.advance(1000, () => new Promise((r) => setImmediate(r)));
    await Promise.all(deliveries);
    expect(arrived).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
