import type { ChatTransport } from '../../src/transport';

/** What a client asked of its transport: requests per method, and the records that came back. */
export interface TransportCost {
  requests: Record<string, number>;
  /** Users, conversation summaries, messages and changes in the answers (a summary's last message counts too). */
  rows: number;
}

/** The records in one answer, by what the port answers. */
function rowsIn(method: string, answer: unknown): number {
  if (answer === null || typeof answer !== 'object') return 0;
  const records = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  const withLastMessages = (summaries: unknown) =>
    Array.isArray(summaries) ? summaries.length + summaries.filter((s: { lastMessage?: unknown }) => s.lastMessage).length : 0;
  const a = answer as Record<string, unknown>;
  switch (method) {
    case 'users':
      return records(answer);
    case 'conversations':
      return withLastMessages(answer);
    case 'bootstrap':
      return withLastMessages(a.conversations) + records(a.users);
    case 'history':
      return records(a.messages);
    case 'catchUp':
      return records(a.changes);
    default:
      return 1;
  }
}

/** Requests that fetch or change something; the connection, events and typing are not counted. */
const REQUESTS = new Set(['register', 'login', 'resume', 'logout', 'users', 'conversations', 'bootstrap', 'openDirect', 'history', 'catchUp', 'send', 'markDelivered', 'markRead']);

/**
 * A transport that counts what goes through it, for tests of what a client
 * costs: `cost()` since the last `reset()`.
 */
export function countingTransport(inner: ChatTransport): ChatTransport & { cost(): TransportCost; reset(): void } {
  let requests: Record<string, number> = {};
  let rows = 0;
  const extra = {
    cost: (): TransportCost => ({ requests: { ...requests }, rows }),
    reset: () => {
      requests = {};
      rows = 0;
    },
  };
  return new Proxy(inner as ChatTransport & typeof extra, {
    get(target, key, receiver) {
      if (key === 'cost' || key === 'reset') return extra[key];
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (typeof key !== 'string' || !REQUESTS.has(key)) return value.bind(target);
      return async (...args: unknown[]) => {
        requests[key] = (requests[key] ?? 0) + 1;
        const answer: unknown = await value.apply(target, args);
        rows += rowsIn(key, answer);
        return answer;
      };
    },
  });
}
