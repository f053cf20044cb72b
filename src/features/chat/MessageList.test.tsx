// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtuosoMockContext, type VirtuosoHandle, type VirtuosoProps } from 'react-virtuoso';
import { describe, expect, it, vi } from 'vitest';
import type { MessagesWindow, MessageView } from '../../client';
import { MessageList } from './MessageList';

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
    };
  });
}

function windowOf(list: MessageView[], extra: Partial<MessagesWindow> = {}): MessagesWindow {
  return {
    messages: list,
    opening: false,
    hasOlder: false,
    olderNeedNetwork: false,
    loadingOlder: false,
    olderError: null,
    loadOlder: vi.fn(async () => {}),
    hasNewer: false,
    loadingNewer: false,
    newerError: null,
    loadNewer: vi.fn(async () => {}),
    jumpToLatest: vi.fn(async () => {}),
    showing: vi.fn(),
    epoch: 0,
    firstUnreadSeq: null,
    ...extra,
  };
}

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
    show(windowOf(messages(50, 51), { hasNewer: true, newerError: 'You are offline.', loadNewer }));
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
    show(windowOf(messages(50, 51), { hasOlder: true, olderError: 'You are offline.', loadOlder }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load earlier messages. You are offline.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(loadOlder).toHaveBeenCalledTimes(1);
  });
});
