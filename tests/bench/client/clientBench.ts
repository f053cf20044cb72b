/**
 * The client engine's speed on fake-indexeddb (an in-memory IndexedDB: real
 * browsers are faster at bulk work, slower per transaction; compare runs with
 * each other, not with a browser).
 *   - optimistic send: from send() to the pending row and outbox entry written
 *   - a 1,000-message catch-up: fetched in pages and applied, cursor included
 *   - opening the latest page of a 10,000-message conversation
 * Run: npm run bench:client
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { PAGE_SIZE } from '../../../src/client/react/hooks';
import { type ClientDb, openClientDb, deleteClientDb } from '../../../src/client/db/clientDb';
import { applyChanges, readCursor } from '../../../src/client/sync/apply';
import { localViews } from '../../../src/client/views';
import { createTestBackend, FaultyLink, signedInTab } from '../../support/backendHarness';
import type { Message, Session } from '../../../src/transport';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function optimisticSend(): Promise<number[]> {
  const backend = createTestBackend();
  const [alice, bob] = [await backend.register('alice'), await backend.register('bob')];
  const link = new FaultyLink();
  const tab = await signedInTab(backend, alice, link);
  const conversationId = await tab.client.actions.openDirect(bob.user.id);
  // Offline, so the outbox worker does not compete: this measures the local write alone.
  link.setOnline(false);
  const samples: number[] = [];
  for (let i = 0; i < 320; i++) {
    const start = performance.now();
    await tab.client.actions.send(conversationId, `message ${i}`);
    if (i >= 20) samples.push(performance.now() - start); // the first ones warm the JIT
  }
  await tab.close();
  await deleteClientDb(alice.user.id);
  backend.close();
  return samples;
}

async function catchUp1000(): Promise<number[]> {
  const backend = createTestBackend();
  const [alice, bob] = [await backend.register('alice'), await backend.register('bob')];
  const conversation = await backend.service.openDirect(bob.user.id, { userId: alice.user.id });
  for (let i = 0; i < 1000; i++) await backend.service.send(bob.user.id, { conversationId: conversation.id, clientId: `bench-${i}-xxxxxxxx`, body: `message ${i}` });
  const transport = backend.transport(new FaultyLink());
  await transport.login({ username: alice.user.username, password: 'correct horse battery' });
  const samples: number[] = [];
  for (let run = 0; run < 8; run++) {
    await deleteClientDb(alice.user.id);
    const db = openClientDb(alice.user.id);
    const start = performance.now();
    let cursor = await readCursor(db);
    for (;;) {
      const page = await transport.catchUp(cursor);
      await applyChanges(db, alice.user.id, page.changes, { cursor: page.cursor });
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (run > 0) samples.push(performance.now() - start); // the first run warms the JIT
    if ((await db.messages.count()) !== 1000) throw new Error('catch-up did not store 1,000 messages');
    db.close();
  }
  await deleteClientDb(alice.user.id);
  transport.dispose();
  backend.close();
  return samples;
}

async function fill(db: ClientDb, me: Session['user'], peerId: string, conversationId: string, count: number): Promise<void> {
  const messages: Message[] = Array.from({ length: count }, (_, i) => ({
    id: `m${i + 1}`,
    clientId: `c${i + 1}-xxxxxxxx`,
    conversationId,
    senderId: i % 2 === 0 ? me.id : peerId,
    body: `message ${i + 1}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    seq: i + 1,
    status: 'read',
  }));
  await applyChanges(db, me.id, [
    {
      type: 'conversation',
      rev: 1,
      conversation: {
        id: conversationId,
        kind: 'direct',
        createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
        lastSeq: count,
        members: [
          { userId: me.id, deliveredSeq: count, readSeq: count - 20 },
          { userId: peerId, deliveredSeq: count, readSeq: count },
        ],
      },
    },
  ]);
  await db.messages.bulkPut(messages.map((m) => ({ ...m, sortKey: m.seq, error: null })));
}

const COUNT = 10_000;

async function openLatestPage(): Promise<number[]> {
  const me = { id: 'bench-me', username: 'me', displayName: 'Me', avatarColor: '#6d28d9' };
  await deleteClientDb(me.id);
  const db = openClientDb(me.id);
  await fill(db, me, 'bench-peer', 'bench-conversation', COUNT);
  const views = localViews(db, me);
  const samples: number[] = [];
  for (let run = 0; run < 60; run++) {
    const start = performance.now();
    // The window of the newest page: every message from its first seq on.
    const page = await new Promise<unknown[]>((resolve, reject) => {
      const subscription = views.messages('bench-conversation', COUNT - PAGE_SIZE + 1, null).subscribe({
        next: (value) => {
          queueMicrotask(() => subscription.unsubscribe());
          resolve(value);
        },
        error: reject,
      });
    });
    if (page.length !== PAGE_SIZE) throw new Error('the page is not full');
    if (run >= 10) samples.push(performance.now() - start);
  }
  db.close();
  await deleteClientDb(me.id);
  return samples;
}

const rows: [string, string, string][] = [];
const send = await optimisticSend();
rows.push(['optimistic send -> local write (300 sends)', ms(percentile(send, 50)), ms(percentile(send, 95))]);
const catchUp = await catchUp1000();
rows.push(['apply a 1,000-message catch-up (2 pages, 7 runs)', ms(percentile(catchUp, 50)), ms(percentile(catchUp, 95))]);
const open = await openLatestPage();
rows.push([`open the latest page (${PAGE_SIZE}) of 10,000 messages (50 runs)`, ms(percentile(open, 50)), ms(percentile(open, 95))]);

console.log('\nVioletChat client engine on fake-indexeddb\n');
console.table(rows.map(([what, p50, p95]) => ({ what, p50, p95 })));
