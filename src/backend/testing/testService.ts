import type { ChatEvent, UserId } from '../../transport/types';
import { ManualClock } from '../manualClock';
import type { PasswordHasher } from '../ports';
import { MemoryPresence } from '../presence';
import { ChatService, type ServiceOptions } from '../service';
import { MemoryStore } from '../stores/memoryStore';
import { MemorySessionRecords, TokenSessions } from '../tokenSessions';

/** Instant hashing, for tests that are not about hashing. */
export const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
};

export interface Delivery {
  to: readonly UserId[];
  event: ChatEvent;
}

/**
 * A ChatService over a memory store, a manual clock and a publisher that
 * records what it is asked to deliver, for tests of the backend rules.
 */
export function testService(options: Partial<ServiceOptions> & { store?: MemoryStore; clock?: ManualClock } = {}) {
  const store = options.store ?? new MemoryStore();
  const clock = options.clock ?? new ManualClock();
  const deliveries: Delivery[] = [];
  const service = new ChatService({
    hasher: plainHasher,
    sessions: new TokenSessions(new MemorySessionRecords(), () => clock.now()),
    publisher: { publish: (to, event) => void deliveries.push({ to: [...to], event }) },
    presence: new MemoryPresence(),
    ...options,
    store,
    clock,
  });
  return {
    service,
    store,
    clock,
    deliveries,
    /** Events delivered to `userId` so far. */
    eventsFor: (userId: UserId) => deliveries.filter((d) => d.to.includes(userId)).map((d) => d.event),
  };
}
