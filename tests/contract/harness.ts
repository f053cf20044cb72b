import { changeConversationId } from '../../src/backend/rules';
import type { Store } from '../../src/backend/store';
import type { Change, ChatEvent, ChatTransport, ConnectionState, Session, UserId } from '../../src/transport';

/** What an adapter gives the contract suite: clients of one shared backend. */
export interface ContractHarness {
  /** A new client, as a new tab or device would be. */
  client(): Promise<ChatTransport> | ChatTransport;
  /** The backend's typing TTL, so the suite knows how long to wait for expiry. */
  typingTtlMs: number;
  /**
   * `count` new accounts, written straight into the backend's store rather
   * than registered through the port (hashing and registration limits would
   * make hundreds slow): for rules about many members, which then act through
   * the port as any rule does. Nobody can sign in as them.
   */
  accounts(count: number): Promise<UserId[]>;
  /** Frees the backend (servers, databases) after the suite. */
  close?(): Promise<void>;
}

export type HarnessFactory = () => Promise<ContractHarness>;

/** A registered person and the client holding their session. */
export type Person = { t: ChatTransport; session: Session };

/** What the contract suite lends the rules kept in files of their own (groups, message actions): its people and its harness. */
export interface ContractContext {
  /** A newly registered person with a client of their own. */
  user(prefix?: string): Promise<Person>;
  harness(): ContractHarness;
}

let counter = 0;

/** A username no other test (or earlier run against a persistent backend) has used. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export const PASSWORD = 'correct horse battery';

/** ContractHarness.accounts over the backend's own store. */
export function accountsIn(store: () => Store | Promise<Store>): (count: number) => Promise<UserId[]> {
  return async (count) => {
    const target = await store();
    const createdAt = new Date().toISOString();
    const ids: UserId[] = [];
    for (let i = 0; i < count; i++) {
      const username = uniqueName('many').toLowerCase();
      const id = crypto.randomUUID();
      await target.createUser({ id, username, displayName: username, email: `${username}@example.com`, avatarColor: '#6d28d9', passwordHash: 'not-a-hash', createdAt, lastSeen: null });
      ids.push(id);
    }
    return ids;
  };
}

/** Waits for the first event matching `predicate`, failing with a clear message after `ms`. */
export function nextEvent<E extends ChatEvent>(
  transport: ChatTransport,
  predicate: (event: ChatEvent) => event is E,
  ms?: number,
): Promise<E>;
export function nextEvent(transport: ChatTransport, predicate: (event: ChatEvent) => boolean, ms?: number): Promise<ChatEvent>;
export function nextEvent(transport: ChatTransport, predicate: (event: ChatEvent) => boolean, ms = 5000): Promise<ChatEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching event within ${ms} ms`));
    }, ms);
    const stop = transport.subscribe((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

/** Collects every event a transport receives until stopped. */
export function collect(transport: ChatTransport): { events: ChatEvent[]; stop: () => void } {
  const events: ChatEvent[] = [];
  const stop = transport.subscribe((event) => events.push(event));
  return { events, stop };
}

export function waitForConnection(transport: ChatTransport, status: ConnectionState['status'], ms = 5000): Promise<void> {
  if (transport.connectionState().status === status) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`connection did not become ${status} within ${ms} ms (is ${transport.connectionState().status})`));
    }, ms);
    const stop = transport.onConnection((state) => {
      if (state.status !== status) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

/** Connects and waits until the backend has the connection (presence counted). */
export async function connectAndWait(transport: ChatTransport, session: Session): Promise<void> {
  transport.connect(session);
  await waitForConnection(transport, 'online');
}

/** Resolves once `check` passes, polling the backend; for state that settles asynchronously. */
export async function eventually(check: () => Promise<void> | void, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Asserts `check` keeps passing for `ms`: for "this must not happen" after an asynchronous cause. */
export async function holdsFor(check: () => Promise<void> | void, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await check();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The conversation a change belongs to. */
export const conversationOf = changeConversationId;

/** Every change after `since`, page by page. */
export async function drain(t: ChatTransport, since: number): Promise<Change[]> {
  const all: Change[] = [];
  let cursor = since;
  for (;;) {
    const page = await t.catchUp(cursor);
    all.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return all;
  }
}
