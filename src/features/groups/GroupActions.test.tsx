// @vitest-environment jsdom
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChatProvider } from '../../client';
import { type Tab, twoPeoplePerTest } from '../../../tests/support/backendHarness';
import { GroupActions } from './GroupActions';

// A deadline, not a delay: the engine runs against a real (in-process) backend.
configure({ asyncUtilTimeout: 5000 });

const people = twoPeoplePerTest();

function renderFor(tab: Tab) {
  const onOpen = vi.fn();
  render(
    <ChatProvider client={tab.client}>
      <GroupActions onOpen={onOpen} />
    </ChatProvider>,
  );
  return onOpen;
}

describe('New group', () => {
  it('makes a group from a title, a visibility and people picked with search, then opens it', async () => {
    const a = await people.tab(people.alice);
    const onOpen = renderFor(a);
    await userEvent.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(within(dialog).getByRole('textbox', { name: 'Group name' })).toHaveAccessibleDescription('A group needs a title.');

    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Group name' }), 'Launch');
    await userEvent.click(within(dialog).getByRole('radio', { name: /Public channel/ }));
    await userEvent.type(within(dialog).getByRole('searchbox', { name: 'Search people to add' }), 'bob');
    await userEvent.click(await within(dialog).findByRole('checkbox', { name: new RegExp(people.bob.user.displayName) }));
    expect(within(dialog).getByText('1 person chosen')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));

    await waitFor(() => expect(onOpen).toHaveBeenCalledOnce());
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const group = await a.engine.db.conversations.get(onOpen.mock.calls[0]![0] as string);
    expect(group?.group).toMatchObject({ title: 'Launch', visibility: 'public' });
    expect(group?.members.map((m) => m.userId).sort()).toEqual([people.alice.user.id, people.bob.user.id].sort());
  });
});

describe('Browse channels', () => {
  it('lists the public channels I am not in, searches them and joins one', async () => {
    const a = await people.tab(people.alice);
    const b = await people.tab(people.bob);
    const launch = await a.client.actions.createGroup({ title: 'Launch', visibility: 'public', memberIds: [] });
    await a.client.actions.createGroup({ title: 'Random', visibility: 'public', memberIds: [] });
    await a.client.actions.createGroup({ title: 'Secret', visibility: 'private', memberIds: [] });
    const onOpen = renderFor(b);

    await userEvent.click(screen.getByRole('button', { name: 'Browse channels' }));
    const dialog = await screen.findByRole('dialog', { name: 'Browse channels' });
    const list = await within(dialog).findByRole('list', { name: 'Channels' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([expect.stringContaining('Random'), expect.stringContaining('Launch')]);

    await userEvent.type(within(dialog).getByRole('searchbox', { name: 'Search channels' }), 'lau');
    await waitFor(() => expect(within(dialog).queryByText('Random')).not.toBeInTheDocument());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Join Launch' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(launch));
    expect((await b.engine.db.conversations.get(launch))?.members.some((m) => m.userId === people.bob.user.id)).toBe(true);
  });
});
