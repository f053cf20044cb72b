import type { ChatEvent, UserId } from '../../src/transport/types';
import { MemoryPresence } from '../../src/backend/presence';
import { ChatService, type ServiceOptions } from '../../src/backend/service';
import type { Store } from '../../src/backend/store';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { MemorySessionRecords, TokenSessions } from '../../src/backend/tokenSessions';
import { ManualClock } from './manualClock';
import { plainHasher } from './plainHasher';

export interface Delivery {
  to: readonly UserId[];
  event: ChatEvent;
}

/**
 * A ChatService over a memory store, a manual clock and a publisher that
 * records what it is asked to deliver, for tests of the backend rules.
 */
export function testService(options: Partial<ServiceOptions> & { store?: Store; clock?: ManualClock } = {}) {
  const store: Store = options.store ?? new MemoryStore();
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
