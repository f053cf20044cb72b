import { z } from 'zod/mini';
import type { Session } from '../../transport';

const KEY = 'violetchat.session';

const storedSessionSchema = z.object({
  token: z.string().check(z.minLength(1)),
  user: z.object({ id: z.string().check(z.minLength(1)), username: z.string(), displayName: z.string(), avatarColor: z.string() }),
});

/** The tab's session, if one was stored and still has the right shape; anything else is forgotten. */
export function readStoredSession(storage: Storage): Session | null {
  const raw = storage.getItem(KEY);
  if (raw === null) return null;
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: treated like a missing session below.
  }
  storage.removeItem(KEY);
  return null;
}

export function writeStoredSession(storage: Storage, session: Session): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearStoredSession(storage: Storage): void {
  storage.removeItem(KEY);
}

/** A Storage kept in memory: where sessionStorage does not exist (Node, tests). */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}
