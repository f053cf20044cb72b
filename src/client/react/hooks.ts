import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ChatError, type ConnectionState, type ConversationId, toChatError, type UserWithPresence } from '../../transport';
import type { ChatActions, ConversationView, MessagesWindow, MessageView, SessionState, SyncView } from '../api';
import type { UserEngine } from '../engine/userEngine';
import type { Observable } from '../views';
import { trimmedWindow, type WindowBounds, type WindowSize } from '../rules/window';
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

/**
 * What the list screen shows, from one moment of the cache: whether this device has synced (with the
 * sync's progress), my conversations (undefined while the cache is read) and everyone but me. One
 * view, so the list never renders conversations from before the sync finished under the synced status.
 */
export function useConversationList(): { sync: SyncView; conversations: ConversationView[] | undefined; directory: UserWithPresence[] } {
  const engine = useEngine();
  const listing = useLive(engine, 'listing', 0, (e) => e.views.listing());
  const progress = useStore(useChatClient().stores.sync, (state) => state.progress);
  if (!listing) return { sync: { status: 'reading', progress }, conversations: undefined, directory: NO_USERS };
  return { sync: { status: listing.synced ? 'synced' : 'first-sync', progress }, conversations: listing.conversations, directory: listing.directory };
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

/** The most pages the message window holds: more, and pages far from the screen go (and come back from the cache). */
export const WINDOW_PAGES = 4;

const WINDOW: WindowSize = { pageSize: PAGE_SIZE, context: UNREAD_CONTEXT, maxSize: WINDOW_PAGES * PAGE_SIZE };

interface OpenWindow extends WindowBounds {
  engine: UserEngine;
  conversationId: ConversationId;
  epoch: number;
  firstUnreadSeq: number | null;
  loadingOlder: boolean;
  /** Why the last older page could not load, for the list to say so and offer a retry. */
  olderError: MessagesWindow['olderError'];
  loadingNewer: boolean;
  newerError: MessagesWindow['newerError'];
  /** Where the last jumpTo opened it, for the list to scroll to and highlight. */
  focusSeq: number | null;
}

/**
 * A conversation's messages from the cache: it opens at the newest page or,
 * however many are unread, around the first unread message with some before
 * it; it grows at the bottom as messages arrive while it reaches the newest,
 * and a page at a time at either end on demand. Bounded by seqs, not a count,
 * so what is on screen stays put, and never more than WINDOW_PAGES pages
 * around what the list shows.
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
    engine.openWindow(conversationId, WINDOW).then(
      (opened) => {
        if (current) setShown({ engine, conversationId, epoch: 0, ...opened, loadingOlder: false, olderError: null, loadingNewer: false, newerError: null, focusSeq: null });
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
  const toSeq = open?.toSeq ?? null;
  const epoch = open?.epoch ?? 0;
  // A jump drops the old stretch at once (a new identity); paging keeps it until the new one is read (a new variant).
  const read = useLive(open ? engine : null, `messages:${conversationId}:${epoch}`, `${fromSeq}:${toSeq}`, (e) =>
    withRange(e.views.messages(conversationId, fromSeq ?? 1, toSeq), fromSeq ?? 1),
  );
  const messages = read?.messages;
  const newest = useRef(0);
  newest.current = newestSeq(messages ?? NO_MESSAGES);
  // A window opened offline may lack its own top: the cache held only its newest messages (what the
  // bootstrap stored), so its first held message sits above where it starts. Older messages exist then,
  // whatever fromSeq says, and only the server has them: offline, nothing is fetched (the list says
  // they will load when the network is back); online, loading older pages fetches them. Judged on
  // messages read for this window's range only, not on the previous range kept while a page is read.
  const topMissing = read !== undefined && fromSeq !== null && read.fromSeq === fromSeq && (oldestSeq(read.messages) ?? fromSeq) > fromSeq;
  const online = useConnection().status === 'online';
  const hasOlder = fromSeq !== null && (fromSeq > 1 || topMissing);
  const olderNeedNetwork = topMissing && !online;

  // Quotes of messages the cache lacks: fetched once each while online (a failure is let go, the quote
  // says "Message" and jumping to it still works; back online, the next look asks again).
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!online) asked.current.clear();
  }, [online]);
  useEffect(() => {
    if (!engine || !online || !messages) return;
    const seqs = messages.flatMap((m) => (m.replyTo && !m.replyTo.available && !asked.current.has(`${conversationId}:${m.replyTo.seq}`) ? [m.replyTo.seq] : []));
    if (seqs.length === 0) return;
    for (const seq of seqs) asked.current.add(`${conversationId}:${seq}`);
    engine.loadQuoted(conversationId, seqs).catch((error: unknown) => {
      // Asked again the next time the window changes.
      for (const seq of seqs) asked.current.delete(`${conversationId}:${seq}`);
      console.warn('[violetchat client] loading quoted messages failed', error);
    });
  }, [engine, conversationId, online, messages]);

  const update = useCallback(
    (change: (w: OpenWindow) => OpenWindow) => setShown((w) => (w && w.engine === engine && w.conversationId === conversationId ? change(w) : w)),
    [engine, conversationId],
  );

  const loadOlder = useCallback(async () => {
    if (!engine || fromSeq === null || !hasOlder || olderNeedNetwork) return;
    update((w) => ({ ...w, loadingOlder: true, olderError: null }));
    try {
      const from = await engine.loadOlder(conversationId, fromSeq, PAGE_SIZE);
      update((w) => ({ ...w, fromSeq: Math.min(w.fromSeq, from), loadingOlder: false }));
    } catch (error) {
      // Offline or a server error: the list shows why, with a retry; scrolling must not throw.
      update((w) => ({ ...w, loadingOlder: false, olderError: reasonOf(error) }));
    }
  }, [engine, conversationId, fromSeq, hasOlder, olderNeedNetwork, update]);

  const loadNewer = useCallback(async () => {
    if (!engine || toSeq === null) return;
    update((w) => ({ ...w, loadingNewer: true, newerError: null }));
    try {
      const to = await engine.loadNewer(conversationId, toSeq, PAGE_SIZE);
      update((w) => ({ ...w, toSeq: w.toSeq === null || to === null ? null : Math.max(w.toSeq, to), loadingNewer: false }));
    } catch (error) {
      update((w) => ({ ...w, loadingNewer: false, newerError: reasonOf(error) }));
    }
  }, [engine, conversationId, toSeq, update]);

  const jumpToLatest = useCallback(async () => {
    if (!engine) return;
    const latest = await engine.openLatest(conversationId, PAGE_SIZE);
    update((w) => ({ ...w, ...latest, epoch: w.epoch + 1, olderError: null, newerError: null, focusSeq: null }));
  }, [engine, conversationId, update]);

  // Jumps waiting for their message to be read into the window: a window of a later epoch that holds it.
  const epochNow = useRef(epoch);
  epochNow.current = epoch;
  const arrivals = useRef<{ afterEpoch: number; seq: number; arrived: () => void }[]>([]);
  useEffect(() => {
    if (!messages || arrivals.current.length === 0) return;
    arrivals.current = arrivals.current.filter((waiting) => {
      const here = epoch > waiting.afterEpoch && messages.some((m) => m.seq === waiting.seq);
      if (here) waiting.arrived();
      return !here;
    });
  }, [messages, epoch]);

  // Another conversation or engine, or gone: a jump still waiting has nothing to wait for.
  useEffect(
    () => () => {
      for (const waiting of arrivals.current.splice(0)) waiting.arrived();
    },
    [engine, conversationId],
  );

  const jumpTo = useCallback(
    async (seq: number) => {
      if (!engine) throw new ChatError('UNAUTHENTICATED', 'Sign in first.');
      // A quote to jump from is on screen, so the window is open; until it is, there is nothing to move.
      if (!isOpen) throw new ChatError('INVALID_INPUT', 'The conversation is still opening.');
      // Rejects with the reason (offline and not cached, not in this conversation): the window stays as it was.
      const around = await engine.openAround(conversationId, seq, WINDOW);
      const arrived = new Promise<void>((resolve) => arrivals.current.push({ afterEpoch: epochNow.current, seq, arrived: resolve }));
      update((w) => ({ ...w, ...around, epoch: w.epoch + 1, olderError: null, newerError: null, focusSeq: seq }));
      await arrived;
    },
    [engine, conversationId, isOpen, update],
  );

  const showing = useCallback(
    (from: number, to: number, starts: readonly number[] = []) =>
      update((w) => {
        const trimmed = trimmedWindow(w, { from, to }, newest.current, WINDOW, starts);
        return trimmed === w ? w : { ...w, ...trimmed };
      }),
    [update],
  );

  return {
    messages: messages ?? NO_MESSAGES,
    opening: messages === undefined,
    hasOlder,
    olderNeedNetwork,
    loadingOlder: open?.loadingOlder ?? false,
    olderError: open?.olderError ?? null,
    loadOlder,
    hasNewer: open !== null && toSeq !== null,
    loadingNewer: open?.loadingNewer ?? false,
    newerError: open?.newerError ?? null,
    loadNewer,
    jumpToLatest,
    showing,
    epoch,
    firstUnreadSeq: open?.firstUnreadSeq ?? null,
    jumpTo,
    focusSeq: open?.focusSeq ?? null,
  };
}

/** The lowest stored seq among the window's messages; null when it holds none. */
/** Why a page could not load: its code (the UI says it in the reader's language) and the English words. */
function reasonOf(error: unknown): NonNullable<MessagesWindow['olderError']> {
  const { code, message } = toChatError(error);
  return { code, message };
}

function oldestSeq(messages: readonly MessageView[]): number | null {
  return messages.find((m) => m.seq !== null)?.seq ?? null;
}

/** The window's messages with the lower bound they were read for. */
function withRange(source: Observable<MessageView[]>, fromSeq: number): Observable<{ fromSeq: number; messages: MessageView[] }> {
  return {
    subscribe: (observer) =>
      source.subscribe({ next: (messages) => observer.next({ fromSeq, messages }), error: (error) => observer.error?.(error) }),
  };
}

/** The highest stored seq among the window's messages (pending ones have none). */
function newestSeq(messages: readonly MessageView[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const seq = messages[i]!.seq;
    if (seq !== null) return seq;
  }
  return 0;
}

const NO_MESSAGES: MessageView[] = [];
