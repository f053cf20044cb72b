import { createSocketTransport } from '../../../adapters/socketio/socketTransport';

export interface Session {
  token: string;
  userId: string;
}

/** Both users of every pair (`sessions[pair][side]`) and the pair's conversation. */
export interface Accounts {
  sessions: Session[][];
  conversations: string[];
}

/**
 * Registers both users of every pair and opens their conversation, through
 * the server at `url`, as a client would; usernames start with `prefix`.
 * Registration hashes with argon2id (~19 MiB each), so a few at a time.
 */
export async function setUpAccounts(url: string, pairs: number, prefix: string, password: string): Promise<Accounts> {
  const sessions: Session[][] = [];
  const conversations: string[] = [];
  const CONCURRENCY = 4;
  for (let first = 0; first < pairs; first += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, pairs - first) }, async (_, i) => {
      const pair = first + i;
      const t = createSocketTransport({ url, transports: ['websocket'] });
      const users: Session[] = [];
      for (const side of ['a', 'b']) {
        const session = await t.register({ username: `${prefix}_${pair}_${side}`, email: `${prefix}${pair}${side}@example.com`, password });
        users.push({ token: session.token, userId: session.user.id });
      }
      await t.resume({ token: users[0]!.token, user: { id: users[0]!.userId, username: '', displayName: '', avatarColor: '' } });
      const conversation = await t.openDirect(users[1]!.userId);
      t.disconnect();
      sessions[pair] = users;
      conversations[pair] = conversation.id;
    });
    await Promise.all(batch);
  }
  return { sessions, conversations };
}
