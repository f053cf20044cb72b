// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import userEvent from '@testing-library/user-event';
import { VirtuosoMockContext, type VirtuosoHandle, type VirtuosoProps } from 'react-virtuoso';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { MessagesWindow, MessageView } from '../../client';
import type { MessageActionHandlers } from './messageActions';
import { MessageList } from './MessageList';
import { messagesWindow, PLAIN_MESSAGE } from '../../../tests/support/messageView';

// Virtuoso does not scroll in jsdom (its scroller has no height), so what the list asks of it is recorded here.
const { virtuosoScrolls } = vi.hoisted(() => ({ virtuosoScrolls: vi.fn() }));
vi.mock('react-virtuoso', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react-virtuoso')>();
  const { forwardRef, useImperativeHandle, useRef, createElement } = await import('react');
  const Virtuoso = forwardRef<VirtuosoHandle, VirtuosoProps<unknown, unknown>>(function RecordingVirtuoso(props, ref) {
    const inner = useRef<VirtuosoHandle>(null);
    useImperativeHandle(ref, () => ({
      ...inner.current!,
      scrollToIndex: (location) => {
        virtuosoScrolls(location);
        inner.current?.scrollToIndex(location);
      },
    }));
    return createElement(actual.Virtuoso, { ...props, ref: inner });
  });
  return { ...actual, Virtuoso };
});

// jsdom has no scrollBy; Virtuoso uses it to keep the view still when rows are prepended.
Element.prototype.scrollBy ??= function scrollBy(this: Element, options?: ScrollToOptions | number) {
  this.scrollTop += typeof options === 'number' ? 0 : (options?.top ?? 0);
};

const start = new Date(2026, 10, 1, 9, 0).getTime();

function messages(count: number, from = 1): MessageView[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    return {
      clientId: `c${seq}`,
      id: `m${seq}`,
      conversationId: 'conv',
      senderId: seq % 3 === 0 ? 'me' : 'ann',
      body: `Message number ${seq}`,
      // Ten a day, so date separators appear along the way.
      createdAt: new Date(start + Math.floor(seq / 10) * 86_400_000 + (seq % 10) * 60_000).toISOString(),
      seq,
      status: 'read',
      mine: seq % 3 === 0,
      error: null,
      system: null,
      ...PLAIN_MESSAGE,
    };
  });
}

const windowOf = messagesWindow;

function show(window: MessagesWindow, onReached = vi.fn()) {
  const props = { peerName: 'Ann Lee', now: new Date(2026, 10, 25, 12), onReached, onRetry: vi.fn(), onDiscard: vi.fn() };
  const view = render(<MessageList window={window} {...props} />, {
    wrapper: ({ children }) => <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>{children}</VirtuosoMockContext.Provider>,
  });
  return {
    ...view,
    update: (next: MessagesWindow) => view.rerender(<MessageList window={next} {...props} />),
  };
}

