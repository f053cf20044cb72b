import type { ConversationId, UserId } from '../../transport';

export interface JournaledDraft {
  conversationId: ConversationId;
  text: string;
  updatedAt: string;
}

/**
 * A synchronous write-ahead copy of drafts not yet saved in IndexedDB. An
 * IndexedDB transaction still in flight when the page unloads (a reload right
 * after typing) is aborted; a Storage write has already happened. The engine
 * replays the journal into its database when it starts.
 */
export class DraftJournal {
  private readonly prefix: string;

  constructor(
    private readonly storage: Storage,
    userId: UserId,
  ) {
    this.prefix = `violetchat.draft.${userId}.`;
  }

  write(draft: JournaledDraft): void {
    try {
      this.storage.setItem(this.prefix + draft.conversationId, JSON.stringify(draft));
    } catch {
      // A full or unavailable Storage leaves the IndexedDB write as the only copy.
    }
  }

  /** The database now holds `text`: forget the entry unless a newer keystroke replaced it. */
  settle(conversationId: ConversationId, text: string): void {
    const entry = this.read(this.prefix + conversationId);
    if (entry && entry.text === text) this.storage.removeItem(this.prefix + conversationId);
  }

  /** Signing out deletes the user's local data; their journaled drafts go with it. */
  clear(): void {
    for (const draft of this.pending()) this.storage.removeItem(this.prefix + draft.conversationId);
  }

  pending(): JournaledDraft[] {
    const out: JournaledDraft[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(this.prefix)) continue;
      const entry = this.read(key);
      if (entry) out.push(entry);
    }
    return out;
  }

  private read(key: string): JournaledDraft | null {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(key) ?? 'null');
      if (typeof value !== 'object' || value === null) return null;
      const { conversationId, text, updatedAt } = value as Record<string, unknown>;
      if (typeof conversationId !== 'string' || typeof text !== 'string' || typeof updatedAt !== 'string') return null;
      return { conversationId, text, updatedAt };
    } catch {
      return null;
    }
  }
}
