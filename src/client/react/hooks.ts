import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { type ConnectionState, type ConversationId, toChatError, type UserWithPresence } from '../../transport';
import type { ChatActions, ConversationView, MessagesWindow, MessageView, SessionState, SyncView } from '../api';
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

/** Whether this device has synced yet and how far long sync work is; a first sync shows skeletons, not "no conversations". */
export function useSync(): SyncView {
  const engine = useEngine();
  const synced = useLive(engine, 'synced', 0, (e) => e.views.synced());
  const progress = useStore(useChatClient().stores.sync, (state) => state.progress);
  return { firstSync: synced === false, progress };
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

/** Messages before the first unread one that the window opens with, so the reader sees where they left off. */
export const UNREAD_CONTEXT = 20;

interface OpenWindow {
  engine: UserEngine;
  conversationId: ConversationId;
  /** Lower bound of the window: every message from this seq on is shown. */
  fromSeq: number;
  firstUnreadSeq: number | null;
  loadingOlder: boolean;
  /** Why the last older page could not load, for the list to say so and offer a retry. */
  olderError: string | null;
}

/**
 * A conversation's messages from the cache: it opens at the newest page or,
 * however many are unread, at the first unread message with some before it;
 * it grows at the bottom as messages arrive and a page at a time at the top
 * on demand. Bounded by a seq, not a count, so what is on screen stays put.
 */
export function useMessages(conversationId: ConversationId): MessagesWindow {
  const engine = useEngine();
  // The read marker that says where unread messages begin comes with the conversation's members.
  const known = useLive(engine, `known:${conversationId}`, 0, (e) => e.views.known(conversationId)) ?? false;
  const [shown, setShown] = useState<OpenWindow | null>(null);
  const open = shown && shown.engine === engine && shown.conversationId === conversationId ? shown : null;
  const isOpen = open !== null;

  useEffect(() => {
    if (!engine || !known || isOpen) return;
    let current = true;
    engine.openWindow(conversationId, { pageSize: PAGE_SIZE, context: UNREAD_CONTEXT }).then(
      (opened) => {
        if (current) setShown({ engine, conversationId, ...opened, loadingOlder: false, olderError: null });
      },
      (error: unknown) => {
        // After an unmount or sign-out the engine's database may be closed under it: nothing to open any more.
        if (current) console.warn('[violetchat client] opening the conversation failed', error);
      },
    );
    return () => {
      current = false;
    };
  }, [engine, conversationId, known, isOpen]);

  const fromSeq = open?.fromSeq ?? null;
  const messages = useLive(open ? engine : null, `messages:${conversationId}`, fromSeq ?? 0, (e) => e.views.messages(conversationId, fromSeq ?? 1));

  const loadOlder = useCallback(async () => {
    if (!engine || fromSeq === null || fromSeq <= 1) return;
    const update = (change: (w: OpenWindow) => OpenWindow) =>
      setShown((w) => (w && w.engine === engine && w.conversationId === conversationId ? change(w) : w));
    update((w) => ({ ...w, loadingOlder: true, olderError: null }));
    try {
      const from = await engine.loadOlder(conversationId, fromSeq, PAGE_SIZE);
      update((w) => ({ ...w, fromSeq: Math.min(w.fromSeq, from), loadingOlder: false }));
    } catch (error) {
      // Offline or a server error: the list shows why, with a retry; scrolling must not throw.
      update((w) => ({ ...w, loadingOlder: false, olderError: toChatError(error).message }));
    }
  }, [engine, conversationId, fromSeq]);

  return {
    messages: messages ?? NO_MESSAGES,
    opening: messages === undefined,
    hasOlder: fromSeq !== null && fromSeq > 1,
    loadingOlder: open?.loadingOlder ?? false,
    olderError: open?.olderError ?? null,
    loadOlder,
    firstUnreadSeq: open?.firstUnreadSeq ?? null,
  };
}

const NO_MESSAGES: MessageView[] = [];
