// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtuosoMockContext } from 'react-virtuoso';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ChatActions, ConversationView, MessageView, UserWithPresence } from '../../client';
import { ChatError } from '../../transport';
import { messagesWindow, messageView } from '../../../tests/support/messageView';
import { ChatView } from './ChatView';

/**
 * How long the emoji list's chunk may take the first time the picker opens: the test runner transforms the
 * whole Unicode list on that import, over a second on a busy machine (Testing Library's default wait).
 */
const EMOJI_CHUNK_MS = 10_000;

// The screen over hand-built views: the engine's hooks answer what each test sets, its actions are recorded.
const state = vi.hoisted(() => ({
  messages: [] as MessageView[],
  actions: {} as Record<string, ReturnType<typeof vi.fn>>,
}));
vi.mock('../../client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../client')>();
  return {
    ...actual,
    useActions: () => state.actions as unknown as ChatActions,
    useConnection: () => ({ status: 'online' }),
    useConversation: () => conversation,
    useDirectory: () => [ann],
    useDraft: () => '',
    useMe: () => me,
    useMessages: () => messagesWindow(state.messages),
    useTyping: () => [],
    useClock: () => () => Date.now(),
  };
});

const me: UserWithPresence = { id: 'me', username: 'me', displayName: 'Me Myself', avatarColor: '#6d28d9', presence: 'online', lastSeen: null };
const ann: UserWithPresence = { id: 'ann', username: 'ann', displayName: 'Ann Lee', avatarColor: '#0f766e', presence: 'online', lastSeen: null };
const conversation: ConversationView = {
  id: 'conv',
  kind: 'direct',
  title: 'Ann Lee',
  peer: ann,
  group: null,
  lastMessage: null,
  unreadCount: 0,
  lastActivityAt: '2026-11-25T09:00:00.000Z',
  draft: '',
  readSeq: 3,
};

function message(seq: number, senderId: string, body: string): MessageView {
  return messageView({ clientId: `c${seq}`, id: `m${seq}`, senderId, body, createdAt: new Date(2026, 10, 25, 9, seq).toISOString(), seq, status: 'read', mine: senderId === 'me' });
}


beforeEach(() => {
  state.messages = [message(1, 'ann', 'Lunch at noon?\nOr later'), message(2, 'me', 'Noon works'), message(3, 'ann', 'See you there')];
  state.actions = {
    send: vi.fn(async () => 'new'),
    editMessage: vi.fn(async () => {}),
    deleteMessage: vi.fn(async () => {}),
    react: vi.fn(async () => {}),
    setDraft: vi.fn(),
    typing: vi.fn(),
    reached: vi.fn(),
    retry: vi.fn(async () => {}),
    discard: vi.fn(async () => {}),
  };
});

function show() {
  return render(<ChatView conversationId="conv" />, {
    wrapper: ({ children }) => <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>{children}</VirtuosoMockContext.Provider>,
  });
}
const article = (name: string | RegExp) => screen.getByRole('article', { name });
async function openMenu(name: string | RegExp) {
  act(() => article(name).focus());
  await userEvent.keyboard('{Shift>}{F10}{/Shift}');
  return screen.getByRole('menu', { name: 'Message actions' });
}

