import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientDb, closeWhenDeleted, deleteClientDb, clientDbName } from './clientDb';

const opened: ClientDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** The same user's database as another tab holds it, with a row in it. */
async function openTab(userId: string): Promise<ClientDb> {
  const db = new ClientDb(clientDbName(userId));
  opened.push(db);
  await db.drafts.put({ conversationId: 'c1', text: 'draft', updatedAt: '2026-01-05T09:00:00.000Z' });
  return db;
}

describe('a client database deleted by another tab', () => {
  it('closes for good at once: the deletion is not blocked, and a late write fails instead of making it again', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const tab = await openTab(userId);
    let told = 0;
    closeWhenDeleted(tab, () => (told += 1));

    await deleteClientDb(userId);
    expect(told).toBe(1);
    expect(tab.isOpen()).toBe(false);
    await expect(tab.drafts.put({ conversationId: 'c1', text: 'late', updatedAt: '2026-01-05T09:00:01.000Z' })).rejects.toThrow(Dexie.DatabaseClosedError);
    expect(await Dexie.exists(clientDbName(userId))).toBe(false);
  });

  it('is what keeps it closed: on its own, Dexie reopens it for the next write and the database is back', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const tab = await openTab(userId);

    await deleteClientDb(userId);
    await tab.drafts.put({ conversationId: 'c1', text: 'late', updatedAt: '2026-01-05T09:00:01.000Z' });
    expect(await Dexie.exists(clientDbName(userId))).toBe(true);
    await deleteClientDb(userId);
  });
});
