import type { WebLocks } from './webLocks';

/**
 * Web Locks for one JavaScript realm, where navigator.locks is missing (Node,
 * old browsers) and for the simulated tabs of a test that share one process.
 */
export class MemoryLocks implements WebLocks {
  /** Each grant is its own token, so a late release of a forgotten grant cannot free the next holder's lock. */
  private readonly held = new Map<string, object>();
  private readonly waiting = new Map<string, (() => void)[]>();

  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<void> {
    const { signal } = options;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const grant = () => {
        signal?.removeEventListener('abort', abort);
        const token = {};
        this.held.set(name, token);
        // Released before the request settles, as the browser does: whoever awaited it may ask again at once.
        new Promise<void>((done) => done(callback({ name }))).then(
          () => {
            this.release(name, token);
            resolve();
          },
          (error: unknown) => {
            this.release(name, token);
            reject(error);
          },
        );
      };
      // Giving up while waiting: once granted, the signal no longer matters.
      const abort = () => {
        this.dequeue(name, grant);
        reject(signal?.reason);
      };
      if (this.held.has(name)) {
        signal?.addEventListener('abort', abort, { once: true });
        this.waiting.set(name, [...(this.waiting.get(name) ?? []), grant]);
      } else {
        grant();
      }
    });
  }

  async query(): Promise<{ held: { name: string }[] }> {
    return { held: [...this.held.keys()].map((name) => ({ name })) };
  }

  /** Lets go of a lock as the browser does when the holding tab dies. */
  forget(name: string): void {
    const token = this.held.get(name);
    if (token) this.release(name, token);
  }

  private release(name: string, token: object): void {
    if (this.held.get(name) !== token) return;
    this.held.delete(name);
    const [next, ...rest] = this.waiting.get(name) ?? [];
    if (rest.length > 0) this.waiting.set(name, rest);
    else this.waiting.delete(name);
    next?.();
  }

  private dequeue(name: string, grant: () => void): void {
    const rest = (this.waiting.get(name) ?? []).filter((g) => g !== grant);
    if (rest.length > 0) this.waiting.set(name, rest);
    else this.waiting.delete(name);
  }
}
