import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrencyGate';

class Refused extends Error {}

/** Work that finishes when the test says so, recording when it started. */
function controlled(log: string[]) {
  const pending = new Map<string, () => void>();
  return {
    work: (name: string) => () =>
      new Promise<string>((resolve) => {
        log.push(name);
        pending.set(name, () => resolve(name));
      }),
    finish: (name: string) => pending.get(name)!(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyGate', () => {
  it('runs up to `concurrent` at once and the next in line as each finishes, in order', async () => {
    const started: string[] = [];
    const gate = new ConcurrencyGate({ concurrent: 2, queued: 10, perKey: 10 }, () => new Refused());
    const { work, finish } = controlled(started);
    const results = ['a', 'b', 'c', 'd'].map((name) => gate.run('k', work(name)));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    finish('b');
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    finish('a');
    finish('c');
    await settle();
    finish('d');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once past the queue, and past one key’s share, without running the work', async () => {
    const started: string[] = [];
    const gate = new ConcurrencyGate({ concurrent: 1, queued: 1, perKey: 2 }, () => new Refused());
    const { work, finish } = controlled(started);
    const first = gate.run('x', work('x1'));
    const second = gate.run('x', work('x2'));
    await expect(gate.run('x', work('x3'))).rejects.toBeInstanceOf(Refused);
    await expect(gate.run('y', work('y1'))).rejects.toBeInstanceOf(Refused);
    finish('x1');
    await first;
    await settle();
    // A place in the queue is free again, and key x holds one.
    const third = gate.run('y', work('y2'));
    finish('x2');
    await second;
    await settle();
    finish('y2');
    await third;
    expect(started).toEqual(['x1', 'x2', 'y2']);
  });

  it('frees the slot when the work fails', async () => {
    const gate = new ConcurrencyGate({ concurrent: 1, queued: 0, perKey: 1 }, () => new Refused());
    await expect(gate.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('k', async () => 'again')).toBe('again');
  });
});
