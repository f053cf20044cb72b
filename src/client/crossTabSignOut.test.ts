import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { ChatClientOptions } from './createChatClient';
import { clientDbName } from './db/clientDb';
import { DraftJournal } from './drafts/draftJournal';
import { unconnectedChannel } from './session/signOutChannel';
import { readStoredSession } from './session/storedSession';
import { eventually, type Tab, twoPeoplePerTest } from '../../tests/support/backendHarness';

const people = twoPeoplePerTest();

const status = (tab: Tab) => tab.client.stores.session.getState().status;

/** Two tabs of Alice sharing her database, with something unsent in the outbox, and Bob in a tab of his own. */
async function aliceTwiceAndBob(options?: Partial<ChatClientOptions>) {
  const first = await people.tab(people.alice, undefined, options);
  const second = await people.tab(people.alice, undefined, options);
  const bob = await people.tab(people.bob, undefined, options);
  const conversationId = await second.client.actions.openDirect(people.bob.user.id);
  // Offline, so whichever tab drains the outbox cannot send it yet.
  first.link.setOnline(false);
  second.link.setOnline(false);
  await second.client.actions.send(conversationId, 'typed in the second tab');
  second.client.actions.setDraft(conversationId, 'half a thought');
  return { first, second, bob, conversationId };
}

describe('signing out with several tabs of one person', () => {
  it('counts what every tab of the person has not sent yet, failed ones included', async () => {
    const { first, second, conversationId } = await aliceTwiceAndBob();
    expect(await first.client.actions.countUnsent()).toEqual({ messages: 1, changes: 0 });
    const tooLong = await first.client.actions.send(conversationId, 'x'.repeat(4001));
    expect(await second.client.actions.countUnsent()).toEqual({ messages: 2, changes: 0 });
    first.link.setOnline(true);
    second.link.setOnline(true);
    // The first goes out; the second is refused and stays, failed, until retried or discarded.
    await eventually(async () => expect((await first.engine.db.messages.get([people.alice.user.id, tooLong]))?.status).toBe('failed'));
    await eventually(async () => expect(await second.client.actions.countUnsent()).toEqual({ messages: 1, changes: 0 }));
  });

  it('signs out every tab of that person, deletes the database once, and leaves other people signed in', async () => {
    const { first, second, bob } = await aliceTwiceAndBob();
    const secondEngine = second.engine;

    await first.client.actions.signOut();
    expect(status(first)).toBe('signed-out');
    expect(await Dexie.exists(clientDbName(people.alice.user.id))).toBe(false);
    await eventually(() => expect(status(second)).toBe('signed-out'));
    expect(second.client.engine.getState()).toBeNull();
    expect(readStoredSession(second.storage)).toBeNull();
    expect(new DraftJournal(second.storage, people.alice.user.id).pending()).toEqual([]);
    // Nothing the second tab still held writes to the deleted database, nor makes it again.
    await expect(secondEngine.db.drafts.put({ conversationId: 'c', text: 'late', updatedAt: new Date().toISOString() })).rejects.toThrow();
    expect(await Dexie.exists(clientDbName(people.alice.user.id))).toBe(false);

    expect(status(bob)).toBe('signed-in');
    expect(await Dexie.exists(clientDbName(people.bob.user.id))).toBe(true);
  });

  it('signs the other tabs out where no message reaches them: the deletion of the database tells them', async () => {
    const { first, second } = await aliceTwiceAndBob({ openSignOutChannel: unconnectedChannel });
    const secondEngine = second.engine;

    await first.client.actions.signOut();
    expect(await Dexie.exists(clientDbName(people.alice.user.id))).toBe(false);
    await eventually(() => expect(status(second)).toBe('signed-out'));
    // Nothing the second tab still held writes to the deleted database, nor makes it again.
    await expect(secondEngine.db.drafts.put({ conversationId: 'c', text: 'late', updatedAt: new Date().toISOString() })).rejects.toThrow();
    expect(await Dexie.exists(clientDbName(people.alice.user.id))).toBe(false);
  });

  it('ends the other tabs’ own sessions on the server too', async () => {
    const { first, second } = await aliceTwiceAndBob();
    const state = second.client.stores.session.getState();
    if (state.status !== 'signed-in') throw new Error('expected a session');
    first.link.setOnline(true);
    second.link.setOnline(true);

    await first.client.actions.signOut();
    await eventually(() => expect(status(second)).toBe('signed-out'));
    await expect(people.backend.service.resume(state.session.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets the same person sign in again in the other tab, on a new empty database', async () => {
    const { first, second } = await aliceTwiceAndBob();
    await first.client.actions.signOut();
    await eventually(() => expect(status(second)).toBe('signed-out'));
    second.link.setOnline(true);
    await second.client.actions.signIn({ username: people.alice.user.username, password: 'correct horse battery' });
    expect(status(second)).toBe('signed-in');
    expect(await second.client.actions.countUnsent()).toEqual({ messages: 0, changes: 0 });
    expect(status(first)).toBe('signed-out');
  });
});
