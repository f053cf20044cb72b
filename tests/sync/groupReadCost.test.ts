import { expect, it } from 'vitest';
import type { Store } from '../../src/backend/store';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { newGroup, userRecord } from '../store/storeSuite';
import { testService } from '../support/testService';

/** `store` counting the calls of each method. */
function counted(store: Store): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

it('Browse channels is one bounded store query, reading no history however many channels there are; message info reads one message', async () => {
  const { store, calls } = counted(new MemoryStore());
  const { service } = testService({ store });
  const [owner, reader, browser] = [userRecord(), userRecord(), userRecord()];
  for (const u of [owner, reader, browser]) await store.createUser(u);
  for (let i = 0; i < 30; i++) {
    const input = newGroup(owner.id, [reader.id], 'public');
    await store.createGroup({ ...input, title: `Channel ${i}`, entry: { ...input.entry, createdAt: new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString() } });
  }
  const group = await service.createGroup(owner.id, { clientId: 'last-group-client', title: 'Last', visibility: 'private', memberIds: [reader.id] });
  const sent = await service.send(owner.id, { conversationId: group.id, clientId: 'message-1-client', body: 'hello' });
  await service.markRead(reader.id, { conversationId: group.id, uptoSeq: sent.seq });
  calls.clear();

  const listed = await service.browseChannels(browser.id, { limit: 5 });
  expect(listed.map((l) => l.title)).toEqual(['Channel 29', 'Channel 28', 'Channel 27', 'Channel 26', 'Channel 25']);
  expect(Object.fromEntries(calls)).toEqual({ browseChannels: 1 });

  calls.clear();
  const info = await service.messageInfo(owner.id, { conversationId: group.id, seq: sent.seq });
  expect(info.read.map((r) => r.userId)).toEqual([reader.id]);
  expect(Object.fromEntries(calls)).toEqual({ getConversation: 1, history: 1, receiptTimes: 1 });
  service.dispose();
});
