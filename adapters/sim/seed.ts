import type { Clock } from '../../src/backend/clock';
import type { PasswordHasher } from '../../src/backend/ports';
import type { UserRecord } from '../../src/backend/store';
import type { DexieStore } from '../../src/backend/stores/dexieStore';
import type { UserId } from '../../src/transport';
import { writeDemoGroup } from './demoGroups';
import { DEMO_ACCOUNT, DEMO_CONVERSATIONS, DEMO_GROUPS, DEMO_TEAM, type DemoConversation, LAST_SEEN_MINUTES_AGO } from './demoTeam';
import type { SimDatabase } from './simDatabase';

/** No hash scheme matches it, so nobody can sign in as a simulated teammate. */
export const UNUSABLE_PASSWORD_HASH = '!simulated-teammate';

const SEED_KEY = 'seed';
/** 1: the team, the demo account and its conversations; 2: the team's groups. */
export const SEED_VERSION = 2;

export interface SeedDeps {
  db: SimDatabase;
  store: DexieStore;
  hasher: PasswordHasher;
  clock: Clock;
}

/** Which seed the database holds, 0 for none. */
async function seededVersion(db: SimDatabase): Promise<number> {
  const row = await db.meta.get(SEED_KEY);
  if (row === undefined) return 0;
  const { version } = row.value as { version?: unknown };
  return typeof version === 'number' ? version : 1;
}

/**
 * Writes the demo team and the demo account's history on the first run, and
 * brings a demo seeded by an earlier version up to date (its groups added,
 * everything written since kept). Idempotent and race-free across tabs: the
 * check and every write share one transaction, so of two tabs starting
 * together exactly one seeds. Returns whether this call wrote anything.
 * `upTo` seeds as that version did (the upgrade test starts from version 1).
 */
export async function seedDemoData({ db, store, hasher, clock }: SeedDeps, upTo = SEED_VERSION): Promise<boolean> {
  const before = await seededVersion(db);
  if (before >= upTo) return false;
  // Hashing is not IndexedDB work and would end the transaction: do it first (only a new demo needs it).
  const demoHash = before < 1 ? await hasher.hash(DEMO_ACCOUNT.password) : null;
  const now = clock.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  return db.transaction('rw', [db.meta.name, ...store.tableNames], async () => {
    const version = await seededVersion(db);
    if (version >= upTo) return false;
    if (version < 1) {
      // Emptied by a reset in another tab since the check: that tab seeds it again.
      if (demoHash === null) return false;
      await seedTeam(store, demoHash, at);
    }
    if (upTo >= 2) await seedGroups(store, at);
    await db.meta.put({ key: SEED_KEY, value: { version: upTo, at: new Date(now).toISOString() } });
    return true;
  });
}

/** Version 1: the team, the demo account, and its direct conversations. */
async function seedTeam(store: DexieStore, demoHash: string, at: (minutesAgo: number) => string): Promise<void> {
  const ids = new Map<string, UserId>();
  const account = (fields: Omit<UserRecord, 'id' | 'createdAt'>): UserRecord => {
    const id = crypto.randomUUID();
    ids.set(fields.username, id);
    return { id, createdAt: at(30 * 24 * 60), ...fields };
  };
  for (const t of DEMO_TEAM) {
    const lastSeen = LAST_SEEN_MINUTES_AGO[t.username];
    await store.createUser(
      account({
        username: t.username,
        displayName: t.displayName,
        avatarColor: t.avatarColor,
        email: `${t.username}@violetchat.example`,
        passwordHash: UNUSABLE_PASSWORD_HASH,
        lastSeen: lastSeen === undefined ? null : at(lastSeen),
      }),
    );
  }
  const { password: _password, ...demo } = DEMO_ACCOUNT;
  await store.createUser(account({ ...demo, passwordHash: demoHash, lastSeen: at(60) }));
  for (const script of DEMO_CONVERSATIONS) {
    await writeConversation(store, ids.get(DEMO_ACCOUNT.username)!, ids.get(script.with)!, script, at);
  }
}

/** Version 2: the team's groups, found by username (a demo seeded by version 1 has other ids than a new one). */
async function seedGroups(store: DexieStore, at: (minutesAgo: number) => string): Promise<void> {
  const people = new Map<string, UserRecord>();
  for (const username of [DEMO_ACCOUNT.username, ...DEMO_TEAM.map((t) => t.username)]) {
    const user = await store.getUserByUsername(username);
    // A database whose demo team is incomplete has no one to seed the groups around.
    if (!user) return;
    people.set(username === DEMO_ACCOUNT.username ? 'me' : username, user);
  }
  for (const group of DEMO_GROUPS) await writeDemoGroup({ store, at, id: () => crypto.randomUUID() }, group, people);
}

async function writeConversation(store: DexieStore, me: UserId, them: UserId, script: DemoConversation, at: (minutesAgo: number) => string) {
  const first = script.messages[0]?.[0] ?? 0;
  const { conversation } = await store.getOrCreateDirect({ id: crypto.randomUUID(), memberIds: [me, them], createdAt: at(first + 1) });
  for (const [minutesAgo, from, body] of script.messages) {
    await store.appendMessage({
      id: crypto.randomUUID(),
      conversationId: conversation.id,
      senderId: from === 'me' ? me : them,
      clientId: crypto.randomUUID(),
      body,
      createdAt: at(minutesAgo),
    });
  }
  const lastSeq = script.messages.length;
  const trailingMine = lastSeq - 1 - script.messages.findLastIndex(([, from]) => from === 'them');
  const marked = at(0);
  await store.advanceMarker(conversation.id, me, 'read', lastSeq - script.unread, marked);
  await store.advanceMarker(conversation.id, me, 'delivered', lastSeq, marked);
  await store.advanceMarker(conversation.id, them, 'read', script.theirs === 'read' ? lastSeq : lastSeq - trailingMine, marked);
  if (script.theirs !== 'sent') await store.advanceMarker(conversation.id, them, 'delivered', lastSeq, marked);
}

/** Empties every table but the list of open tabs, in one transaction, so the next seed starts clean. */
export async function clearSimData(db: SimDatabase): Promise<void> {
  const tables = db.tables.filter((t) => t.name !== db.tabs.name);
  await db.transaction('rw', tables, async () => {
    await Promise.all(tables.map((t) => t.clear()));
  });
}