describe('ChatView: message actions', () => {
  it('replies: the quote above the composer, sent with the original’s seq, then gone', async () => {
    show();
    await userEvent.click(within(await openMenu(/^Lunch at noon\?/)).getByRole('menuitem', { name: 'Reply' }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveFocus();
    expect(box).toHaveAccessibleDescription('Replying to Ann Lee: Lunch at noon?');
    await userEvent.type(box, 'Noon it is{Enter}');
    expect(state.actions.send).toHaveBeenCalledWith('conv', 'Noon it is', { replyToSeq: 1 });
    expect(box).not.toHaveAccessibleDescription();
    // The next message is not a reply.
    await userEvent.type(box, 'And coffee{Enter}');
    expect(state.actions.send).toHaveBeenLastCalledWith('conv', 'And coffee');
  });

  it('lets go of a reply or an edit whose message is deleted meanwhile (from another device)', async () => {
    const view = show();
    await userEvent.click(within(await openMenu(/^Lunch at noon\?/)).getByRole('menuitem', { name: 'Reply' }));
    expect(screen.getByRole('button', { name: 'Cancel reply' })).toBeInTheDocument();
    state.messages = state.messages.map((m) => (m.seq === 1 ? { ...m, deleted: true, body: '' } : m));
    view.rerender(<ChatView conversationId="conv" />);
    expect(screen.queryByRole('button', { name: 'Cancel reply' })).not.toBeInTheDocument();

    await userEvent.keyboard('{ArrowUp}');
    expect(screen.getByRole('textbox', { name: 'Edit message' })).toHaveValue('Noon works');
    state.messages = state.messages.map((m) => (m.seq === 2 ? { ...m, deleted: true, body: '' } : m));
    view.rerender(<ChatView conversationId="conv" />);
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  });

  it('edits my last message from Up arrow in the empty composer: Enter saves, Escape cancels', async () => {
    show();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.click(box);
    await userEvent.keyboard('{ArrowUp}');
    const editor = screen.getByRole('textbox', { name: 'Edit message' });
    expect(editor).toHaveValue('Noon works');
    expect(article('Noon works')).toHaveClass('message--editing');
    await userEvent.type(editor, '!{Enter}');
    expect(state.actions.editMessage).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c2' }), 'Noon works!');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');

    await userEvent.keyboard('{ArrowUp}');
    await userEvent.type(screen.getByRole('textbox', { name: 'Edit message' }), ' maybe{Escape}');
    expect(state.actions.editMessage).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  });

  it('edits the message asked for when another sender’s message has the same clientId', async () => {
    state.messages = state.messages.map((m) => (m.seq === 2 ? { ...m, clientId: 'c1' } : m));
    show();
    await userEvent.click(within(await openMenu('Noon works')).getByRole('menuitem', { name: 'Edit' }));
    expect(screen.getByRole('textbox', { name: 'Edit message' })).toHaveValue('Noon works');
    expect(article('Noon works')).toHaveClass('message--editing');
    expect(article(/^Lunch at noon\?/)).not.toHaveClass('message--editing');
    await userEvent.type(screen.getByRole('textbox', { name: 'Edit message' }), '!{Enter}');
    expect(state.actions.editMessage).toHaveBeenCalledWith(expect.objectContaining({ senderId: 'me', clientId: 'c1' }), 'Noon works!');
  });

  it('edits from the menu, and saving unchanged words sends nothing', async () => {
    show();
    await userEvent.click(within(await openMenu('Noon works')).getByRole('menuitem', { name: 'Edit' }));
    expect(screen.getByRole('textbox', { name: 'Edit message' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(state.actions.editMessage).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeInTheDocument();
  });

  it('asks before deleting: Cancel keeps the message, Delete deletes it for everyone', async () => {
    show();
    await userEvent.click(within(await openMenu('Noon works')).getByRole('menuitem', { name: 'Delete' }));
    let dialog = screen.getByRole('alertdialog', { name: 'Delete this message?' });
    expect(dialog).toHaveAccessibleDescription('It will be deleted for everyone in this conversation.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(state.actions.deleteMessage).not.toHaveBeenCalled();
    // Focus is back on the message.
    expect(article('Noon works')).toHaveFocus();

    await userEvent.click(within(await openMenu('Noon works')).getByRole('menuitem', { name: 'Delete' }));
    dialog = screen.getByRole('alertdialog', { name: 'Delete this message?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(state.actions.deleteMessage).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c2' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('says why the engine refused a change at once: a reaction, an edit, a delete', async () => {
    state.actions.react!.mockRejectedValueOnce(new ChatError('INVALID_INPUT', 'That message was deleted.'));
    state.actions.editMessage!.mockRejectedValueOnce(new ChatError('INVALID_INPUT', 'That message was deleted.'));
    state.actions.deleteMessage!.mockRejectedValueOnce(new ChatError('NOT_FOUND', 'That message does not exist.'));
    show();
    await userEvent.click(within(await openMenu('See you there')).getByRole('menuitemcheckbox', { name: 'React with 👍' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Couldn’t react: That message was deleted.'));

    await userEvent.click(within(await openMenu('Noon works')).getByRole('menuitem', { name: 'Edit' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Edit message' }), '!{Enter}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Couldn’t edit: That message was deleted.'));

    await userEvent.click(within(await openMenu('Noon works')).getByRole('menuitem', { name: 'Delete' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Couldn’t delete: That message does not exist.'));
  });

  it('leaves a failure that is not a refusal to the console, unsaid', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = new Error('IndexedDB is gone');
    state.actions.react!.mockRejectedValueOnce(failure);
    show();
    await userEvent.click(within(await openMenu('See you there')).getByRole('menuitemcheckbox', { name: 'React with 👍' }));
    await waitFor(() => expect(logged).toHaveBeenCalledWith(expect.any(String), failure));
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    logged.mockRestore();
  });

  it('asks before deleting a message not sent yet without saying it will not be sent (it may be on its way)', async () => {
    state.messages = [...state.messages, messageView({ clientId: 'c4', id: null, senderId: 'me', body: 'On my way', seq: null, status: 'pending', createdAt: new Date(2026, 10, 25, 9, 4).toISOString() })];
    show();
    await userEvent.click(within(await openMenu('On my way')).getByRole('menuitem', { name: 'Delete' }));
    expect(screen.getByRole('alertdialog', { name: 'Delete this message?' })).toHaveAccessibleDescription('It will be deleted for everyone in this conversation.');
  });

  it('copies a message’s words and says so', async () => {
    const user = userEvent.setup();
    show();
    await user.click(within(await openMenu('See you there')).getByRole('menuitem', { name: 'Copy text' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Copied'));
    expect(await navigator.clipboard.readText()).toBe('See you there');
  });

  it('reacts with any emoji from the full list, loaded when opened: searched, then Enter', async () => {
    show();
    await userEvent.click(within(await openMenu('See you there')).getByRole('menuitem', { name: 'More reactions' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a reaction' });
    const search = within(dialog).getByRole('searchbox', { name: 'Search emoji' });
    expect(search).toHaveFocus();
    // Grouped, each emoji named.
    expect(await within(dialog).findByRole('grid', { name: 'Smileys & Emotion' }, { timeout: EMOJI_CHUNK_MS })).toBeInTheDocument();
    await userEvent.type(search, 'thumbs up');
    expect(within(dialog).getAllByRole('grid').map((grid) => grid.getAttribute('aria-labelledby') && grid.textContent)).toEqual(['👍']);
    await userEvent.keyboard('{Enter}');
    expect(state.actions.react).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c3' }), '👍', true);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(article('See you there')).toHaveFocus();
  });

  it('moves through the full list with the arrow keys, and back up to the search', async () => {
    show();
    await userEvent.click(within(await openMenu('See you there')).getByRole('menuitem', { name: 'More reactions' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a reaction' });
    await within(dialog).findByRole('grid', { name: 'Smileys & Emotion' }, { timeout: EMOJI_CHUNK_MS });
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName('grinning face');
    await userEvent.keyboard('{ArrowRight}{ArrowDown}');
    // Eight to a row: the second row's second emoji.
    expect(document.activeElement).toBe(within(dialog).getAllByRole('row')[1]!.querySelectorAll('button')[1]);
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(within(dialog).getByRole('searchbox')).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(state.actions.react).not.toHaveBeenCalled();
  });

  it('mirrors Left and Right in the full list right to left: Left goes to the next emoji', async () => {
    // The picker is a dialog in <body>: its direction is the page's, as the app sets it for Arabic.
    document.documentElement.dir = 'rtl';
    onTestFinished(() => document.documentElement.removeAttribute('dir'));
    show();
    await userEvent.click(within(await openMenu('See you there')).getByRole('menuitem', { name: 'More reactions' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a reaction' });
    await within(dialog).findByRole('grid', { name: 'Smileys & Emotion' }, { timeout: EMOJI_CHUNK_MS });
    await userEvent.keyboard('{ArrowDown}');
    const firstRow = [...within(dialog).getAllByRole('row')[0]!.querySelectorAll('button')];
    expect(document.activeElement).toBe(firstRow[0]);
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(firstRow[2]);
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(firstRow[1]);
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(firstRow.at(-1));
  });
});
