import type { ChatEvent, Unsubscribe, UserId } from '../transport/types';
import type { Publisher } from './ports';

type Listener = (event: ChatEvent) => void;

/** An in-process publisher: listeners per user, for one process or one tab. */
export class MemoryHub implements Publisher {
  private readonly listeners = new Map<UserId, Set<Listener>>();

  publish(recipients: readonly UserId[], event: ChatEvent): void {
    for (const userId of new Set(recipients)) {
      for (const listener of [...(this.listeners.get(userId) ?? [])]) listener(event);
    }
  }

  subscribe(userId: UserId, listener: Listener): Unsubscribe {
    const set = this.listeners.get(userId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }
}
