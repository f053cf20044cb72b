import { describe, expect, it } from 'vitest';
import { MemoryLocks } from './memoryLocks';

/** A lock request whose holder keeps it until `end()`; `granted` resolves once it holds it. */
function hold(locks: MemoryLocks, name: string, signal?: AbortSignal) {
  let end!: () => void;
  let granted!: () => void;
  const grantedAt = new Promise<void>((resolve) => (granted = resolve));
  const done = locks.request(name, { signal }, () => {
    granted();
    return new Promise<void>((resolve) => (end = resolve));
  });
  return { granted: grantedAt, done, end: () => end() };
}

async function heldNames(locks: MemoryLocks): Promise<string[]> {
  return (await locks.query()).held.map((l) => l.name);
}

describe('MemoryLocks', () => {
  it('grants one holder per name at a time, the next in request order once it ends', async () => {
    const locks = new MemoryLocks();
    const order: string[] = [];
    const a = hold(locks, 'x');
    const b = hold(locks, 'x');
    const c = hold(locks, 'x');
    void a.granted.then(() => order.push('a'));
    void b.granted.then(() => order.push('b'));
    void c.granted.then(() => order.push('c'));
    await a.granted;
    expect(order).toEqual(['a']);
    a.end();
    await a.done;
    await b.granted;
    expect(order).toEqual(['a', 'b']);
    b.end();
    await c.granted;
    c.end();
    await c.done;
    expect(order).toEqual(['a', 'b', 'c']);
    expect(await heldNames(locks)).toEqual([]);
  });

  it('keeps names apart', async () => {
    const locks = new MemoryLocks();
    const x = hold(locks, 'x');
    const y = hold(locks, 'y');
    await Promise.all([x.granted, y.granted]);
    expect(await heldNames(locks)).toEqual(['x', 'y']);
    x.end();
    y.end();
    await Promise.all([x.done, y.done]);
  });

  it('has released the lock by the time the request settles', async () => {
    const locks = new MemoryLocks();
    await locks.request('x', {}, async () => {});
    expect(await heldNames(locks)).toEqual([]);
  });

  it('releases the lock when the holder fails, and the request fails with it', async () => {
    const locks = new MemoryLocks();
    const failure = new Error('holder failed');
    await expect(
      locks.request('x', {}, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(locks.request('x', {}, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await heldNames(locks)).toEqual([]);
  });

  it('an abort while waiting gives up the place in line and never runs the callback', async () => {
    const locks = new MemoryLocks();
    const a = hold(locks, 'x');
    await a.granted;
    const controller = new AbortController();
    let ran = false;
    const waiting = locks.request('x', { signal: controller.signal }, async () => {
      ran = true;
    });
    const next = hold(locks, 'x');
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    a.end();
    await next.granted;
    expect(ran).toBe(false);
    next.end();
    await next.done;
  });

  it('an already aborted signal is refused at once', async () => {
    const locks = new MemoryLocks();
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(locks.request('x', { signal: controller.signal }, async () => {})).rejects.toThrow('too late');
    expect(await heldNames(locks)).toEqual([]);
  });

  it('forget() hands the lock on as a closed tab does; the forgotten holder ending later frees nothing', async () => {
    const locks = new MemoryLocks();
    const dead = hold(locks, 'x');
    await dead.granted;
    const next = hold(locks, 'x');
    locks.forget('x');
    await next.granted;
    dead.end();
    await dead.done;
    expect(await heldNames(locks)).toEqual(['x']);
    next.end();
    await next.done;
    expect(await heldNames(locks)).toEqual([]);
  });
});
