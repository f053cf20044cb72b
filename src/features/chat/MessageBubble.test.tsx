// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../client';
import { activateLocale } from '../../ui/i18n/i18n';
import { MessageBubble, type BubbleControls } from './MessageBubble';
import type { MessageActionHandlers } from './messageActions';
import { LONG_PRESS_MS } from './useLongPress';
import { messageView } from '../../../tests/support/messageView';

const message = messageView;

function show(m: MessageView) {
  const handlers = { onRetry: vi.fn(), onDiscard: vi.fn() };
  render(<MessageBubble message={m} senderName="Ann Lee" startsRun endsRun {...handlers} />);
  return handlers;
}

describe('MessageBubble', () => {
  it('renders markup as text, never HTML', () => {
    show(message({ body: '<img src=x onerror=alert(1)><b>bold?</b>' }));
    const article = screen.getByRole('article', { name: '<img src=x onerror=alert(1)><b>bold?</b>' });
    expect(article.querySelector('img, b')).toBeNull();
  });

  it('makes web addresses into links that open safely in a new tab', () => {
    show(message({ body: 'see https://example.com/docs.' }));
    const link = screen.getByRole('link', { name: 'https://example.com/docs' });
    expect(link).toHaveAttribute('href', 'https://example.com/docs');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('lets the browser pick the direction of the text', () => {
    show(message({ body: 'שלום עולם' }));
    expect(screen.getByRole('article', { name: 'שלום עולם' }).querySelector('p')).toHaveAttribute('dir', 'auto');
  });

  it('shows the delivery state of my message', () => {
    show(message({ status: 'delivered' }));
    expect(within(screen.getByRole('article', { name: 'Hello' })).getByRole('img', { name: 'Delivered' })).toBeInTheDocument();
  });

  it('shows no ticks on their messages and names the sender for screen readers', () => {
    show(message({ mine: false, senderId: 'ann' }));
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByText('Ann Lee:')).toHaveClass('visually-hidden');
  });

  it('offers Retry and Delete for a failed message', async () => {
    const { onRetry, onDiscard } = show(message({ status: 'failed', seq: null, id: null, error: { code: 'PAYLOAD_TOO_LARGE', message: 'That is too large to send.' } }));
    expect(screen.getByText('Failed to send')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onRetry).toHaveBeenCalledWith('c1');
    expect(onDiscard).toHaveBeenCalledWith('c1');
  });
});

const NAMES: Record<string, string> = { maya: 'Maya', leo: 'Leo' };

function controls(): BubbleControls & { handlers: MessageActionHandlers } {
  const handlers = { react: vi.fn(), pickReaction: vi.fn(), reply: vi.fn(), edit: vi.fn(), remove: vi.fn(), copy: vi.fn(), info: vi.fn() };
  return { nameOf: (id) => NAMES[id] ?? 'Someone', colorOf: () => '#7c3aed', meId: 'me', handlers, openMenu: vi.fn(), jump: vi.fn() };
}

function showWith(m: MessageView, c = controls()) {
  render(<MessageBubble message={m} senderName="Maya" startsRun endsRun onRetry={vi.fn()} onDiscard={vi.fn()} controls={c} tabbable />);
  return { ...c, article: screen.getByRole('article') };
}

describe('MessageBubble: actions', () => {
  afterEach(() => vi.useRealTimers());

  it('shows its toolbar while the mouse is over it: a quick reaction reacts, More actions opens the menu', async () => {
    const c = showWith(message({ mine: false, senderId: 'maya' }));
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
    await userEvent.hover(c.article);
    const toolbar = screen.getByRole('toolbar', { name: 'Message actions' });
    // Theirs: no Edit.
    expect(within(toolbar).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'React with 👍',
      'React with ❤️',
      'React with 😂',
      'Add reaction',
      'Reply',
      'More actions',
    ]);
    await userEvent.click(within(toolbar).getByRole('button', { name: 'React with 👍' }));
    expect(c.handlers.react).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c1' }), '👍', true);
    await userEvent.click(within(toolbar).getByRole('button', { name: 'More actions' }));
    expect(c.openMenu).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c1' }), expect.objectContaining({ sheet: false }));
    await userEvent.unhover(c.article);
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
  });

  it('shows the toolbar while it has focus, one Tab stop that the arrow keys walk', async () => {
    const c = showWith(message());
    // Clicked, it takes focus with no toolbar (the mouse's toolbar goes with the pointer); by the keyboard it shows.
    await userEvent.click(c.article);
    expect(c.article).toHaveFocus();
    await userEvent.unhover(c.article);
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
    act(() => c.article.blur());
    await userEvent.tab();
    expect(c.article).toHaveFocus();
    const toolbar = screen.getByRole('toolbar');
    expect(within(toolbar).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    await userEvent.tab();
    expect(within(toolbar).getByRole('button', { name: 'React with 👍' })).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(within(toolbar).getByRole('button', { name: 'More actions' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(within(toolbar).getByRole('button', { name: 'React with ❤️' })).toHaveFocus();
  });

  it('mirrors the toolbar’s arrow keys right to left: Left goes to the next button, Right back; Home and End keep their ends', async () => {
    const rtl = document.body.appendChild(document.createElement('div'));
    rtl.dir = 'rtl';
    const c = controls();
    render(<MessageBubble message={message()} senderName="Maya" startsRun endsRun onRetry={vi.fn()} onDiscard={vi.fn()} controls={c} tabbable />, { container: rtl });
    act(() => screen.getByRole('article').focus());
    await userEvent.tab();
    const toolbar = screen.getByRole('toolbar');
    expect(within(toolbar).getByRole('button', { name: 'React with 👍' })).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(within(toolbar).getByRole('button', { name: 'React with ❤️' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(within(toolbar).getByRole('button', { name: 'More actions' })).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(within(toolbar).getByRole('button', { name: 'React with 👍' })).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(within(toolbar).getByRole('button', { name: 'More actions' })).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(within(toolbar).getByRole('button', { name: 'React with 👍' })).toHaveFocus();
  });

  it('keeps a Tab stop in the toolbar when its first buttons are disabled (20 different emoji, none of them mine)', async () => {
    const others = ['😀', '😃', '😄', '😁', '😆', '😅', '🤣', '😊', '😇', '🙂', '🙃', '😉', '😌', '😍', '🥰', '😘', '😗', '😙', '😚', '😋'];
    const full = message({ mine: false, senderId: 'maya', reactions: others.map((emoji) => ({ emoji, count: 1, mine: false, userIds: ['maya'] })) });
    const c = showWith(full);
    act(() => c.article.focus());
    const toolbar = screen.getByRole('toolbar');
    expect(within(toolbar).getByRole('button', { name: 'React with 👍' })).toBeDisabled();
    const stops = within(toolbar).getAllByRole('button').filter((button) => button.tabIndex === 0);
    expect(stops).toEqual([within(toolbar).getByRole('button', { name: 'Add reaction' })]);
    await userEvent.tab();
    expect(within(toolbar).getByRole('button', { name: 'Add reaction' })).toHaveFocus();
  });

  it('opens its menu from the keyboard: Shift+F10 and the context-menu key', async () => {
    const c = showWith(message());
    act(() => c.article.focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    expect(c.openMenu).toHaveBeenCalledTimes(1);
    expect(c.openMenu).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: 'c1' }), { anchor: expect.objectContaining({ kind: 'rect' }), sheet: false });
    await userEvent.keyboard('{ContextMenu}');
    expect(c.openMenu).toHaveBeenCalledTimes(2);
    expect(c.article).toHaveAttribute('aria-keyshortcuts', 'Shift+F10');
  });

  it('opens its menu on a right-click where the pointer is, but leaves a link its own menu', () => {
    const c = showWith(message({ body: 'see https://example.com' }));
    fireEvent.contextMenu(screen.getByRole('link'), { button: 2, clientX: 40, clientY: 50 });
    expect(c.openMenu).not.toHaveBeenCalled();
    fireEvent.contextMenu(c.article, { button: 2, clientX: 40, clientY: 50 });
    expect(c.openMenu).toHaveBeenCalledWith(expect.anything(), { anchor: { kind: 'point', x: 40, y: 50 }, sheet: false });
  });

  it('opens its actions as a sheet after a finger rests on it, not when the finger moves (scrolling) or lifts early', () => {
    vi.useFakeTimers();
    const c = showWith(message());
    const touch = { pointerType: 'touch', isPrimary: true, clientX: 10, clientY: 10 };
    fireEvent.pointerDown(c.article, touch);
    fireEvent.pointerMove(c.article, { ...touch, clientY: 40 });
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS));
    fireEvent.pointerDown(c.article, touch);
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS - 100));
    fireEvent.pointerUp(c.article, touch);
    act(() => vi.advanceTimersByTime(200));
    expect(c.openMenu).not.toHaveBeenCalled();

    fireEvent.pointerDown(c.article, touch);
    fireEvent.pointerMove(c.article, { ...touch, clientX: 13 });
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS));
    expect(c.openMenu).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c1' }), { anchor: { kind: 'point', x: 10, y: 10 }, sheet: true });
    // The press's own click (the finger lifting) does nothing more, and a tap never showed the desktop toolbar.
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
  });

  it('shows a deleted message as a tombstone, with no actions', async () => {
    const c = showWith(message({ deleted: true, body: '', editedAt: '2026-11-25T10:00:00.000Z', replyTo: { seq: 1, available: true, senderId: 'maya', body: 'x', deleted: false } }));
    expect(screen.getByRole('article', { name: 'This message was deleted' })).toBeInTheDocument();
    expect(c.article.querySelector('.message__text--deleted')).not.toBeNull();
    // Nor "edited", nor the quote.
    expect(screen.queryByText('edited')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    await userEvent.hover(c.article);
    act(() => c.article.focus());
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    fireEvent.contextMenu(c.article, { button: 2, clientX: 4, clientY: 4 });
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
    expect(c.openMenu).not.toHaveBeenCalled();
  });

  it('says "edited", with when in its title', () => {
    showWith(message({ editedAt: new Date(2026, 10, 25, 10, 5).toISOString() }));
    const edited = screen.getByText('edited');
    expect(edited.tagName).toBe('TIME');
    expect(edited.getAttribute('title')).toMatch(/^Edited .*2026.*10:05/);
  });

  it('says my change is on its way, and why my last action was refused', () => {
    showWith(message({ saving: true, actionError: { action: 'edit', code: 'FORBIDDEN', message: 'Only the author can edit a message.' } }));
    expect(screen.getByRole('img', { name: 'Saving your change' })).toBeInTheDocument();
    expect(screen.getByText('Couldn’t edit: Only the author can edit a message.')).toBeInTheDocument();
  });

  it('shows reaction chips: count, mine pressed, who reacted in the name and title; a chip toggles mine', async () => {
    const c = showWith(
      message({
        mine: false,
        senderId: 'leo',
        reactions: [
          { emoji: '👍', count: 2, mine: true, userIds: ['me', 'maya'] },
          { emoji: '🎉', count: 1, mine: false, userIds: ['leo'] },
        ],
      }),
    );
    const group = screen.getByRole('group', { name: 'Reactions' });
    const thumbs = within(group).getByRole('button', { name: '👍 2: Maya and you' });
    expect(thumbs).toHaveAttribute('aria-pressed', 'true');
    expect(thumbs).toHaveAttribute('title', 'Maya and you reacted with 👍');
    expect(thumbs).toHaveTextContent('👍2');
    const party = within(group).getByRole('button', { name: '🎉 1: Leo' });
    expect(party).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(thumbs);
    expect(c.handlers.react).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: 'c1' }), '👍', false);
    await userEvent.click(party);
    expect(c.handlers.react).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: 'c1' }), '🎉', true);
    await userEvent.click(within(group).getByRole('button', { name: 'Add reaction' }));
    expect(c.handlers.pickReaction).toHaveBeenCalledTimes(1);
  });

  it('takes no room for reactions it does not have', () => {
    showWith(message());
    expect(screen.queryByRole('group', { name: 'Reactions' })).not.toBeInTheDocument();
  });

  it.each([
    [{ seq: 7, available: true, senderId: 'maya', body: 'Lunch at noon?\nOr later', deleted: false }, 'In reply to Maya: Lunch at noon?'],
    [{ seq: 7, available: true, senderId: 'me', body: 'My own words', deleted: false }, 'In reply to You: My own words'],
    [{ seq: 7, available: true, senderId: 'maya', body: '', deleted: true }, 'In reply to Maya: Original message was deleted'],
    [{ seq: 7, available: false, senderId: null, body: '', deleted: false }, 'In reply to an earlier message'],
  ])('quotes what it answers (%j), and the quote jumps to it', async (replyTo, name) => {
    const c = showWith(message({ replyTo }));
    await userEvent.click(screen.getByRole('button', { name }));
    expect(c.jump).toHaveBeenCalledWith(7);
    // The article is still named by its own words, not the quote's.
    expect(screen.getByRole('article', { name: 'Hello' })).toBeInTheDocument();
  });
});

describe('MessageBubble in German', () => {
  afterEach(() => activateLocale('en'));

  it('names its actions and says who reacted in German, the verb agreeing with how many', async () => {
    await activateLocale('de');
    const c = showWith(
      message({
        mine: false,
        senderId: 'leo',
        reactions: [
          { emoji: '👍', count: 2, mine: true, userIds: ['me', 'maya'] },
          { emoji: '🎉', count: 1, mine: false, userIds: ['leo'] },
        ],
      }),
    );
    await userEvent.hover(c.article);
    const toolbar = screen.getByRole('toolbar', { name: 'Nachrichtenaktionen' });
    expect(within(toolbar).getByRole('button', { name: 'Mit 👍 reagieren' })).toBeInTheDocument();
    const group = screen.getByRole('group', { name: 'Reaktionen' });
    expect(within(group).getByRole('button', { name: '👍 2: Maya und du' })).toHaveAttribute('title', 'Maya und du haben mit 👍 reagiert');
    expect(within(group).getByRole('button', { name: '🎉 1: Leo' })).toHaveAttribute('title', 'Leo hat mit 🎉 reagiert');
  });
});
