import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../../src/transport';
import { ManualClock } from '../../../tests/support/manualClock';
import { DemoPlayer } from './demoPlayer';
import { timelineClock } from './timelineClock';

const INSTANT = Date.UTC(2026, 2, 12, 14, 30);

interface Step {
  name: string;
  at: number;
}

/** Lets the promises a fired timer started run to their end (real time does not move the manual clock). */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Options {
  settle?: (clock: ManualClock, signal: AbortSignal) => Promise<void>;
  execute?: (step: Step, clock: ManualClock) => Promise<void>;
  /** Timers as the player gets them: the manual clock's by default. */
  timers?: (clock: ManualClock) => Pick<ManualClock, 'setTimeout' | 'clearTimeout'>;
  settleLimitMs?: number;
}

/** A player over a manual clock: real time moves only with `advance`, and what each step did, at what demo time. */
function setUp(steps: Step[], options: Options = {}) {
  const real = new ManualClock(0);
  const timeline = timelineClock(INSTANT, () => real.now(), real);
  const ran: { name: string; at: number }[] = [];
  let running = 0;
  let overlapped = false;
  const restart = vi.fn();
  const player = new DemoPlayer<Step>({
    steps,
    timeOf: (step) => step.at,
    timeline,
    timers: options.timers?.(real) ?? real,
    execute: async (step) => {
      overlapped ||= running > 0;
      running++;
      ran.push({ name: step.name, at: timeline.now() - INSTANT });
      try {
        await options.execute?.(step, real);
      } finally {
        running--;
      }
    },
    settle: (signal) => options.settle?.(real, signal) ?? Promise.resolve(),
    settleLimitMs: options.settleLimitMs,
    restart,
  });
  return { real, timeline, player, ran, restart, overlapped: () => overlapped, advance: (ms: number) => real.advance(ms, flush) };
}

