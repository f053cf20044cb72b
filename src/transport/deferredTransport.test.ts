import { describe, expect, it } from 'vitest';
import type { ChatTransport } from './ChatTransport';
import { deferredTransport } from './deferredTransport';
import { TransportSignals } from './transportSignals';
import type { ChatEvent, ConnectionState, Session } from './types';

const session: Session = { token: 't1', user: { id: 'u1', username: 'alex', displayName: 'Alex', avatarColor: '#6d28d9' } };
const typing: ChatEvent = { type: 'typing', conversationId: 'c1', userId: 'u2', typing: true };

/** The parts of a transport these tests drive; the rest is never called. */
function fakeTransport() {
  const signals = new TransportSignals();
  const calls: string[] = [];
  const fake = {
    name: 'fake',
    signals,
    calls,
    login: async () => {
      calls.push('login');
      return session;
    },
    connect: (s: Session) => {
      calls.push(`connect ${s.token}`);
      signals.setState({ status: 'connecting' });
    },
    disconnect: () => {
      calls.push('disconnect');
      signals.setState({ status: 'offline', reason: 'Disconnected.' });
    },
    connectionState: () => signals.state,
    onConnection: (listener: (state: ConnectionState) => void) => signals.onConnection(listener),
    subscribe: (listener: (event: ChatEvent) => void) => signals.subscribe(listener),
    setTyping: (conversationId: string, on: boolean) => void calls.push(`typing ${conversationId} ${on}`),
  };
  return { fake, transport: fake as unknown as ChatTransport };
}

function later<T>() {
  let settle!: { resolve: (value: T) => void; reject: (error: Error) => void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('deferredTransport', () => {
  it('answers calls made before the real transport came, once it comes', async () => {
    const { fake, transport } = fakeTransport();
    const coming = later<ChatTransport>();
    const deferred = deferredTransport('sim', coming.promise);
    const login = deferred.login({ username: 'alex', password: 'secret' });
    await settled();
    expect(fake.calls).toEqual([]);
    coming.resolve(transport);
    await expect(login).resolves.toEqual(session);
    expect(deferred.name).toBe('sim');
  });

  it('says connecting for a connect asked for meanwhile, makes it when the transport comes, and passes its states and events on', async () => {
    const { fake, transport } = fakeTransport();
    const coming = later<ChatTransport>();
    const deferred = deferredTransport('sim', coming.promise);
    const states: ConnectionState[] = [];
    const events: ChatEvent[] = [];
    deferred.onConnection((state) => states.push(state));
    deferred.subscribe((event) => events.push(event));
    expect(deferred.connectionState()).toEqual({ status: 'offline', reason: 'Not connected.' });

    deferred.connect(session);
    deferred.setTyping('c1', true);
    coming.resolve(transport);
    await settled();
    fake.signals.setState({ status: 'online' });
    fake.signals.emit(typing);

    expect(fake.calls).toEqual(['connect t1']);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'online']);
    expect(deferred.connectionState()).toEqual({ status: 'online' });
    expect(events).toEqual([typing]);
    deferred.setTyping('c1', false);
    expect(fake.calls).toEqual(['connect t1', 'typing c1 false']);
  });

  it('makes no connect that was taken back before the transport came', async () => {
    const { fake, transport } = fakeTransport();
    const deferred = deferredTransport('sim', Promise.resolve(transport).then(async (t) => (await settled(), t)));
    deferred.connect(session);
    deferred.disconnect();
    expect(deferred.connectionState()).toEqual({ status: 'offline', reason: 'Not connected.' });
    await settled();
    await settled();
    expect(fake.calls).toEqual([]);
  });

  it('fails every call with the error the transport failed to come with', async () => {
    const coming = later<ChatTransport>();
    const deferred = deferredTransport('sim', coming.promise);
    const users = deferred.users();
    coming.reject(new Error('The sim failed to load'));
    await expect(users).rejects.toThrow('The sim failed to load');
    await expect(deferred.conversations()).rejects.toThrow('The sim failed to load');
  });
});
