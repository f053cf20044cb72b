/**
 * The part of the Web Locks API VioletChat uses, in the browser from
 * navigator.locks and elsewhere from MemoryLocks. The client engine holds one
 * per user's outbox (one tab sends); the in-browser backends (sim, MSW mocks)
 * hold one per tab, since a lock is released when its tab closes, which makes
 * it the most reliable "is that tab alive" signal and a leader election for free.
 */
export interface WebLocks {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

export function browserLocks(): WebLocks | null {
  const nav = (globalThis as { navigator?: { locks?: WebLocks } }).navigator;
  return nav?.locks ?? null;
}

/** Holds `name` until the returned release is called; resolves once granted. */
export async function holdLock(locks: WebLocks, name: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((granted) => {
    void locks.request(name, {}, () => {
      granted();
      return held;
    });
  });
  return release;
}

/**
 * Runs `lead` while this instance holds `name`, waiting its turn behind other
 * tabs. `lead` returns its own stop; the lock is given up when `stop()` here is called.
 */
export function whileLeader(locks: WebLocks, name: string, lead: () => Promise<() => Promise<void>>): { stop: () => Promise<void> } {
  let stopped = false;
  let resign: (() => void) | null = null;
  let leading: Promise<() => Promise<void>> | null = null;
  void locks.request(name, {}, async () => {
    if (stopped) return;
    leading = lead().catch((error: unknown) => {
      console.warn(`[locks] could not start leading as ${name}`, error);
      return async () => {};
    });
    await new Promise<void>((resolve) => (resign = resolve));
  });
  return {
    stop: async () => {
      stopped = true;
      if (leading) await (await leading)();
      resign?.();
    },
  };
}

/** The held locks named `prefix` + something, as that something (e.g. the ids of live tabs). */
export async function heldLocksUnder(locks: WebLocks, prefix: string): Promise<ReadonlySet<string>> {
  const snapshot = await locks.query();
  return new Set((snapshot.held ?? []).flatMap((lock) => (lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [])));
}