/** Resolves after `ms` of the manual clock's time. */
const after = (clock: ManualClock, ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

describe('the demo player', () => {
  afterEach(() => vi.restoreAllMocks());

  it('plays the steps in order, each at its time, and stops time at the end', async () => {
    const { player, ran, advance, timeline } = setUp([
      { name: 'type', at: 1000 },
      { name: 'send', at: 3000 },
      { name: 'read', at: 3000 },
      { name: 'react', at: 10_000 },
    ]);
    expect(player.getState()).toEqual({ done: 0, total: 4, playing: false, busy: false, failure: null });
    player.play();
    await advance(2000);
    expect(ran).toEqual([{ name: 'type', at: 1000 }]);
    await advance(20_000);
    expect(ran).toEqual([
      { name: 'type', at: 1000 },
      { name: 'send', at: 3000 },
      { name: 'read', at: 3000 },
      { name: 'react', at: 10_000 },
    ]);
    expect(player.getState()).toMatchObject({ done: 4, playing: false, busy: false });
    // Time stood still from the last step on.
    expect(timeline.position()).toBe(10_000);
  });

  it('pause stops the steps and the time; play goes on from there', async () => {
    const { player, ran, advance, timeline } = setUp([
      { name: 'a', at: 1000 },
      { name: 'b', at: 3000 },
    ]);
    player.play();
    await advance(2000);
    player.pause();
    expect(player.getState()).toMatchObject({ done: 1, playing: false });
    await advance(60_000);
    expect(ran.map((r) => r.name)).toEqual(['a']);
    expect(timeline.position()).toBe(2000);
    player.toggle();
    await advance(999);
    expect(ran.map((r) => r.name)).toEqual(['a']);
    await advance(1);
    expect(ran).toEqual([
      { name: 'a', at: 1000 },
      { name: 'b', at: 3000 },
    ]);
  });

  it('step carries out the next step at exactly its time, with no real time passing, and pauses', async () => {
    const { player, ran, real, timeline } = setUp([
      { name: 'a', at: 1500 },
      { name: 'b', at: 12_000 },
      { name: 'c', at: 12_000 },
    ]);
    await player.step();
    expect(ran).toEqual([{ name: 'a', at: 1500 }]);
    expect(player.getState()).toMatchObject({ done: 1, playing: false, busy: false });
    await player.step();
    await player.step();
    expect(ran).toEqual([
      { name: 'a', at: 1500 },
      { name: 'b', at: 12_000 },
      { name: 'c', at: 12_000 },
    ]);
    expect(real.now()).toBe(0);
    expect(timeline.position()).toBe(12_000);
    // After the last step there is nothing to do.
    await player.step();
    player.play();
    expect(ran).toHaveLength(3);
    expect(player.getState()).toMatchObject({ done: 3, playing: false });
  });

  it('a step pressed while playing pauses first; a second press while one runs does nothing', async () => {
    let finish = (): void => undefined;
    const { player, ran } = setUp(
      [
        { name: 'a', at: 1000 },
        { name: 'b', at: 2000 },
      ],
      { execute: (step) => (step.name === 'a' ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve()) },
    );
    player.play();
    const first = player.step();
    expect(player.getState()).toMatchObject({ playing: false, busy: true });
    await player.step();
    expect(ran.map((r) => r.name)).toEqual(['a']);
    finish();
    await first;
    expect(player.getState()).toMatchObject({ done: 1, busy: false, playing: false });
  });

  it('the demo\'s time stands still while a step is carried out and settles: each step at exactly its time, never two at once', async () => {
    const { player, ran, advance, overlapped, real } = setUp(
      [
        { name: 'slow', at: 0 },
        { name: 'next', at: 1000 },
        { name: 'later', at: 8000 },
      ],
      // The app takes 5 s to settle after each step.
      { settle: (clock) => after(clock, 5000) },
    );
    player.play();
    await advance(5999);
    // The first has settled at 5 s of real time; the demo's time stood at 0 meanwhile, so 1 s is still to wait.
    expect(ran.map((r) => r.name)).toEqual(['slow']);
    await advance(1);
    expect(ran).toEqual([
      { name: 'slow', at: 0 },
      { name: 'next', at: 1000 },
    ]);
    expect(real.now()).toBe(6000);
    await advance(20_000);
    expect(ran.at(-1)).toEqual({ name: 'later', at: 8000 });
    expect(overlapped()).toBe(false);
  });

  it('what a step makes while it is carried out has exactly the step\'s time in play mode, a minute boundary or not', async () => {
    const stamps: number[] = [];
    const { player, advance, timeline } = setUp(
      [
        { name: 'send', at: 59_000 },
        { name: 'again', at: 119_500 },
      ],
      // The message reaches the server 1.5 s (real time) after the step starts; the server stamps it then.
      {
        execute: async (_step, clock) => {
          await after(clock, 1500);
          stamps.push(timeline.now() - INSTANT);
        },
        settle: (clock) => after(clock, 800),
      },
    );
    player.play();
    await advance(200_000);
    expect(stamps).toEqual([59_000, 119_500]);
    expect(new Date(INSTANT + stamps[0]!).getUTCMinutes()).toBe(new Date(INSTANT + 59_000).getUTCMinutes());
  });

  it('a timer that fires late does not carry a step past its time', async () => {
    const { player, ran, advance } = setUp(
      [
        { name: 'a', at: 1000 },
        { name: 'b', at: 2000 },
      ],
      // A busy tab: every timer fires 40 ms late.
      { timers: (clock) => ({ setTimeout: (fn, ms) => clock.setTimeout(fn, ms + 40), clearTimeout: (handle) => clock.clearTimeout(handle) }) },
    );
    player.play();
    await advance(10_000);
    expect(ran).toEqual([
      { name: 'a', at: 1000 },
      { name: 'b', at: 2000 },
    ]);
  });

  it('a step that does not settle within the bound is reported as not settled, and the demo pauses past it instead of hanging', async () => {
    const signals: AbortSignal[] = [];
    const { player, ran, advance } = setUp(
      [
        { name: 'stuck', at: 1000 },
        { name: 'b', at: 2000 },
      ],
      {
        // Something stays aria-busy: settling never ends by itself.
        settle: (_clock, signal) => {
          signals.push(signal);
          return new Promise<void>(() => undefined);
        },
        settleLimitMs: 30_000,
      },
    );
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    player.play();
    await advance(1000 + 29_999);
    expect(player.getState()).toMatchObject({ done: 0, busy: true, playing: true });
    await advance(1);
    expect(player.getState()).toEqual({ done: 1, total: 2, busy: false, playing: false, failure: { step: 0, kind: 'unsettled', afterMs: 30_000 } });
    expect(signals[0]!.aborted).toBe(true);
    expect(ran.map((r) => r.name)).toEqual(['stuck']);
    // Step goes on (and is bounded again).
    const stepping = player.step();
    expect(player.getState()).toMatchObject({ busy: true, failure: null });
    await advance(30_000);
    await stepping;
    expect(player.getState()).toMatchObject({ done: 2, busy: false, failure: { step: 1, kind: 'unsettled' } });
  });

  it('Step while playing and a step is under way pauses at once, then takes the next step once that one has settled', async () => {
    let finish = (): void => undefined;
    const { player, ran, advance } = setUp(
      [
        { name: 'a', at: 1000 },
        { name: 'b', at: 5000 },
        { name: 'c', at: 9000 },
      ],
      { execute: (step) => (step.name === 'a' ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve()) },
    );
    player.play();
    await advance(1000);
    expect(player.getState()).toMatchObject({ done: 0, busy: true, playing: true });
    const stepping = player.step();
    expect(player.getState()).toMatchObject({ busy: true, playing: false });
    // A second press meanwhile does nothing more.
    await player.step();
    finish();
    await stepping;
    expect(ran).toEqual([
      { name: 'a', at: 1000 },
      { name: 'b', at: 5000 },
    ]);
    expect(player.getState()).toMatchObject({ done: 2, busy: false, playing: false });
    await advance(60_000);
    expect(ran.map((r) => r.name)).toEqual(['a', 'b']);
  });

  it('a step that fails is reported with its reason, the demo pauses past it, and plays on from there', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { player, ran, advance } = setUp(
      [
        { name: 'refused', at: 1000 },
        { name: 'b', at: 2000 },
      ],
      {
        execute: async (step) => {
          if (step.name === 'refused') throw new ChatError('FORBIDDEN', 'Not a member of this group.');
        },
      },
    );
    player.play();
    await advance(5000);
    expect(player.getState()).toMatchObject({ done: 1, playing: false, failure: { step: 0, kind: 'failed', error: { code: 'FORBIDDEN', message: 'Not a member of this group.' } } });
    expect(ran.map((r) => r.name)).toEqual(['refused']);
    player.play();
    expect(player.getState().failure).toBeNull();
    await advance(1000);
    expect(ran.map((r) => r.name)).toEqual(['refused', 'b']);
  });

  it('restart pauses and hands over to the reload, saying whether the demo was playing', async () => {
    const { player, restart, advance, ran } = setUp([{ name: 'a', at: 1000 }]);
    player.play();
    player.restart();
    await advance(5000);
    expect(restart).toHaveBeenLastCalledWith({ playing: true });
    expect(ran).toEqual([]);
    player.restart();
    expect(restart).toHaveBeenLastCalledWith({ playing: false });
  });

  it('tells its listeners each change, ending with the step done', async () => {
    const { player } = setUp([{ name: 'a', at: 0 }]);
    const seen: string[] = [];
    player.subscribe((s) => seen.push(`${s.done}${s.busy ? ' busy' : ''}${s.playing ? ' playing' : ''}`));
    await player.step();
    expect(seen).toEqual(['0 busy', '1']);
  });
});

