import { afterEach, describe, expect, it } from 'vitest';
import { ChatService, MemoryHub, MemoryPresence, MemorySessionRecords, TokenSessions } from '../../src/backend';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { ChatError, type ConnectionState, type Session } from '../../src/transport';
import { ManualClock } from '../../tests/support/manualClock';
import { directLink, type Link, RECONNECT_DELAY_MS, ServiceTransport } from './serviceTransport';
import { plainHasher } from '../../tests/support/plainHasher';
import { LOCAL_CALLER } from '../../src/backend/limits/caller';

/** A store whose last-seen write waits until the test lets it go, as a busy database would. */
class SlowLastSeenStore extends MemoryStore {
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;
  writes = 0;
  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }
  letGo(): void {
    this.release?.();
    this.gate = null;
  }
  override async setLastSeen(id: string, lastSeen: string) {
    await this.gate;
    this.writes += 1;
    return super.setLastSeen(id, lastSeen);
  }
}

const services: ChatService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.dispose();
});

async function backend() {
  const store = new SlowLastSeenStore();
  const hub = new MemoryHub();
  // The backend's own clock: its presence quiet window must not add to the transport's timers.
  const clock = new ManualClock();
  const service = new ChatService({ store, clock, hasher: plainHasher, sessions: new TokenSessions(new MemorySessionRecords()), publisher: hub, presence: new MemoryPresence() });
  services.push(service);
  const session = await service.register({ username: 'ann', email: 'ann@example.com', password: 'long enough' }, LOCAL_CALLER);
  return { store, hub, service, session, clock };
}

/** Past the presence quiet window of a connect, so a disconnect is announced (and last seen written) at once. */
const QUIET_SPELL_MS = 60_000;

function statusOf(transport: ServiceTransport, status: ConnectionState['status']): Promise<void> {
  if (transport.connectionState().status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = transport.onConnection((state) => {
      if (state.status !== status) return;
      stop();
      resolve();
    });
  });
}

/** Whether `promise` is still pending once the in-memory work it waits on has run as far as it can. */
async function stillPending(promise: Promise<unknown>): Promise<boolean> {
  // Everything here is promise work on a memory store: by the next macrotask it has run as far as it can.
  const state = await Promise.race([promise.then(() => 'settled'), new Promise((resolve) => setImmediate(() => resolve('pending')))]);
  return state === 'pending';
}

async function connected(transport: ServiceTransport, session: Session): Promise<void> {
  transport.connect(session);
  await statusOf(transport, 'online');
}

describe('ServiceTransport disconnect and dispose', () => {
  it('dispose waits for a disconnect still on its way, so the backend can be closed after it', async () => {
    const { store, hub, service, session, clock } = await backend();
    const transport = new ServiceTransport(service, hub);
    await connected(transport, session);
    await clock.advance(QUIET_SPELL_MS);

    store.hold();
    // Through the port, disconnect() is fire and forget: the client's stop() calls it so.
    transport.disconnect();
    const disposed = transport.dispose();
    expect(await stillPending(disposed)).toBe(true);
    expect(store.writes).toBe(0);

    store.letGo();
    await disposed;
    expect(store.writes).toBe(1);
    expect((await service.users(session.user.id)).find((u) => u.id === session.user.id)).toMatchObject({ presence: 'offline', lastSeen: expect.any(String) });
  });

  it('resolves disconnect() once the backend has dropped the connection', async () => {
    const { store, hub, service, session, clock } = await backend();
    const transport = new ServiceTransport(service, hub);
    await connected(transport, session);
    await clock.advance(QUIET_SPELL_MS);

    store.hold();
    const dropped = transport.disconnect();
    expect(transport.connectionState().status).toBe('offline');
    expect(await stillPending(dropped)).toBe(true);
    store.letGo();
    await dropped;
    expect(store.writes).toBe(1);
    await transport.dispose();
  });
});

describe('ServiceTransport reconnecting', () => {
  /** A transport on a manual clock whose first `lost` requests are lost, as on a flaky network; connecting has just failed once. */
  async function failedToConnect(lost: number) {
    const { hub, service, session } = await backend();
    const clock = new ManualClock();
    const link: Link = { ...directLink, call: (request) => (lost-- > 0 ? Promise.reject(new ChatError('TIMEOUT', 'The request was lost.')) : request()) };
    const transport = new ServiceTransport(service, hub, link, 'sim', clock);
    transport.connect(session);
    await statusOf(transport, 'offline');
    return { transport, clock, session };
  }

  it('tries again after a failed connect on its own clock, not the wall clock', async () => {
    const { transport, clock } = await failedToConnect(1);
    expect(transport.connectionState()).toMatchObject({ status: 'offline', reason: 'The request was lost.' });
    expect(clock.pending()).toBe(1);

    await clock.advance(RECONNECT_DELAY_MS - 1);
    expect(transport.connectionState().status).toBe('offline');
    const online = statusOf(transport, 'online');
    await clock.advance(1);
    await online;
    await transport.dispose();
  });

  it('drops the retry when disconnected or disposed meanwhile', async () => {
    const { transport, clock, session } = await failedToConnect(2);
    expect(clock.pending()).toBe(1);
    transport.disconnect();
    expect(clock.pending()).toBe(0);

    transport.connect(session);
    await statusOf(transport, 'offline');
    expect(clock.pending()).toBe(1);
    await transport.dispose();
    expect(clock.pending()).toBe(0);
  });
});
