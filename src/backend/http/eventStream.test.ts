import { afterEach, describe, expect, it } from 'vitest';
import { STREAM_EVENTS } from '../../protocol/http';
import { MemoryHub } from '../hub';
import { MemoryPresence } from '../presence';
import { ChatService } from '../service';
import { MemoryStore } from '../stores/memoryStore';
import { MemorySessionRecords, TokenSessions } from '../tokenSessions';
import { plainHasher } from '../../../tests/support/plainHasher';
import { SessionStreams } from './sessionStreams';
import { SIGNED_OUT_MESSAGE, type SseMessage, openEventStream, sseFrame } from './eventStream';
import { LOCAL_CALLER } from '../limits/caller';

const services: ChatService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

async function backend() {
  const [hub, presence, sessions] = [new MemoryHub(), new MemoryPresence(), new TokenSessions(new MemorySessionRecords())];
  const service = new ChatService({ store: new MemoryStore(), hasher: plainHasher, sessions, publisher: hub, presence, limits: { sendsPerUser: { points: 1000, durationSec: 1 } } });
  // As the mocks keep them: a session is named by its token, and signing it out ends its streams.
  const streams = new SessionStreams((token) => sessions.isRevoked(token));
  sessions.onRevoked((token) => streams.endSession(token));
  services.push(service);
  const alice = (await service.register({ username: 'alice', email: 'a@example.com', password: 'correct horse battery' }, LOCAL_CALLER)).user;
  const bob = (await service.register({ username: 'bob', email: 'b@example.com', password: 'correct horse battery' }, LOCAL_CALLER)).user;
  const conversation = await service.openDirect(alice.id, { userId: bob.id });
  const send = (body: string) => service.send(alice.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body });
  // What a stream needs besides its user: the session it belongs to (its token, in the mocks) and where it is kept.
  const bobToken = (await service.login({ username: 'bob', password: 'correct horse battery' }, LOCAL_CALLER)).token;
  const session = { sessionId: bobToken, streams, end: () => undefined };
  return { service, hub, presence, streams, alice, bob, bobToken, session, send };
}

const revs = (messages: SseMessage[]) => messages.filter((m) => m.id !== undefined).map((m) => m.id!);

describe('openEventStream', () => {
  it('changes stored while the replay runs arrive once each, in rev order, without a gap', async () => {
    const { service, hub, bob, session, send } = await backend();
    for (let i = 0; i < 5; i++) await send(`before ${i}`);
    const messages: SseMessage[] = [];
    const stream = openEventStream({ service, hub, ...session, userId: bob.id, since: 0, write: (m) => messages.push(m) });
    // Sent while the stream subscribes, counts the connection and replays: each lands in the replay or the live buffer.
    await Promise.all([stream.opened, ...Array.from({ length: 5 }, (_, i) => send(`during ${i}`))]);
    for (let i = 0; i < 3; i++) await send(`after ${i}`);
    await stream.close();
    const all = (await service.catchUp(bob.id, { since: 0 })).changes.map((c) => c.rev);
    expect(revs(messages)).toEqual(all);
    expect(messages.filter((m) => m.event === STREAM_EVENTS.ready)).toHaveLength(1);
  });

  it('counts the connection for presence until closed', async () => {
    const { service, hub, presence, bob, session } = await backend();
    const stream = openEventStream({ service, hub, ...session, userId: bob.id, since: undefined, write: () => undefined });
    await stream.opened;
    expect((await presence.onlineUsers()).has(bob.id)).toBe(true);
    await stream.close();
    expect((await presence.onlineUsers()).has(bob.id)).toBe(false);
  });

  it('closed before it finished opening, it still ends presence', async () => {
    const { service, hub, presence, bob, session } = await backend();
    const stream = openEventStream({ service, hub, ...session, userId: bob.id, since: 0, write: () => undefined });
    await stream.close();
    expect((await presence.onlineUsers()).has(bob.id)).toBe(false);
  });

  it('a client that is gone (write throws) closes the stream: nothing more is written', async () => {
    const { service, hub, bob, session, send } = await backend();
    const written: SseMessage[] = [];
    const stream = openEventStream({
      service,
      hub,
      ...session,
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

describe('openEventStream when its session signs out', () => {
  const signedOut: SseMessage = { event: STREAM_EVENTS.signedOut, data: { message: SIGNED_OUT_MESSAGE } };

  it('tells the client, writes nothing more, ends the response and presence; another session of the user streams on', async () => {
    const { service, hub, presence, streams, bob, bobToken, send } = await backend();
    const otherToken = (await service.login({ username: 'bob', password: 'correct horse battery' }, LOCAL_CALLER)).token;
    const open = (sessionId: string) => {
      const written: SseMessage[] = [];
      let ended = 0;
      const stream = openEventStream({ service, hub, streams, sessionId, userId: bob.id, since: undefined, write: (m) => written.push(m), end: () => ended++ });
      return { stream, written, ended: () => ended };
    };
    const mine = open(bobToken);
    const other = open(otherToken);
    await Promise.all([mine.stream.opened, other.stream.opened]);

    await service.logout(bobToken);
    expect(mine.written.at(-1)).toEqual(signedOut);
    expect(mine.ended()).toBe(1);
    const count = mine.written.length;
    await send('after signing out');
    expect(mine.written).toHaveLength(count);
    expect(other.written.at(-1)).toMatchObject({ data: { type: 'message', message: { body: 'after signing out' } } });
    expect(other.ended()).toBe(0);
    // Ended by the sign-out, the stream is closed already: closing again changes nothing, and presence counts the other stream only.
    await mine.stream.close();
    expect((await presence.onlineUsers()).has(bob.id)).toBe(true);
    await other.stream.close();
    expect((await presence.onlineUsers()).has(bob.id)).toBe(false);
  });

  it('a sign-out that landed before the stream was counted (while its ticket was redeemed) still ends it', async () => {
    const { service, hub, streams, bob, bobToken } = await backend();
    await service.logout(bobToken);
    const written: SseMessage[] = [];
    const ended = new Promise<void>((resolve) => {
      openEventStream({ service, hub, streams, sessionId: bobToken, userId: bob.id, since: undefined, write: (m) => written.push(m), end: resolve });
    });
    await ended;
    expect(written.at(-1)).toEqual(signedOut);
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