describe('the timeline clock', () => {
  it('stands still until it runs, runs at real speed, freezes, and moves on to a time but never back', () => {
    let real = 1_000;
    const clock = timelineClock(INSTANT, () => real);
    real += 5_000;
    expect(clock.now()).toBe(INSTANT);
    clock.run();
    real += 2_500;
    expect(clock.position()).toBe(2_500);
    clock.freeze();
    real += 60_000;
    expect(clock.now()).toBe(INSTANT + 2_500);
    clock.advanceTo(12_000);
    expect(clock.position()).toBe(12_000);
    clock.advanceTo(3_000);
    expect(clock.position()).toBe(12_000);
    clock.run();
    clock.advanceTo(20_000);
    real += 1_000;
    expect(clock.position()).toBe(21_000);
  });

  it('runs up to the time it is told and stops there, however late it is looked at', () => {
    let real = 0;
    const clock = timelineClock(INSTANT, () => real);
    clock.run(1_000);
    real += 600;
    expect(clock.position()).toBe(600);
    real += 5_000;
    expect(clock.position()).toBe(1_000);
    clock.run(3_000);
    real += 500;
    expect(clock.position()).toBe(1_500);
    clock.freeze();
    real += 10_000;
    clock.run();
    real += 10_000;
    expect(clock.position()).toBe(11_500);
  });
});
