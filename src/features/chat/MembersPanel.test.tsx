// @vitest-environment jsdom
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ChatProvider, useConversation, useMe, type MessageView } from '../../client';
import { firstValueOf } from '../../../tests/support/observe';
import { eventually, type Tab, twoPeoplePerTest } from '../../../tests/support/backendHarness';
import { MembersPanel } from './MembersPanel';
import { MessageInfoDialog } from './MessageInfoDialog';
import { PLAIN_MESSAGE } from '../../../tests/support/messageView';

configure({ asyncUtilTimeout: 5000 });

const people = twoPeoplePerTest();

function Panel({ conversationId }: { conversationId: string }) {
  const conversation = useConversation(conversationId);
  const me = useMe();
  const [open, setOpen] = useState(true);
  if (!conversation?.group || !me || !open) return null;
  return <MembersPanel id="members" conversationId={conversationId} group={conversation.group} meId={me.id} onClose={() => setOpen(false)} />;
}

function renderPanel(tab: Tab, conversationId: string) {
  render(
    <ChatProvider client={tab.client}>
      <Panel conversationId={conversationId} />
    </ChatProvider>,
  );
}

/** Alice owns a private group with Bob and Carol; each has a tab. */
async function design() {
  const carol = await people.backend.register('carol');
  const [a, b, c] = await Promise.all([people.tab(people.alice), people.tab(people.bob), people.tab(carol)]);
  const id = await a.client.actions.createGroup({ title: 'Design', visibility: 'private', memberIds: [people.bob.user.id, carol.user.id] });
  for (const tab of [b, c]) await eventually(async () => expect((await tab.engine.db.conversations.get(id))?.group).toBeDefined());
  return { a, b, c, carol, id };
}

describe('MembersPanel', () => {
  it('lists the members with presence and roles; the owner removes someone after confirming', async () => {
    const { a, carol, id } = await design();
    renderPanel(a, id);
    const panel = await screen.findByRole('complementary', { name: /Members/ });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Members (3)' })).toHaveFocus());
    const list = within(panel).getByRole('list', { name: 'People in this group' });
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(/\(you\)Owner/);

    await userEvent.click(within(panel).getByRole('button', { name: `Remove ${carol.user.displayName}` }));
    const question = screen.getByRole('alertdialog', { name: `Remove ${carol.user.displayName}?` });
    await userEvent.click(within(question).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Members (2)' })).toBeInTheDocument());
    expect(within(panel).queryByText(carol.user.displayName)).not.toBeInTheDocument();
  });

  it('offers a member of a private group Add people and Leave, not Remove or Rename; leaving asks first', async () => {
    const { b, id } = await design();
    renderPanel(b, id);
    const panel = await screen.findByRole('complementary', { name: /Members/ });
    expect(within(panel).queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Rename group' })).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Add people' })).toBeInTheDocument();

    await userEvent.click(within(panel).getByRole('button', { name: 'Leave group' }));
    const question = screen.getByRole('alertdialog', { name: 'Leave Design?' });
    await userEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect((await b.engine.db.conversations.get(id))?.members).toHaveLength(3);

    await userEvent.click(within(panel).getByRole('button', { name: 'Leave group' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Leave group' }));
    await waitFor(() => expect(within(panel).getByText('You are no longer in this group.')).toBeInTheDocument());
  });

  it('lets the owner rename the group', async () => {
    const { a, b, id } = await design();
    renderPanel(a, id);
    const panel = await screen.findByRole('complementary', { name: /Members/ });
    await userEvent.click(within(panel).getByRole('button', { name: 'Rename group' }));
    const field = within(panel).getByRole('textbox', { name: 'Group name' });
    await userEvent.clear(field);
    await userEvent.type(field, 'Launch{Enter}');
    await eventually(async () => expect((await firstValueOf(b.engine.views.conversation(id)))?.title).toBe('Launch'));
  });
});

describe('MessageInfoDialog', () => {
  it('lists who has read my message and who has only received it, by name', async () => {
    const { a, b, c, carol, id } = await design();
    await a.client.actions.send(id, 'Ship it?');
    await eventually(async () => expect((await a.engine.db.messages.where('[conversationId+sortKey]').equals([id, 2]).first())?.status).toBe('delivered'));
    b.client.actions.setActiveConversation(id);
    b.client.actions.reached(id, 2);
    await eventually(async () => expect((await a.engine.db.conversations.get(id))?.members.find((m) => m.userId === people.bob.user.id)?.readSeq).toBe(2));
    void c;
    const message = (await a.engine.db.messages.where('[conversationId+sortKey]').equals([id, 2]).first())!;
    const view: MessageView = { ...message, ...PLAIN_MESSAGE, mine: true, system: null };
    const names: Record<string, string> = { [people.bob.user.id]: people.bob.user.displayName, [carol.user.id]: carol.user.displayName };
    render(
      <ChatProvider client={a.client}>
        <MessageInfoDialog
          message={view}
          personOf={(id) => ({ id, username: '', displayName: names[id] ?? '?', avatarColor: '#6d28d9', presence: 'offline', lastSeen: null })}
          onClose={() => {}}
        />
      </ChatProvider>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Message info' });
    const read = await within(dialog).findByRole('region', { name: 'Read by, 1' });
    expect(read).toHaveTextContent(people.bob.user.displayName);
    expect(within(read).getByRole('listitem').querySelector('time')).not.toBeNull();
    expect(within(dialog).getByRole('region', { name: 'Delivered to, 1' })).toHaveTextContent(carol.user.displayName);
  });
});
