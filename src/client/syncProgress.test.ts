import { describe, expect, it } from 'vitest';
import { eventually, twoPeoplePerTest } from '../../tests/support/backendHarness';

const people = twoPeoplePerTest();

describe('ChatClient.syncProgress', () => {
  it('is null while signed out, then follows the cache as it catches up with the server', async () => {
    const tab = await people.tab(people.alice);
    const conversation = await people.backend.service.openDirect(people.bob.user.id, { userId: people.alice.user.id });
    await people.backend.service.send(people.bob.user.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'hi' });
    const { service } = people.backend;
    const server = { cursor: (await service.catchUp(people.alice.user.id, { since: 0 })).cursor, users: (await service.users(people.alice.user.id)).length };
    expect(server.cursor).toBeGreaterThan(0);

    // At least: the tab's own delivery marker may already be a later change.
    await eventually(async () => {
      const progress = await tab.client.syncProgress();
      expect(progress?.cursor).toBeGreaterThanOrEqual(server.cursor);
      expect(progress?.users).toBe(server.users);
    });

    await tab.client.actions.signOut();
    expect(await tab.client.syncProgress()).toBeNull();
  });
});
