import { afterEach, describe, expect, it } from 'vitest';
import { createMockBackend } from '../../mocks/backend';
import type { ChatService } from '../../src/backend/service';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { STREAM_EVENTS } from '../../src/protocol/http';
import { type SseMessage, openEventStream, sseFrame } from './eventStream';

const services: ChatService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

async function backend() {
  const { service, hub, presence } = createMockBackend({ store: new MemoryStore(), limits: { sendRate: { capacity: 1000, refillPerSecond: 1000 } } });
  services.push(service);
  const alice = (await service.register({ username: 'alice', email: 'a@example.com', password: 'correct horse battery' })).user;
  const bob = (await service.register({ username: 'bob', email: 'b@example.com', password: 'correct horse battery' })).user;
  const conversation = await service.openDirect(alice.id, { userId: bob.id });
  const send = (body: string) => service.send(alice.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body });
  return { service, hub, presence, alice, bob, send };
}

const revs = (messages: SseMessage[]) => messages.filter((m) => m.id !== undefined).map((m) => m.id!);

describe('openEventStream', () => {
  it('changes stored while the replay runs arrive once each, in rev order, without a gap', async () => {
    const { service, hub, bob, send } = await backend();
    for (let i = 0; i < 5; i++) await send(`before ${i}`);
    const messages: SseMessage[] = [];
    const stream = openEventStream({ service, hub, userId: bob.id, since: 0, write: (m) => messages.push(m) });
    // Sent while the stream subscribes, counts the connection and replays: each lands in the replay or the live buffer.
    await Promise.all([stream.opened, ...Array.from({ length: 5 }, (_, i) => send(`during ${i}`))]);
    for (let i = 0; i < 3; i++) await send(`after ${i}`);
    await stream.close();
    const all = (await service.catchUp(bob.id, { since: 0 })).changes.map((c) => c.rev);
    expect(revs(messages)).toEqual(all);
    expect(messages.filter((m) => m.event === STREAM_EVENTS.ready)).toHaveLength(1);
  });

  it('counts the connection for presence until closed', async () => {
    const { service, hub, presence, bob } = await backend();
    const stream = openEventStream({ service, hub, userId: bob.id, since: undefined, write: () => undefined });
    await stream.opened;
    expect((await presence.onlineUsers()).has(bob.id)).toBe(true);
    await stream.close();
    expect((await presence.onlineUsers()).has(bob.id)).toBe(false);
  });

  it('closed before it finished opening, it still ends presence', async () => {
    const { service, hub, presence, bob } = await backend();
    const stream = openEventStream({ service, hub, userId: bob.id, since: 0, write: () => undefined });
    await stream.close();
    expect((await presence.onlineUsers()).has(bob.id)).toBe(false);
  });

  it('a client that is gone (write throws) closes the stream: nothing more is written', async () => {
    const { service, hub, bob, send } = await backend();
    const written: SseMessage[] = [];
    const stream = openEventStream({
      service,
      hub,
      userId: bob.id,
      since: undefined,
      write: (m) => {
        written.push(m);
        if (m.id !== undefined) throw new Error('socket closed');
      },
    });
    await stream.opened;
    await send('into the void');
    const count = written.length;
    await send('and again');
    expect(written).toHaveLength(count);
    expect(written.filter((m) => m.id !== undefined)).toHaveLength(1);
  });
});

describe('sseFrame', () => {
  it.each([
    { message: { data: { a: 1 } }, frame: 'data: {"a":1}\n\n' },
    { message: { id: 7, data: { type: 'x' } }, frame: 'id: 7\ndata: {"type":"x"}\n\n' },
    { message: { event: 'ready', data: { heartbeatMs: 5 } }, frame: 'event: ready\ndata: {"heartbeatMs":5}\n\n' },
    { message: { data: 'two\nlines' }, frame: 'data: "two\\nlines"\n\n' },
  ])('$frame', ({ message, frame }) => {
    expect(sseFrame(message)).toBe(frame);
  });
});
