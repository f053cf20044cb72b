import { describe, expect, it } from 'vitest';
import type { Conversation, UserId } from '../transport/types';
import { MemoryHub } from './hub';
import { MemoryPresence } from './presence';
import { ChatService } from './service';
import { MemoryStore } from './stores/memoryStore';
import { MemorySessionRecords, TokenSessions } from './tokenSessions';
import { plainHasher } from '../../tests/support/plainHasher';
import { LOCAL_CALLER } from './limits/caller';

/** A store where another request commits between catch-up's listing and its change query. */
class InterleavingStore extends MemoryStore {
  between: (() => Promise<void>) | null = null;
  override async listConversations(userId: UserId): Promise<Conversation[]> {
    const listed = await super.listConversations(userId);
    const hook = this.between;
    this.between = null;
    await hook?.();
    return listed;
  }
}

describe('catchUp', () => {
  it('does not skip a conversation created while it runs', async () => {
    const store = new InterleavingStore();
    const service = new ChatService({
      store,
      hasher: plainHasher,
      sessions: new TokenSessions(new MemorySessionRecords()),
      publisher: new MemoryHub(),
      presence: new MemoryPresence(),
    });
    const reg = (username: string) => service.register({ username, email: `${username}@example.com`, password: 'long enough' }, LOCAL_CALLER);
    const [ann, ben, cat] = await Promise.all([reg('ann'), reg('ben'), reg('cat')]);
    const withBen = await service.openDirect(ann.user.id, { userId: ben.user.id });
    let created: Conversation | undefined;
    store.between = async () => {
      created = await service.openDirect(cat.user.id, { userId: ann.user.id });
      await service.send(cat.user.id, { conversationId: created.id, clientId: 'client-cat-1', body: 'hello ann' });
      await service.send(ben.user.id, { conversationId: withBen.id, clientId: 'client-ben-1', body: 'later' });
    };

    const first = await service.catchUp(ann.user.id, { since: 0 });
    const second = await service.catchUp(ann.user.id, { since: first.cursor });
    const all = [...first.changes, ...second.changes];
    expect(all.some((c) => c.type === 'conversation' && c.conversation.id === created!.id)).toBe(true);
    expect(all.filter((c) => c.type === 'message').map((c) => c.type === 'message' && c.message.body).sort()).toEqual(['hello ann', 'later']);
    service.dispose();
  });
});
