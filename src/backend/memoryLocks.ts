import type { WebLocks } from './webLocks';

/**
 * Web Locks for one JavaScript realm: what several simulated tabs in one
 * process (tests, Node) share in place of navigator.locks.
 */
export class MemoryLocks implements WebLocks {
  /** Each grant is its own token, so a late release of a forgotten grant cannot free the next holder's lock. */
  private readonly held = new Map<string, object>();
  private readonly waiting = new Map<string, (() => void)[]>();

  request(name: string, callback: (lock: unknown) => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        const token = {};
        this.held.set(name, token);
        callback({ name })
          .then(resolve, reject)
          .finally(() => this.release(name, token));
      };
      if (this.held.has(name)) this.waiting.set(name, [...(this.waiting.get(name) ?? []), grant]);
      else grant();
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
}
