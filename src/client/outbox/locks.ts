/** The part of the Web Locks API the engine uses. */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

/**
 * Exclusive named locks inside one JavaScript realm, for where navigator.locks
 * is missing (Node, old browsers). Across tabs without Web Locks, the server's
 * idempotency by clientId keeps a double send from making a duplicate.
 */
export class LocalLockManager implements LockManagerLike {
  private readonly queues = new Map<string, (() => void)[]>();
  private readonly held = new Set<string>();

  async request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<void> {
    await this.acquire(name, options.signal);
    try {
      await callback(name);
    } finally {
      this.release(name);
    }
  }

  private acquire(name: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.held.has(name)) {
      this.held.add(name);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(name) ?? [];
      const grant = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        const index = queue.indexOf(grant);
        if (index >= 0) queue.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      queue.push(grant);
      this.queues.set(name, queue);
    });
  }

  private release(name: string): void {
    const next = this.queues.get(name)?.shift();
    if (next) next();
    else this.held.delete(name);
  }
}

const sharedLocalLocks = new LocalLockManager();

/** navigator.locks where the platform has it, else one lock manager shared by the realm. */
export function defaultLocks(): LockManagerLike {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? sharedLocalLocks;
}
