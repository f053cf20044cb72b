// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { UserWithPresence } from '../../client';
import { ChatHeader } from './ChatHeader';

const now = new Date(2026, 10, 25, 12, 0);
const ann: UserWithPresence = { id: 'ann', username: 'ann', displayName: 'Ann Lee', avatarColor: '#047857', presence: 'online', lastSeen: null };

describe('ChatHeader', () => {
  it.each<[string, Partial<UserWithPresence>, boolean, string]>([
    ['online', { presence: 'online' }, false, 'Online'],
    ['offline for five minutes', { presence: 'offline', lastSeen: new Date(now.getTime() - 5 * 60_000).toISOString() }, false, 'Last seen 5 minutes ago'],
    ['typing', { presence: 'online' }, true, 'typing…'],
  ])('says the teammate is %s', (_, change, typing, text) => {
    render(<ChatHeader peer={{ ...ann, ...change }} typing={typing} now={now} />);
    expect(screen.getByRole('heading', { name: 'Ann Lee' })).toBeInTheDocument();
    expect(screen.getByText(text, { selector: 'p' })).toBeInTheDocument();
  });

  it('does not claim they are online while I am not connected', () => {
    render(<ChatHeader peer={ann} typing={false} now={now} connected={false} />);
    expect(screen.getByText('Waiting for network…')).toBeInTheDocument();
    expect(screen.queryByText('Online', { selector: 'p' })).not.toBeInTheDocument();
  });

  it('has a Back button only when there is somewhere to go back to, and focuses its heading on request', async () => {
    const onBack = vi.fn();
    const { rerender } = render(<ChatHeader peer={ann} typing={false} now={now} />);
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
    rerender(<ChatHeader key="phone" peer={ann} typing={false} now={now} onBack={onBack} focusOnMount />);
    expect(screen.getByRole('heading', { name: 'Ann Lee' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onBack).toHaveBeenCalledOnce();
  });
});

describe('ChatHeader for a group', () => {
  const design: UserWithPresence = { id: 'g1', username: '', displayName: 'Design', avatarColor: '#6d28d9', presence: 'offline', lastSeen: null };
  it('names the group and says how many are in it and online, or who is typing', () => {
    const group = { visibility: 'private', memberCount: 12, onlineCount: 3 } as const;
    const { rerender } = render(<ChatHeader peer={design} group={group} typing={false} now={now} />);
    expect(screen.getByRole('heading', { name: 'Design' })).toBeInTheDocument();
    expect(screen.getByText('12 members, 3 online')).toBeInTheDocument();
    expect(screen.queryByText('Offline')).not.toBeInTheDocument();
    rerender(<ChatHeader peer={design} group={group} typing typingText="Maya and Leo are typing…" now={now} />);
    expect(screen.getByText('Maya and Leo are typing…')).toBeInTheDocument();
  });
});
