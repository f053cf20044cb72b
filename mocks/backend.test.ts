import { afterEach, describe, expect, it } from 'vitest';
import { DexieStore } from '../src/backend/stores/dexieStore';
import { STREAM_EVENTS } from '../src/protocol/http';
import { type EventStream, type SseMessage, openEventStream } from '../server/http/eventStream';
import { createMockBackend, type MockBackend } from './backend';
import { MockDatabase, MockSessionRecords } from './mockDatabase';
import { LOCAL_CALLER } from '../src/backend/limits/caller';

const streams: EventStream[] = [];
const tabs: { backend: MockBackend; db: MockDatabase }[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.close()));
  for (const { backend, db } of tabs.splice(0)) {
    backend.dispose();
    db.close();
  }
});

/** One browser tab in msw mode: its own mock backend over the shared database, events shared between tabs. */
function tab(name: string): MockBackend {
  const db = new MockDatabase(name);
  const backend = createMockBackend({ store: new DexieStore(db), sessionRecords: new MockSessionRecords(db), crossTabChannel: `${name}:events` });
  tabs.push({ backend, db });
  return backend;
}

/** An event stream of `userId` in `backend`, opened with the session `token`; `ended` settles when the backend ends it. */
function openStream(backend: MockBackend, userId: string, token: string) {
  const written: SseMessage[] = [];
  let endedByBackend = false;
  let markEnded = () => {};
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const stream = openEventStream({
    service: backend.service,
    hub: backend.hub,
    streams: backend.streams,
    sessionId: token,
    userId,
    since: undefined,
    write: (m) => written.push(m),
    end: () => {
      endedByBackend = true;
      markEnded();
    },
  });
  streams.push(stream);
  return { written, ended, endedByBackend: () => endedByBackend };
}

describe('signing out in msw mode', () => {
  it('ends the streams of that session in the other tabs too, and only those', async () => {
    const name = `violetchat-msw-test-${crypto.randomUUID()}`;
    const [first, second] = [tab(name), tab(name)];
    const alice = await first.service.register({ username: 'alice', email: 'a@example.com', password: 'correct horse battery' }, LOCAL_CALLER);
    const other = await first.service.login({ username: 'alice', password: 'correct horse battery' }, LOCAL_CALLER);
    const mine = openStream(second, alice.user.id, alice.token);
    const theirs = openStream(second, alice.user.id, other.token);

    await first.service.logout(alice.token);
    await mine.ended;
    expect(mine.written.at(-1)).toMatchObject({ event: STREAM_EVENTS.signedOut });
    expect(theirs.endedByBackend()).toBe(false);
  });
});
