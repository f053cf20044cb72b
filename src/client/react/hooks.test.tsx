// @vitest-environment jsdom
import { act, configure, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../transport';
import { type Tab, twoPeoplePerTest } from '../testing/backendHarness';
import { ChatProvider } from './ChatProvider';
import { useConnection, useConversations, useDirectory, useDraft, useMe, useMessages, useSession, useTyping } from './hooks';

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

  it('page a conversation from the newest messages back, fetching from the server when the cache runs out', async () => {
    const a = await tabOf(people.alice);
    const conversation = await people.backend.service.openDirect(people.bob.user.id, { userId: people.alice.user.id });
    for (let i = 1; i <= 120; i++) await people.backend.service.send(people.bob.user.id, { conversationId: conversation.id, clientId: `history-${i}-xxxx`, body: `#${i}` });
    const { result } = renderHook(() => useMessages(conversation.id), { wrapper: wrapperFor(a) });
    await waitFor(() => expect(result.current.messages.at(-1)?.body).toBe('#120'));
    expect(result.current.messages).toHaveLength(50);
    expect(result.current.messages[0]?.seq).toBe(71);
    expect(result.current.hasOlder).toBe(true);
    expect(result.current.firstUnreadSeq).toBe(1);

    // The cache is trimmed to the newest page, as a fresh device would have it: the older pages come from the server.
    await a.engine.db.messages.where('[conversationId+sortKey]').between([conversation.id, 1], [conversation.id, 70], true, true).delete();
    await waitFor(() => expect(result.current.hasOlder).toBe(true));
    await act(() => result.current.loadOlder());
    await waitFor(() => expect(result.current.messages[0]?.seq).toBe(21));
    await act(() => result.current.loadOlder());
    await waitFor(() => expect(result.current.messages[0]?.seq).toBe(1));
    expect(result.current.hasOlder).toBe(false);
    expect(result.current.messages.map((m) => m.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
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
