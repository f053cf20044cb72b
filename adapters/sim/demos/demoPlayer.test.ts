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

/** A player over a manual clock: real time moves only with `advance`, and what each step did, at what demo time. */
function setUp(steps: Step[], options: { settle?: (clock: ManualClock) => Promise<void>; execute?: (step: Step) => Promise<void> } = {}) {
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
    timers: real,
    execute: async (step) => {
      overlapped ||= running > 0;
      running++;
      ran.push({ name: step.name, at: timeline.now() - INSTANT });
      try {
        await options.execute?.(step);
      } finally {
        running--;
      }
    },
    settle: () => options.settle?.(real) ?? Promise.resolve(),
    restart,
  });
  return { real, timeline, player, ran, restart, overlapped: () => overlapped, advance: (ms: number) => real.advance(ms, flush) };
}

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

  it('a step whose time comes while the one before settles runs once that has settled, never alongside it', async () => {
    const { player, ran, advance, overlapped } = setUp(
      [
        { name: 'slow', at: 0 },
        { name: 'next', at: 1000 },
        { name: 'later', at: 8000 },
      ],
      // The app takes 5 s to settle after each step.
      { settle: (clock) => new Promise<void>((resolve) => clock.setTimeout(resolve, 5000)) },
    );
    player.play();
    await advance(4000);
    expect(ran.map((r) => r.name)).toEqual(['slow']);
    await advance(1000);
    // Its time (1 s) had passed: it ran as soon as the first had settled, at 5 s.
    expect(ran).toEqual([
      { name: 'slow', at: 0 },
      { name: 'next', at: 5000 },
    ]);
    await advance(20_000);
    expect(ran.at(-1)).toEqual({ name: 'later', at: 10_000 });
    expect(overlapped()).toBe(false);
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
    expect(player.getState()).toMatchObject({ done: 1, playing: false, failure: { step: 0, error: { code: 'FORBIDDEN', message: 'Not a member of this group.' } } });
    expect(ran.map((r) => r.name)).toEqual(['refused']);
    player.play();
    expect(player.getState().failure).toBeNull();
    await advance(1000);
    expect(ran.map((r) => r.name)).toEqual(['refused', 'b']);
  });

  it('restart pauses and hands over to the reload', async () => {
    const { player, restart, advance, ran } = setUp([{ name: 'a', at: 1000 }]);
    player.play();
    player.restart();
    await advance(5000);
    expect(restart).toHaveBeenCalledOnce();
    expect(ran).toEqual([]);
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
});
