import { afterEach, describe, expect, it } from 'vitest';
import { createChatClient, type ChatClient } from '../../src/client/createChatClient';
import { PAGE_SIZE, UNREAD_CONTEXT, WINDOW_PAGES } from '../../src/client/react/hooks';
import { MemoryStorage } from '../../src/client/session/storedSession';
import { deleteClientDb } from '../../src/client/db/clientDb';
import type { ConversationId, Session } from '../../src/transport';
import { createTestBackend, eventually, FaultyLink, PASSWORD, type TestBackend } from '../support/backendHarness';
import { countingTransport, type TransportCost } from '../support/countingTransport';

/** When a test's receipts are made. */
const AT = '2025-01-01T00:00:00.000Z';

/**
 * What a first sign-in and opening a conversation cost a client, in requests
 * and in records transferred, is bounded by the screen, not by the history:
 * the same for an account with 50 messages as for one with 50,000, within
 * one page.
 */

const CONVERSATIONS = 20;

interface Account {
  backend: TestBackend;
  me: Session;
  /** The conversation the person opens: half of it unread. */
  open: ConversationId;
}

/**
 * Me and twenty people, a conversation with each, `total` messages among them
 * (alternating, the newest one theirs), all read but half of the first
 * conversation. Written through the store: the service would take minutes.
 */
async function account(total: number): Promise<Account> {
  const backend = createTestBackend();
  const me = await backend.register('me');
  let open: ConversationId | null = null;
  for (let c = 0; c < CONVERSATIONS; c++) {
    const peer = await backend.register(`peer${c}`);
    const { conversation } = await backend.store.getOrCreateDirect({ id: `c${c}`, memberIds: [me.user.id, peer.user.id], createdAt: new Date(0).toISOString() });
    const count = Math.floor(total / CONVERSATIONS) + (c < total % CONVERSATIONS ? 1 : 0);
    for (let i = 1; i <= count; i++) {
      const sender = (count - i) % 2 === 0 ? peer.user.id : me.user.id;
      await backend.store.appendMessage({ id: `${conversation.id}-${i}`, conversationId: conversation.id, senderId: sender, clientId: `${conversation.id}-client-${i}`, body: `message ${i}`, createdAt: new Date(i * 1000).toISOString() });
    }
    const read = c === 0 ? Math.floor(count / 2) : count;
    await backend.store.advanceMarker(conversation.id, me.user.id, 'read', read, AT);
    open ??= conversation.id;
  }
  const summaries = await backend.store.listSummaries(me.user.id);
  expect(summaries.reduce((sum, s) => sum + s.conversation.lastSeq, 0)).toBe(total);
  return { backend, me, open: open! };
}

const clients: { client: ChatClient; me: Session; backend: TestBackend }[] = [];
afterEach(async () => {
  for (const { client, me, backend } of clients.splice(0)) {
    await client.stop();
    await deleteClientDb(me.user.id);
    backend.close();
  }
});

/** Signs a new device in, waits until its first sync has settled, opens `open`, and says what each step cost. */
async function firstSignInThenOpen({ backend, me, open }: Account): Promise<{ signIn: TransportCost; opening: TransportCost }> {
  const transport = countingTransport(backend.transport(new FaultyLink()));
  const client = createChatClient({
    transport,
    storage: new MemoryStorage(),
    visibility: { isVisible: () => true, onChange: () => () => {} },
    timing: { markerDelayMs: 5, settleCatchUpMs: 60_000 },
    onError: (error) => {
      throw error;
    },
  });
  clients.push({ client, me, backend });
  await client.start();
  await client.actions.signIn({ username: me.user.username, password: PASSWORD });
  const horizon = await backend.store.currentRev();
  // Settled: caught up, and every conversation's newest message reported delivered.
  await eventually(async () => {
    expect((await client.syncProgress())?.cursor).toBeGreaterThanOrEqual(horizon);
    const summaries = await backend.store.listSummaries(me.user.id);
    expect(summaries.every((s) => s.conversation.members.find((m) => m.userId === me.user.id)!.deliveredSeq === s.conversation.lastSeq)).toBe(true);
  });
  const signIn = transport.cost();

  transport.reset();
  const engine = client.engine.getState()!;
  const opened = await engine.openWindow(open, { pageSize: PAGE_SIZE, context: UNREAD_CONTEXT, maxSize: WINDOW_PAGES * PAGE_SIZE });
  expect(opened.firstUnreadSeq).not.toBeNull();
  return { signIn, opening: transport.cost() };
}

describe('the cost of a first sign-in and of opening a conversation', () => {
  it('is the same for 50 messages as for 50,000, within one page', async () => {
    const small = await firstSignInThenOpen(await account(50));
    const big = await firstSignInThenOpen(await account(50_000));

    expect(big.signIn.requests).toEqual(small.signIn.requests);
    expect(Math.abs(big.signIn.rows - small.signIn.rows)).toBeLessThanOrEqual(PAGE_SIZE);
    expect(big.opening.requests).toEqual(small.opening.requests);
    expect(Math.abs(big.opening.rows - small.opening.rows)).toBeLessThanOrEqual(PAGE_SIZE);

    // What that is: the sign-in, one bootstrap, one catch-up from its cursor, and a delivery report for the
    // one conversation not read to the end (a read marker counts as delivered too).
    expect(big.signIn.requests).toEqual({ login: 1, bootstrap: 1, catchUp: 1, markDelivered: 1 });
    // Opening: one page of history around the first of 1,250 unread.
    expect(big.opening.requests).toEqual({ history: 1 });
    expect(big.opening.rows).toBeLessThanOrEqual(PAGE_SIZE);
  });
});
