import { describe, expect, it } from 'vitest';
import { Batcher, type BatchRunner } from './appendBatcher';

/** A runner whose calls finish when the test says: it records each call (one input or several). */
function heldRunner(options: { failMany?: boolean; failOne?: (input: number) => boolean } = {}) {
  const calls: number[][] = [];
  const pending: (() => void)[] = [];
  const held = <T>(inputs: number[], answer: () => T): Promise<T> => {
    calls.push(inputs);
    return new Promise<T>((resolve, reject) => {
      pending.push(() => {
        try {
          resolve(answer());
        } catch (error) {
          reject(error);
        }
      });
    });
  };
  const runner: BatchRunner<number, string> = {
    many: (inputs) =>
      held([...inputs], () => {
        if (options.failMany) throw new Error('the batch failed');
        return inputs.map((n) => `done ${n}`);
      }),
    one: (input) =>
      held([input], () => {
        if (options.failOne?.(input)) throw new Error(`${input} failed`);
        return `done ${input}`;
      }),
  };
  /** Finishes every call out now, then lets the batcher send what queued meanwhile. */
  const finishAll = async () => {
    for (const finish of pending.splice(0)) finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { runner, calls, finishAll };
}

describe('Batcher', () => {
  it('sends alone and at once what comes while a slot is free: a quiet server adds no wait', async () => {
    const { runner, calls, finishAll } = heldRunner();
    const batcher = new Batcher(runner, 2, 10);
    const first = batcher.submit(1);
    const second = batcher.submit(2);
    expect(calls).toEqual([[1], [2]]);
    await finishAll();
    expect(await Promise.all([first, second])).toEqual(['done 1', 'done 2']);
  });

  it('queues while every slot is out, then sends what queued as one batch, at most maxBatch each', async () => {
    const { runner, calls, finishAll } = heldRunner();
    const batcher = new Batcher(runner, 1, 3);
    const answers = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n));
    expect(calls).toEqual([[1]]);
    await finishAll();
    expect(calls).toEqual([[1], [2, 3, 4]]);
    await finishAll();
    expect(calls).toEqual([[1], [2, 3, 4], [5, 6]]);
    await finishAll();
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5', 'done 6']);
  });

  it('when a batch fails as a whole, runs each of its inputs alone: each gets its own answer or its own error', async () => {
    const { runner, calls, finishAll } = heldRunner({ failMany: true, failOne: (n) => n === 3 });
    const batcher = new Batcher(runner, 1, 10);
    const answers = [1, 2, 3, 4].map((n) => batcher.submit(n).catch((error: Error) => error.message));
    await finishAll();
    expect(calls).toEqual([[1], [2, 3, 4]]);
    await finishAll();
    expect(calls.slice(2)).toEqual([[2]]);
    await finishAll();
    await finishAll();
    expect(calls.slice(2)).toEqual([[2], [3], [4]]);
    await finishAll();
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', '3 failed', 'done 4']);
  });

  it('keeps the slot while the inputs of a failed batch run alone, one at a time, so no more than maxInFlight are ever out', async () => {
    const { runner, calls, finishAll } = heldRunner({ failMany: true });
    const batcher = new Batcher(runner, 1, 10);
    const answers = [1, 2, 3].map((n) => batcher.submit(n));
    await finishAll();
    await finishAll();
    expect(calls).toEqual([[1], [2, 3], [2]]);
    const late = batcher.submit(4);
    await finishAll();
    expect(calls).toEqual([[1], [2, 3], [2], [3]]);
    await finishAll();
    expect(calls.at(-1)).toEqual([4]);
    await finishAll();
    expect(await Promise.all([...answers, late])).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('drains: what was submitted is answered, what comes after is refused', async () => {
    const { runner, calls, finishAll } = heldRunner();
    const batcher = new Batcher(runner, 1, 10);
    const answers = [1, 2, 3].map((n) => batcher.submit(n));
    let drained = false;
    const draining = batcher.drain().then(() => {
      drained = true;
    });
    await expect(batcher.submit(4)).rejects.toThrow(/closed/);
    await finishAll();
    expect(drained).toBe(false);
    await finishAll();
    await draining;
    expect(calls).toEqual([[1], [2, 3]]);
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'done 3']);
    await batcher.drain();
  });
});
