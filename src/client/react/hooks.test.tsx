// @vitest-environment jsdom
import { act, configure, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../transport';
import { type Tab, twoPeoplePerTest } from '../../../tests/support/backendHarness';
import { ChatProvider } from './ChatProvider';
import { PAGE_SIZE, UNREAD_CONTEXT, WINDOW_PAGES, useConnection, useConversations, useDirectory, useDraft, useMe, useMessages, useSession, useTyping } from './hooks';

// A deadline, not a delay: the engine syncs through a real (in-process) backend, slower on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const people = twoPeoplePerTest();
const tabOf = (session: Session) => people.tab(session);

const wrapperFor =
  (tab: Tab) =>
  ({ children }: { children: ReactNode }) => <ChatProvider client={tab.client}>{children}</ChatProvider>;

describe('React bindings', () => {
  it('show the session, me, the connection, the directory and the conversation list', async () => {
    const a = await tabOf(people.alice);
    const b = await tabOf(people.bob);
    const { result } = renderHook(
      () => ({ session: useSession(), me: useMe(), connection: useConnection(), directory: useDirectory(), conversations: useConversations() }),
      { wrapper: wrapperFor(a) },
    );
    expect(result.current.session.status).toBe('signed-in');
    expect(result.current.me?.id).toBe(people.alice.user.id);
    await waitFor(() => expect(result.current.connection.status).toBe('online'));
    await waitFor(() => expect(result.current.directory.map((u) => u.id)).toEqual([people.bob.user.id]));
    await waitFor(() => expect(result.current.conversations).toEqual([]));

    const conversationId = await b.client.actions.openDirect(people.alice.user.id);
    await b.client.actions.send(conversationId, 'hi alice');
    await waitFor(() =>
      expect(result.current.conversations?.map((c) => [c.id, c.peer.id, c.lastMessage?.body, c.unreadCount])).toEqual([[conversationId, people.bob.user.id, 'hi alice', 1]]),
    );
  });

  /** Bob writes `count` messages to Alice, who has read the first `read` of them. */
  async function history(count: number, read: number) {
    const { service } = people.backend;
    const conversation = await service.openDirect(people.bob.user.id, { userId: people.alice.user.id });
    for (let i = 1; i <= count; i++) await service.send(people.bob.user.id, { conversationId: conversation.id, clientId: `history-${i}-xxxx`, body: `#${i}` });
    if (read > 0) await service.markRead(people.alice.user.id, { conversationId: conversation.id, uptoSeq: read });
    return conversation.id;
  }

  const seqsOf = (messages: readonly { seq: number | null }[]) => messages.map((m) => m.seq);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('open a conversation with nothing unread at the newest page and page back, fetching from the server when the cache runs out', async () => {
    const conversationId = await history(120, 120);
    const a = await tabOf(people.alice);
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    expect(result.current.opening).toBe(true);
    await waitFor(() => expect(result.current.messages.at(-1)?.body).toBe('#120'));
    expect(result.current.opening).toBe(false);
    expect(seqsOf(result.current.messages)).toEqual(range(71, 120));
    expect(result.current.hasOlder).toBe(true);
    expect(result.current.firstUnreadSeq).toBeNull();

    // The cache is trimmed to the newest page, as a fresh device would have it: the older pages come from the server.
    await a.engine.db.messages.where('[conversationId+sortKey]').between([conversationId, 1], [conversationId, 70], true, true).delete();
    await act(() => result.current.loadOlder());
    await waitFor(() => expect(result.current.messages[0]?.seq).toBe(21));
    await act(() => result.current.loadOlder());
    await waitFor(() => expect(result.current.messages[0]?.seq).toBe(1));
    expect(result.current.hasOlder).toBe(false);
    expect(seqsOf(result.current.messages)).toEqual(range(1, 120));
  });

  it('open at the first unread message with some before it however many are unread, new ones joining at the end', async () => {
    const conversationId = await history(400, 280);
    const a = await tabOf(people.alice);
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.messages.at(-1)?.body).toBe('#400'));
    // 120 unread: all of them, and the last UNREAD_CONTEXT read ones above the first.
    expect(result.current.firstUnreadSeq).toBe(281);
    expect(seqsOf(result.current.messages)).toEqual(range(281 - UNREAD_CONTEXT, 400));
    expect(result.current.hasOlder).toBe(true);

    await people.backend.service.send(people.bob.user.id, { conversationId, clientId: 'news-xxxxxxxx', body: 'news' });
    await waitFor(() => expect(result.current.messages.at(-1)?.body).toBe('news'));
    expect(result.current.messages[0]?.seq).toBe(281 - UNREAD_CONTEXT);
    expect(result.current.firstUnreadSeq).toBe(281);

    await act(() => result.current.loadOlder());
    await waitFor(() => expect(result.current.messages[0]?.seq).toBe(281 - UNREAD_CONTEXT - PAGE_SIZE));
    expect(seqsOf(result.current.messages)).toEqual(range(281 - UNREAD_CONTEXT - PAGE_SIZE, 401));
  });

  it('fetch from the server what the cache lacks back to the first unread before opening', async () => {
    const conversationId = await history(400, 280);
    const a = await tabOf(people.alice);
    // A device's first sync brings each conversation's newest message, not its history.
    await waitFor(async () => expect(await a.engine.db.messages.count()).toBe(1));
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.opening).toBe(false));
    expect(result.current.firstUnreadSeq).toBe(281);
    expect(seqsOf(result.current.messages)).toEqual(range(281 - UNREAD_CONTEXT, 400));
  });

  it('jump to a message around it (a reply\'s original), from the server when the cache lacks it, focused and with a new epoch', async () => {
    const conversationId = await history(400, 400);
    const a = await tabOf(people.alice);
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.opening).toBe(false));
    expect(seqsOf(result.current.messages)).toEqual(range(351, 400));
    expect(result.current.focusSeq).toBeNull();

    // Not inside act(): act holds renders until its callback ends, and the jump resolves only after one.
    const jumped = result.current.jumpTo(30);
    await waitFor(() => expect(result.current.focusSeq).toBe(30));
    await jumped;
    // Resolved once the message is in the window, opened as around a first unread message: some before it, a page in all.
    expect(seqsOf(result.current.messages)).toEqual(range(30 - UNREAD_CONTEXT, 30 - UNREAD_CONTEXT + PAGE_SIZE - 1));
    expect(result.current.focusSeq).toBe(30);
    expect(result.current.epoch).toBe(1);
    expect(result.current.hasNewer).toBe(true);

    // Offline, a message the cache lacks cannot be reached: the jump says why and the window stays.
    a.link.setOnline(false);
    await waitFor(() => expect(a.client.stores.connection.getState().status).toBe('offline'));
    await act(async () => {
      await expect(result.current.jumpTo(200)).rejects.toMatchObject({ code: 'OFFLINE' });
    });
    expect(result.current.focusSeq).toBe(30);
    await act(async () => {
      await expect(result.current.jumpTo(401)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
    // One it holds can.
    const again = result.current.jumpTo(380);
    await waitFor(() => expect(result.current.focusSeq).toBe(380));
    await again;
    expect(seqsOf(result.current.messages)).toContain(380);
    expect([result.current.focusSeq, result.current.epoch]).toEqual([380, 2]);
    await act(() => result.current.jumpToLatest());
    expect(result.current.focusSeq).toBeNull();
  });

  it("fetch the message a reply on screen quotes when the cache lacks it, so the quote shows its words; the window stays", async () => {
    const conversationId = await history(120, 120);
    const { service } = people.backend;
    await service.send(people.bob.user.id, { conversationId, clientId: 'quoting-reply-xxxx', body: 'About that', replyToSeq: 3 });
    await service.markRead(people.alice.user.id, { conversationId, uptoSeq: 121 });
    const a = await tabOf(people.alice);
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.messages.at(-1)?.body).toBe('About that'));
    await waitFor(() => expect(result.current.messages.at(-1)?.replyTo).toEqual({ seq: 3, available: true, senderId: people.bob.user.id, body: '#3', deleted: false }));
    expect(seqsOf(result.current.messages)).toEqual(range(72, 121));
  });

  it('open offline on what the cache holds, reaching back to where unread ones may be, and fill the gap when paging back online', async () => {
    const conversationId = await history(400, 280);
    const a = await tabOf(people.alice);
    await waitFor(async () => expect(await a.engine.db.messages.count()).toBe(1));
    a.link.setOnline(false);
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.opening).toBe(false));
    expect(seqsOf(result.current.messages)).toEqual([400]);
    expect(result.current.hasOlder).toBe(true);

    a.link.setOnline(true);
    await waitFor(() => expect(a.client.stores.connection.getState().status).toBe('online'));
    await act(() => result.current.loadOlder());
    await waitFor(() => expect(seqsOf(result.current.messages)).toEqual(range(281 - UNREAD_CONTEXT - PAGE_SIZE, 400)));
  });

  it('opened offline without its top, a short conversation is not at its beginning: nothing is fetched until back online, then paging back fills it', async () => {
    const conversationId = await history(30, 20);
    const a = await tabOf(people.alice);
    // The bootstrap stored each conversation's last message only: the cache lacks #1 to #29.
    await waitFor(async () => expect(await a.engine.db.messages.count()).toBe(1));
    a.link.setOnline(false);
    const history_ = vi.spyOn(a.transport, 'history');
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.opening).toBe(false));
    expect(seqsOf(result.current.messages)).toEqual([30]);
    expect(result.current.hasOlder).toBe(true);
    expect(result.current.olderNeedNetwork).toBe(true);

    await act(() => result.current.loadOlder());
    expect(history_).not.toHaveBeenCalled();
    expect(result.current.olderError).toBeNull();
    expect(result.current.loadingOlder).toBe(false);

    a.link.setOnline(true);
    await waitFor(() => expect(result.current.olderNeedNetwork).toBe(false));
    expect(result.current.hasOlder).toBe(true);
    await act(() => result.current.loadOlder());
    await waitFor(() => expect(seqsOf(result.current.messages)).toEqual(range(1, 30)));
    expect(result.current.hasOlder).toBe(false);
    expect(history_).toHaveBeenCalled();
  });

  it('say why an older page could not load, without throwing, and load it on the next try', async () => {
    const conversationId = await history(120, 120);
    const a = await tabOf(people.alice);
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.opening).toBe(false));
    await a.engine.db.messages.where('[conversationId+sortKey]').between([conversationId, 1], [conversationId, 70], true, true).delete();
    a.link.setOnline(false);
    await waitFor(() => expect(a.client.stores.connection.getState().status).toBe('offline'));

    await act(() => result.current.loadOlder());
    expect(result.current.olderError).toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/offline/i) });
    expect(result.current.loadingOlder).toBe(false);
    expect(result.current.messages[0]?.seq).toBe(71);

    a.link.setOnline(true);
    await waitFor(() => expect(a.client.stores.connection.getState().status).toBe('online'));
    await act(() => result.current.loadOlder());
    expect(result.current.olderError).toBeNull();
    await waitFor(() => expect(result.current.messages[0]?.seq).toBe(21));
  });

  describe('the message window holds at most a few pages around what is on screen', () => {
    const MAX = WINDOW_PAGES * PAGE_SIZE;
    /** The list shows `count` messages from `from`: what MessageList reports as the person scrolls. */
    const show = (window: { showing(from: number, to: number): void }, from: number, count = 20) => act(() => window.showing(from, from + count - 1));
    const bounded = (messages: readonly unknown[]) => expect(messages.length).toBeLessThanOrEqual(MAX + PAGE_SIZE);

    it('however many are unread: a page around the first unread, then page by page down to the newest', async () => {
      const conversationId = await history(2_000, 0);
      const a = await tabOf(people.alice);
      const histories = vi.spyOn(a.transport, 'history');
      const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
      await waitFor(() => expect(result.current.opening).toBe(false));
      expect(seqsOf(result.current.messages)).toEqual(range(1, PAGE_SIZE));
      expect(result.current.hasNewer).toBe(true);
      expect(histories).toHaveBeenCalledTimes(1);

      let pages = 0;
      while (result.current.hasNewer) {
        const last = result.current.messages.at(-1)!.seq!;
        show(result.current, last - 19);
        await act(() => result.current.loadNewer());
        await waitFor(() => expect(result.current.messages.at(-1)!.seq).toBeGreaterThan(last));
        bounded(result.current.messages);
        pages += 1;
      }
      expect(pages).toBe(2_000 / PAGE_SIZE - 1);
      expect(result.current.messages.at(-1)?.body).toBe('#2000');
      expect(result.current.messages[0]!.seq).toBeGreaterThan(2_000 - MAX);
    });

    it('scrolled from the newest back to the first message and down again: far pages go and come back from the cache', async () => {
      const conversationId = await history(2_000, 2_000);
      const a = await tabOf(people.alice);
      const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
      await waitFor(() => expect(result.current.opening).toBe(false));
      expect(seqsOf(result.current.messages)).toEqual(range(2_000 - PAGE_SIZE + 1, 2_000));

      while (result.current.hasOlder) {
        const first = result.current.messages[0]!.seq!;
        show(result.current, first);
        await act(() => result.current.loadOlder());
        await waitFor(() => expect(result.current.messages[0]!.seq).toBeLessThan(first));
        bounded(result.current.messages);
      }
      expect(result.current.messages[0]?.body).toBe('#1');
      // The newest pages went as the top was reached: the window says there is more below.
      expect(result.current.hasNewer).toBe(true);

      const histories = vi.spyOn(a.transport, 'history');
      for (let step = 0; step < 5; step++) {
        const last = result.current.messages.at(-1)!.seq!;
        show(result.current, last - 19);
        await act(() => result.current.loadNewer());
        await waitFor(() => expect(result.current.messages.at(-1)!.seq).toBeGreaterThan(last));
        bounded(result.current.messages);
      }
      // Pages let go came back from the cache, not the server.
      expect(histories).not.toHaveBeenCalled();

      await act(() => result.current.jumpToLatest());
      await waitFor(() => expect(result.current.messages.at(-1)?.body).toBe('#2000'));
      expect(result.current.epoch).toBe(1);
      expect(result.current.hasNewer).toBe(false);
      expect(result.current.messages.length).toBeLessThanOrEqual(PAGE_SIZE);
    });

    it('a live window that grows with new messages lets its top go once the list shows the bottom', async () => {
      const conversationId = await history(MAX - 10, MAX - 10);
      const a = await tabOf(people.alice);
      const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapperFor(a) });
      await waitFor(() => expect(result.current.opening).toBe(false));
      while (result.current.hasOlder) await act(() => result.current.loadOlder());
      await waitFor(() => expect(result.current.messages).toHaveLength(MAX - 10));
      for (let i = 1; i <= 20; i++) await people.backend.service.send(people.bob.user.id, { conversationId, clientId: `new-${i}-xxxxxxxx`, body: `new ${i}` });
      await waitFor(() => expect(result.current.messages.at(-1)?.body).toBe('new 20'));
      show(result.current, MAX - 10);
      await waitFor(() => bounded(result.current.messages));
      expect(result.current.messages.at(-1)?.body).toBe('new 20');
      expect(result.current.hasNewer).toBe(false);
      expect(result.current.hasOlder).toBe(true);
    });
  });

  it('keep the draft as typed and show who is typing', async () => {
    const a = await tabOf(people.alice);
    const b = await tabOf(people.bob);
    const conversationId = await a.client.actions.openDirect(people.bob.user.id);
    await waitFor(async () => expect(await b.engine.db.conversations.get(conversationId)).toBeDefined());

    function Composer() {
      const draft = useDraft(conversationId);
      const typing = useTyping(conversationId);
      return (
        <p>
          draft:{draft}|typing:{typing.map((u) => u.id).join(',')}
        </p>
      );
    }
    render(<Composer />, { wrapper: wrapperFor(a) });
    act(() => a.client.actions.setDraft(conversationId, 'hel'));
    expect(screen.getByText(/draft:hel\|/)).toBeTruthy();
    act(() => b.client.actions.typing(conversationId));
    await waitFor(() => expect(screen.getByText(`draft:hel|typing:${people.bob.user.id}`)).toBeTruthy());
    // Bob stops: his "typing" goes away (sent after his idle time, or expired locally).
    await waitFor(() => expect(screen.getByText('draft:hel|typing:')).toBeTruthy());
  });
});