describe('MessageList', () => {
  it('keeps fewer than 100 messages in the DOM for a 10,000-message conversation, opening at the newest', () => {
    show(windowOf(messages(10_000)));
    const log = screen.getByRole('log', { name: 'Messages' });
    const rendered = within(log).getAllByRole('article');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(100);
    expect(within(log).getByRole('article', { name: 'Message number 10000' })).toBeInTheDocument();
  });

  it('opens at the first unread message', () => {
    show(windowOf(messages(500), { firstUnreadSeq: 250 }));
    expect(screen.getByRole('article', { name: 'Message number 250' })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Message number 500' })).not.toBeInTheDocument();
  });

  it('reports the newest visible message as reached', () => {
    const onReached = vi.fn();
    show(windowOf(messages(30)), onReached);
    expect(onReached).toHaveBeenLastCalledWith(30);
  });

  it('puts a date separator before each day', () => {
    show(windowOf(messages(12)));
    const log = screen.getByRole('log', { name: 'Messages' });
    // seq 1..9 on the first day, 10..12 on the next.
    expect(within(log).getAllByText(/^(Sunday|Monday), November [12]$/)).toHaveLength(2);
  });

  it('prepends an older page without replacing the messages on screen', () => {
    const all = messages(200);
    const view = show(windowOf(all.slice(150), { hasOlder: true }));
    const before = screen.getByRole('article', { name: 'Message number 200' });
    view.update(windowOf(all.slice(100), { hasOlder: true }));
    // Same element, not a re-created one: firstItemIndex told Virtuoso the new rows went on top.
    expect(screen.getByRole('article', { name: 'Message number 200' })).toBe(before);
  });

  it('scrolls to where it opened once: rows added above or below later do not send it there again', () => {
    const all = messages(200);
    const view = show(windowOf(all.slice(150, 199), { hasOlder: true }));
    const log = screen.getByRole('log', { name: 'Messages' });
    // The reader takes over (the opening position is no longer held).
    fireEvent.wheel(log);
    virtuosoScrolls.mockClear();
    view.update(windowOf(all.slice(100, 199), { hasOlder: true }));
    view.update(windowOf(all.slice(100), { hasOlder: true }));
    expect(virtuosoScrolls).not.toHaveBeenCalled();
  });

  it('tells the window which messages are on screen, so it can let the far ones go', () => {
    const showing = vi.fn();
    show(windowOf(messages(30, 71), { showing }));
    const [from, to] = showing.mock.calls.at(-1) as [number, number];
    expect(to).toBe(100);
    expect(from).toBeGreaterThanOrEqual(71);
    expect(from).toBeLessThan(100);
  });

  it('asks for later messages at the bottom of a window short of the newest, and offers to jump there', async () => {
    const loadNewer = vi.fn(async () => {});
    const jumpToLatest = vi.fn(async () => {});
    show(windowOf(messages(10, 41), { hasOlder: true, hasNewer: true, loadNewer, jumpToLatest }));
    expect(loadNewer).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Latest messages' }));
    expect(jumpToLatest).toHaveBeenCalledTimes(1);
  });

  it('opens at the bottom after a jump to the latest, whatever was unread', () => {
    show(windowOf(messages(500), { firstUnreadSeq: 250, epoch: 1 }));
    expect(screen.getByRole('article', { name: 'Message number 500' })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Message number 250' })).not.toBeInTheDocument();
  });

  it('says why later messages could not load and tries again when asked', async () => {
    const loadNewer = vi.fn(async () => {});
    show(windowOf(messages(50, 51), { hasNewer: true, newerError: { code: 'OFFLINE', message: 'You are offline.' }, loadNewer }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load later messages. You are offline.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(loadNewer).toHaveBeenCalledTimes(1);
  });

  it('says where the conversation begins once there is nothing older', () => {
    show(windowOf(messages(3)));
    expect(screen.getByText('This is the beginning of your conversation with Ann Lee.')).toBeInTheDocument();
  });

  it('offline without its top, says earlier messages come once back online (not "the beginning"), and loads them then', () => {
    const loadOlder = vi.fn(async () => {});
    const view = show(windowOf(messages(3, 28), { hasOlder: true, olderNeedNetwork: true, loadOlder }));
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(within(log).getByText('Earlier messages will load when you are back online.')).toBeInTheDocument();
    expect(screen.queryByText(/beginning of your conversation/)).not.toBeInTheDocument();
    expect(loadOlder).not.toHaveBeenCalled();

    // Back online with the top on screen: nothing scrolls, the list asks for them itself.
    view.update(windowOf(messages(3, 28), { hasOlder: true, olderNeedNetwork: false, loadOlder }));
    expect(loadOlder).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Earlier messages will load when you are back online.')).not.toBeInTheDocument();
  });

  it('says why earlier messages could not load and tries again when asked', async () => {
    const loadOlder = vi.fn(async () => {});
    show(windowOf(messages(50, 51), { hasOlder: true, olderError: { code: 'OFFLINE', message: 'You are offline.' }, loadOlder }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load earlier messages. You are offline.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(loadOlder).toHaveBeenCalledTimes(1);
  });
});

describe('MessageList: message actions', () => {
  function handlers(): MessageActionHandlers & Record<string, ReturnType<typeof vi.fn>> {
    return { react: vi.fn(), pickReaction: vi.fn(), reply: vi.fn(), edit: vi.fn(), remove: vi.fn(), copy: vi.fn() };
  }

  function showActions(window: MessagesWindow, acts = handlers(), onNotice = vi.fn()) {
    const props = { peerName: 'Ann Lee', meId: 'me', handlers: acts, onNotice, now: new Date(2026, 10, 25, 12), onReached: vi.fn(), onRetry: vi.fn(), onDiscard: vi.fn() };
    render(<MessageList window={window} {...props} />, {
      wrapper: ({ children }) => <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>{children}</VirtuosoMockContext.Provider>,
    });
    return { acts, onNotice };
  }
  const article = (n: number) => screen.getByRole('article', { name: `Message number ${n}` });
  const focused = () => document.activeElement as HTMLElement;
  const focusedName = () => focused().getAttribute('aria-label') ?? focused().textContent;

  it('opens a message’s menu with Shift+F10, on Reply; the arrows walk it, wrapping through the reactions; Escape gives focus back to the message', async () => {
    showActions(windowOf(messages(3)));
    act(() => article(2).focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    const menu = screen.getByRole('menu', { name: 'Message actions' });
    // Theirs: Reply and Copy, no Edit or Delete; the six quick reactions and More reactions first.
    expect(within(menu).getAllByRole('menuitem').map((item) => item.getAttribute('aria-label') ?? item.textContent)).toEqual(['More reactions', 'Reply', 'Copy text']);
    expect(within(menu).getAllByRole('menuitemcheckbox')).toHaveLength(6);
    expect(within(menu).getByRole('menuitem', { name: 'Reply' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(focusedName()).toBe('Copy text');
    await userEvent.keyboard('{ArrowDown}');
    expect(focusedName()).toBe('React with 👍');
    await userEvent.keyboard('{ArrowRight}');
    expect(focusedName()).toBe('React with ❤️');
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(focusedName()).toBe('Copy text');
    await userEvent.keyboard('{Home}');
    expect(focusedName()).toBe('React with 👍');
    await userEvent.keyboard('{End}');
    expect(focusedName()).toBe('Copy text');
    // A letter goes to the next item starting with it.
    await userEvent.keyboard('r');
    expect(focusedName()).toBe('Reply');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(article(2)).toHaveFocus();
  });

  it('mirrors the menu’s Left and Right right to left: Left goes on along the reactions, Right back; Up and Down keep their meaning', async () => {
    // The menu is in <body>, outside any container: its direction is the page's, as the app sets it for Arabic.
    document.documentElement.dir = 'rtl';
    onTestFinished(() => document.documentElement.removeAttribute('dir'));
    showActions(windowOf(messages(3)));
    act(() => article(2).focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    expect(focusedName()).toBe('Reply');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedName()).toBe('React with 👍');
    await userEvent.keyboard('{ArrowLeft}');
    expect(focusedName()).toBe('React with ❤️');
    await userEvent.keyboard('{ArrowRight}');
    expect(focusedName()).toBe('React with 👍');
    await userEvent.keyboard('{ArrowRight}');
    expect(focusedName()).toBe('Copy text');
    await userEvent.keyboard('{ArrowUp}');
    expect(focusedName()).toBe('Reply');
  });

  it('opens with the context-menu key; on my message it offers Edit and Delete; choosing acts and gives focus back', async () => {
    const { acts } = showActions(windowOf(messages(3)));
    act(() => article(3).focus());
    await userEvent.keyboard('{ContextMenu}');
    const menu = screen.getByRole('menu');
    expect(within(menu).getAllByRole('menuitem').map((item) => item.getAttribute('aria-label') ?? item.textContent)).toEqual(['More reactions', 'Reply', 'Edit', 'Copy text', 'Delete']);
    await userEvent.click(within(menu).getByRole('menuitemcheckbox', { name: 'React with 😂' }));
    expect(acts.react).toHaveBeenCalledWith(expect.objectContaining({ seq: 3 }), '😂', true);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(article(3)).toHaveFocus();

    await userEvent.keyboard('{ContextMenu}');
    screen.getByRole('menu');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(focusedName()).toBe('Delete');
    await userEvent.keyboard('{Enter}');
    expect(acts.remove).toHaveBeenCalledWith(expect.objectContaining({ seq: 3 }));
    expect(article(3)).toHaveFocus();
  });

  it('tells apart two messages with one clientId from two senders (each chooses its own): the menu, the choice and focus go to the one asked for', async () => {
    const list = messages(3);
    list[2] = { ...list[2]!, clientId: 'c2' };
    const { acts } = showActions(windowOf(list));
    act(() => article(3).focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    await userEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Edit' }));
    expect(acts.edit).toHaveBeenCalledWith(expect.objectContaining({ seq: 3 }));
    expect(article(3)).toHaveFocus();
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    await userEvent.keyboard('{Escape}');
    expect(article(3)).toHaveFocus();
  });

  it('gives focus to the log when the menu closes after its message scrolled out of the rendered rows', async () => {
    showActions(windowOf(messages(100)));
    const log = screen.getByRole('log', { name: 'Messages' });
    const last = article(100);
    act(() => last.focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    expect(screen.getByRole('menu')).toBeInTheDocument();
    // Scrolled to the top: the newest rows leave the DOM (the menu stays, its message still in the window).
    act(() => {
      log.scrollTop = 0;
      fireEvent.scroll(log);
    });
    expect(last.isConnected).toBe(false);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(log).toHaveFocus();
  });

  it('gives focus back to the message when its menu closes by itself (the message deleted meanwhile), not to the page', async () => {
    const props = { peerName: 'Ann Lee', meId: 'me', handlers: handlers(), onNotice: vi.fn(), now: new Date(2026, 10, 25, 12), onReached: vi.fn(), onRetry: vi.fn(), onDiscard: vi.fn() };
    const wrapper = ({ children }: { children: ReactNode }) => <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>{children}</VirtuosoMockContext.Provider>;
    const list = messages(3);
    const { rerender } = render(<MessageList window={windowOf(list)} {...props} />, { wrapper });
    act(() => article(2).focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    expect(screen.getByRole('menu')).toBeInTheDocument();
    const deleted = list.map((m) => (m.seq === 2 ? { ...m, deleted: true, body: '' } : m));
    rerender(<MessageList window={windowOf(deleted)} {...props} />);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(document.activeElement).not.toBe(document.body);
    expect(screen.getByRole('log', { name: 'Messages' }).contains(document.activeElement)).toBe(true);
  });

  it('shows my reactions checked in the menu, and choosing one takes it back', async () => {
    const list = messages(3);
    list[1] = { ...list[1]!, reactions: [{ emoji: '❤️', count: 1, mine: true, userIds: ['me'] }] };
    const { acts } = showActions(windowOf(list));
    act(() => article(2).focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    const heart = screen.getByRole('menuitemcheckbox', { name: 'React with ❤️' });
    expect(heart).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('menuitemcheckbox', { name: 'React with 👍' })).toHaveAttribute('aria-checked', 'false');
    await userEvent.click(heart);
    expect(acts.react).toHaveBeenCalledWith(expect.objectContaining({ seq: 2 }), '❤️', false);
  });

  it('closes the menu on Tab and on a press outside it', async () => {
    showActions(windowOf(messages(3)));
    act(() => article(1).focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    await userEvent.tab();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(article(1)).toHaveFocus();
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    fireEvent.pointerDown(document.querySelector('.menu-layer')!);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('has one message as its Tab stop (the newest), and Up and Down move between messages', async () => {
    showActions(windowOf(messages(5)));
    const stops = screen.getAllByRole('article').filter((element) => element.tabIndex === 0);
    expect(stops).toEqual([article(5)]);
    act(() => article(5).focus());
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(article(3)).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(article(4)).toHaveFocus();
    // The last one focused is now the Tab stop.
    expect(screen.getAllByRole('article').filter((element) => element.tabIndex === 0)).toEqual([article(4)]);
  });

  it('jumps from a reply’s quote to its original in the window, centres and marks it, focus on it', async () => {
    const list = messages(10);
    list[9] = { ...list[9]!, replyTo: { seq: 8, available: true, senderId: 'ann', body: 'Message number 8', deleted: false } };
    const window = windowOf(list);
    showActions(window);
    virtuosoScrolls.mockClear();
    await userEvent.click(screen.getByRole('button', { name: 'In reply to Ann Lee: Message number 8' }));
    expect(virtuosoScrolls).toHaveBeenCalledWith(expect.objectContaining({ align: 'center' }));
    expect(article(8)).toHaveClass('message--highlight');
    expect(article(8)).toHaveFocus();
    expect(window.jumpTo).not.toHaveBeenCalled();
  });

  it('loads an original the window does not hold (jumpTo), and says so when it cannot', async () => {
    const list = messages(5, 20);
    list[4] = { ...list[4]!, replyTo: { seq: 3, available: false, senderId: null, body: '', deleted: false } };
    const jumpTo = vi.fn(async () => {
      throw new Error('You are offline.');
    });
    const { onNotice } = showActions(windowOf(list, { hasOlder: true, jumpTo }));
    await userEvent.click(screen.getByRole('button', { name: 'In reply to an earlier message' }));
    expect(jumpTo).toHaveBeenCalledWith(3);
    await waitFor(() => expect(onNotice).toHaveBeenCalledWith('Couldn’t show the original message. You are offline.'));
  });

  it('opened by a jump, centres on the original and marks it', () => {
    virtuosoScrolls.mockClear();
    showActions(windowOf(messages(200), { epoch: 1, focusSeq: 120, firstUnreadSeq: 10 }));
    expect(virtuosoScrolls.mock.calls[0]![0]).toEqual(expect.objectContaining({ align: 'center' }));
    expect(article(120)).toHaveClass('message--highlight');
    expect(screen.queryByRole('article', { name: 'Message number 200' })).not.toBeInTheDocument();
  });
});
