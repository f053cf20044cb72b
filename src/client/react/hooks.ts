import { useCallback, useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionState, ConversationId, UserWithPresence } from '../../transport';
import type { ChatActions, ConversationView, MessagesWindow, SessionState } from '../api';
import type { UserEngine } from '../engine/userEngine';
import { useChatClient } from './ChatProvider';
import { useLive } from './useLive';

/** Messages per page, locally and from the server. */
export const PAGE_SIZE = 50;

export function useSession(): SessionState {
  return useStore(useChatClient().stores.session);
}

export function useConnection(): ConnectionState {
  return useStore(useChatClient().stores.connection);
}

export function useActions(): ChatActions {
  return useChatClient().actions;
}

function useEngine(): UserEngine | null {
  return useStore(useChatClient().engine);
}

/** Me, with my presence as the directory knows it; null while signed out. */
export function useMe(): UserWithPresence | null {
  const engine = useEngine();
  const session = useSession();
  const live = useLive(engine, 'me', 0, (e) => e.views.me());
  if (session.status !== 'signed-in') return null;
  return live ?? { ...session.session.user, presence: 'offline', lastSeen: null };
}

/** Newest activity first; undefined while the cache is being read. */
export function useConversations(): ConversationView[] | undefined {
  const engine = useEngine();
  return useLive(engine, 'conversations', 0, (e) => e.views.conversations());
}

/** undefined while loading, null when this device does not know the conversation. */
export function useConversation(id: ConversationId | null): ConversationView | null | undefined {
  const engine = useEngine();
  const live = useLive(engine, `conversation:${id}`, 0, (e) => e.views.conversation(id ?? ''));
  return id === null ? null : live;
}

/** Everyone but me, by name. */
export function useDirectory(): UserWithPresence[] {
  const engine = useEngine();
  return useLive(engine, 'directory', 0, (e) => e.views.directory()) ?? NO_USERS;
}

const NO_USERS: UserWithPresence[] = [];

/** Who is typing in a conversation right now (never me). */
export function useTyping(conversationId: ConversationId): UserWithPresence[] {
  const typing = useStore(useChatClient().stores.ui, (state) => state.typing[conversationId]);
  const directory = useDirectory();
  if (!typing) return NO_USERS;
  const ids = Object.keys(typing);
  return ids.length === 0 ? NO_USERS : directory.filter((user) => ids.includes(user.id));
}

/** The draft as typed: from memory while typing, from the cache after a reload. */
export function useDraft(conversationId: ConversationId): string {
  const engine = useEngine();
  const overlay = useStore(useChatClient().stores.ui, (state) => state.drafts[conversationId]);
  const stored = useLive(engine, `draft:${conversationId}`, 0, (e) => e.views.draft(conversationId));
  return overlay ?? stored ?? '';
}

/** The latest messages of a conversation from the cache, growing a page at a time on demand. */
export function useMessages(conversationId: ConversationId): MessagesWindow {
  const engine = useEngine();
  const [shown, setShown] = useState({ conversationId, limit: PAGE_SIZE, loadingOlder: false });
  const current = shown.conversationId === conversationId ? shown : { conversationId, limit: PAGE_SIZE, loadingOlder: false };
  if (current !== shown) setShown(current);
  const page = useLive(engine, `messages:${conversationId}`, current.limit, (e) => e.views.messages(conversationId, current.limit));
  // "Open at the first unread": fixed when the conversation first shows messages, not moved as I read.
  const [opened, setOpened] = useState<{ conversationId: ConversationId; firstUnreadSeq: number | null } | null>(null);
  if (page && page.messages.length > 0 && opened?.conversationId !== conversationId) setOpened({ conversationId, firstUnreadSeq: page.firstUnreadSeq });

  const oldestSeq = page?.oldestSeq ?? null;
  const hasOlderLocally = page?.hasOlderLocally ?? false;
  const loadOlder = useCallback(async () => {
    if (!engine) return;
    const update = (change: (w: typeof shown) => typeof shown) => setShown((w) => (w.conversationId === conversationId ? change(w) : w));
    update((w) => ({ ...w, loadingOlder: true }));
    try {
      await engine.loadOlder(conversationId, current.limit, PAGE_SIZE);
      update((w) => ({ ...w, limit: w.limit + PAGE_SIZE, loadingOlder: false }));
    } catch (error) {
      update((w) => ({ ...w, loadingOlder: false }));
      throw error;
    }
  }, [engine, conversationId, current.limit]);

  return {
    messages: page?.messages ?? [],
    hasOlder: hasOlderLocally || (oldestSeq !== null && oldestSeq > 1),
    loadingOlder: current.loadingOlder,
    loadOlder,
    firstUnreadSeq: opened?.conversationId === conversationId ? opened.firstUnreadSeq : (page?.firstUnreadSeq ?? null),
  };
}
