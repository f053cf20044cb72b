import { afterEach, describe, expect, it } from 'vitest';
import { STREAM_EVENTS } from '../src/protocol/http';
import { type EventStream, type SseMessage, openEventStream } from '../src/backend/http/eventStream';
import { openTabBackend, type TabBackend } from './backend';
import { MockDatabase } from './mockDatabase';
import { plainHasher } from '../tests/support/plainHasher';
import { LOCAL_CALLER } from '../src/backend/limits/caller';

const streams: EventStream[] = [];
const tabs: { backend: TabBackend; db: MockDatabase }[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.close()));
  for (const { backend, db } of tabs.splice(0)) {
    await backend.dispose();
    db.close();
  }
});

/** One browser tab in msw mode: its own mock backend over the shared database, events shared between tabs. */
async function tab(name: string): Promise<TabBackend> {
  const db = new MockDatabase(name);
  const backend = await openTabBackend({ db, locks: null, hasher: plainHasher });
  tabs.push({ backend, db });
  return backend;
}

/** An event stream of `userId` in `backend`, opened with the session `token`; `ended` settles when the backend ends it. */
function openStream(backend: TabBackend, userId: string, token: string) {
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
    const [first, second] = [await tab(name), await tab(name)];
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
