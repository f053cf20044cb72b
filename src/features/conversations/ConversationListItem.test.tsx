// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationView, MessageView } from '../../client';
import { activateLocale } from '../../ui/i18n/i18n';
import { ConversationListItem } from './ConversationListItem';
import { PLAIN_MESSAGE } from '../../../tests/support/messageView';

const now = new Date(2026, 10, 25, 15, 0);
const last: MessageView = {
  clientId: 'c9',
  id: 'm9',
  conversationId: 'conv',
  senderId: 'ann',
  body: 'See you at the standup',
  createdAt: new Date(2026, 10, 24, 18, 0).toISOString(),
  seq: 9,
  status: 'sent',
  mine: false,
  error: null,
  system: null,
  ...PLAIN_MESSAGE,
};
const conversation: ConversationView = {
  id: 'conv',
  kind: 'direct',
  title: 'Ann Lee',
  group: null,
  peer: { id: 'ann', username: 'ann', displayName: 'Ann Lee', avatarColor: '#047857', presence: 'online', lastSeen: null },
  lastMessage: last,
  unreadCount: 2,
  lastActivityAt: last.createdAt,
  draft: '',
  readSeq: 7,
};

function show(change: Partial<ConversationView> = {}, extra: { active?: boolean; typing?: string; meId?: string } = {}) {
  const onOpen = vi.fn();
  render(
    <ul>
      <ConversationListItem conversation={{ ...conversation, ...change }} active={extra.active ?? false} typing={extra.typing ?? ''} now={now} href="#/c/conv" meId={extra.meId} onOpen={onOpen} />
    </ul>,
  );
  return { onOpen, link: screen.getByRole('link', { name: /Ann Lee/ }) };
}

describe('ConversationListItem', () => {
  it('shows who, presence, the last message, when and how many unread', () => {
    const { link } = show();
    expect(link).toHaveAccessibleName(/Ann Lee/);
    expect(within(link).getByText('Online')).toHaveClass('visually-hidden');
    expect(within(link).getByText('See you at the standup')).toBeInTheDocument();
    expect(within(link).getByText('Yesterday')).toBeInTheDocument();
    expect(within(link).getByText('2 unread')).toBeInTheDocument();
  });

  it('puts a newer last message in a line of its own, so the old text is not pushed along by its ticks (a layout shift)', () => {
    const props = { active: false, typing: '', now, href: '#/c/conv', onOpen: vi.fn() };
    const { rerender } = render(
      <ul>
        <ConversationListItem conversation={conversation} {...props} />
      </ul>,
    );
    const before = screen.getByText('See you at the standup').firstChild;
    const mine: MessageView = { ...last, clientId: 'c10', id: null, seq: null, senderId: 'me', body: 'On my way', status: 'pending', mine: true };
    rerender(
      <ul>
        <ConversationListItem conversation={{ ...conversation, lastMessage: mine }} {...props} />
      </ul>,
    );
    expect(screen.getByRole('img', { name: 'Sending' })).toBeInTheDocument();
    expect(before?.isConnected).toBe(false);
  });

  it('shows my draft instead of the last message', () => {
    const { link } = show({ draft: 'half written' });
    expect(link).toHaveTextContent('Draft: half written');
  });

  it('shows the ticks of my own last message', () => {
    const { link } = show({ lastMessage: { ...last, mine: true, senderId: 'me', status: 'read' }, unreadCount: 0 });
    expect(within(link).getByRole('img', { name: 'Read' })).toBeInTheDocument();
    expect(within(link).queryByText(/unread/)).not.toBeInTheDocument();
  });

  it('in a group, says who wrote the last message (not for mine, nor for a system entry)', () => {
    const maya = { id: 'maya', username: 'maya', displayName: 'Maya Chen', avatarColor: '#6d28d9', presence: 'online' as const, lastSeen: null };
    const group = {
      title: 'Launch',
      visibility: 'public' as const,
      members: [{ user: maya, role: 'owner' as const }],
      onlineCount: 1,
      myRole: 'member' as const,
      canAddMembers: true,
      canRemoveMembers: false,
      canRename: false,
      saving: false,
    };
    const asGroup = { kind: 'group' as const, group, peer: { ...conversation.peer, id: 'conv', displayName: 'Ann Lee' } };
    const { link } = show({ ...asGroup, lastMessage: { ...last, senderId: 'maya' } });
    expect(link).toHaveTextContent('Maya Chen: See you at the standup');
    cleanup();
    expect(show({ ...asGroup, lastMessage: { ...last, senderId: 'maya', mine: true } }).link).not.toHaveTextContent('Maya Chen:');
    cleanup();
    expect(show({ ...asGroup, lastMessage: { ...last, senderId: 'maya', system: { type: 'joined' } } }).link).not.toHaveTextContent('Maya Chen:');
  });

  it('says a deleted last message was deleted, in italics, rather than showing nothing after the name', () => {
    const { link } = show({ lastMessage: { ...last, body: '', deleted: true } });
    expect(link).toHaveTextContent('This message was deleted');
    expect(link).toHaveAccessibleName(/This message was deleted/);
    expect(within(link).getByText('This message was deleted').tagName).toBe('EM');
  });

  it('says when they are typing', () => {
    const { link } = show({}, { typing: 'typing…' });
    expect(link).toHaveTextContent('typing…');
  });

  it('marks the open conversation and opens on click', async () => {
    const { link, onOpen } = show({}, { active: true });
    expect(link).toHaveAttribute('aria-current', 'page');
    await userEvent.click(link);
    expect(onOpen).toHaveBeenCalledWith('conv');
  });

  describe('in German', () => {
    afterEach(() => activateLocale('en'));

    it('says the unread count, my draft and whose the last message is in German', async () => {
      await activateLocale('de');
      const { link } = show({ draft: 'halb geschrieben' });
      expect(within(link).getByText('2 ungelesen')).toHaveClass('visually-hidden');
      expect(link).toHaveTextContent('Entwurf: halb geschrieben');
      cleanup();
      const mine = show({ lastMessage: { ...last, mine: true, senderId: 'me', status: 'read' }, unreadCount: 0 }).link;
      expect(within(mine).getByText('Du:')).toHaveClass('visually-hidden');
      expect(mine).toHaveTextContent('Du: See you at the standup');
      expect(within(mine).getByRole('img', { name: 'Gelesen' })).toBeInTheDocument();
    });

    it('says a group event in German with today’s names, not the English the backend stored', async () => {
      await activateLocale('de');
      const maya = { id: 'maya', username: 'maya', displayName: 'Maya Chen', avatarColor: '#6d28d9', presence: 'online' as const, lastSeen: null };
      const group = { title: 'Launch', visibility: 'public' as const, members: [{ user: maya, role: 'owner' as const }], onlineCount: 1, myRole: 'member' as const, canAddMembers: true, canRemoveMembers: false, canRename: false, saving: false };
      const created = { ...last, senderId: 'maya', body: 'Maya created the group “Launch”', system: { type: 'created' as const, title: 'Launch', memberIds: ['maya', 'me'] } };
      const { link } = show({ kind: 'group', group, peer: { ...conversation.peer, id: 'conv' }, lastMessage: created }, { meId: 'me' });
      expect(link).toHaveTextContent('Maya Chen hat die Gruppe „Launch“ erstellt');
      expect(link).not.toHaveTextContent('created the group');
    });
  });
});
