// @vitest-environment jsdom
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatProvider } from '../../client';
import { type Tab, twoPeoplePerTest } from '../../../tests/support/backendHarness';
import { activateLocale } from '../../ui/i18n/i18n';
import { SignOutButton, unsentQuestion } from './SignOutButton';

// A deadline, not a delay: the engine runs against a real (in-process) backend.
configure({ asyncUtilTimeout: 5000 });

const people = twoPeoplePerTest();

function renderFor(tab: Tab) {
  render(
    <ChatProvider client={tab.client}>
      <SignOutButton />
    </ChatProvider>,
  );
  return screen.getByRole('button', { name: 'Sign out' });
}

const status = (tab: Tab) => tab.client.stores.session.getState().status;

/** Alice, offline, with `count` messages to Bob waiting in the outbox. */
async function aliceWithUnsent(count: number): Promise<Tab> {
  const a = await people.tab(people.alice);
  const conversationId = await a.client.actions.openDirect(people.bob.user.id);
  a.link.setOnline(false);
  for (let i = 1; i <= count; i++) await a.client.actions.send(conversationId, `unsent ${i}`);
  return a;
}

describe('SignOutButton', () => {
  it('signs out at once when nothing is waiting to be sent', async () => {
    const a = await people.tab(people.alice);
    await userEvent.click(renderFor(a));
    await waitFor(() => expect(status(a)).toBe('signed-out'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('asks first when messages have not been sent; Escape and Cancel keep them and the session', async () => {
    const a = await aliceWithUnsent(2);
    const signOut = renderFor(a);

    await userEvent.click(signOut);
    const dialog = await screen.findByRole('alertdialog', { name: '2 messages have not been sent yet' });
    expect(dialog).toHaveAccessibleDescription('Sign out and discard them? They are deleted from this device.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(signOut).toHaveFocus();

    await userEvent.click(signOut);
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(status(a)).toBe('signed-in');
    expect(await a.client.actions.countUnsent()).toEqual({ messages: 2, changes: 0 });
  });

  it('signs out and discards them when the person confirms', async () => {
    const a = await aliceWithUnsent(1);
    await userEvent.click(renderFor(a));
    const dialog = await screen.findByRole('alertdialog', { name: '1 message has not been sent yet' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(status(a)).toBe('signed-out'));
    expect(await a.client.actions.countUnsent()).toEqual({ messages: 0, changes: 0 });
  });
});

describe('the unsent-messages question', () => {
  it.each([
    [{ messages: 1, changes: 0 }, '1 message has not been sent yet', 'Sign out and discard it? It is deleted from this device.'],
    [{ messages: 2, changes: 0 }, '2 messages have not been sent yet', 'Sign out and discard them? They are deleted from this device.'],
    [{ messages: 12, changes: 0 }, '12 messages have not been sent yet', 'Sign out and discard them? They are deleted from this device.'],
    [{ messages: 0, changes: 1 }, '1 change to a message has not been sent yet', 'Sign out and discard it? It is deleted from this device.'],
    [{ messages: 0, changes: 3 }, '3 changes to messages have not been sent yet', 'Sign out and discard them? They are deleted from this device.'],
    [{ messages: 1, changes: 1 }, '1 message and 1 change to a message have not been sent yet', 'Sign out and discard them? They are deleted from this device.'],
    [null, 'Some messages may not have been sent yet', 'Sign out and discard them? They are deleted from this device.'],
  ])('for %j unsent: "%s"', (unsent, title, description) => {
    expect(unsentQuestion(unsent)).toEqual({ title, description });
  });

  describe('in other languages: whole plural messages, not English pieces', () => {
    afterEach(() => activateLocale('en'));

    it('German', async () => {
      await activateLocale('de');
      expect(unsentQuestion({ messages: 1, changes: 0 }).title).toBe('1 Nachricht wurde noch nicht gesendet');
      expect(unsentQuestion({ messages: 2, changes: 3 }).title).toBe('2 Nachrichten und 3 Änderungen an Nachrichten wurden noch nicht gesendet');
      expect(unsentQuestion({ messages: 1, changes: 0 }).description).toBe('Abmelden und sie verwerfen? Sie wird von diesem Gerät gelöscht.');
    });

    it("Arabic, with its dual and its plural for 3 to 10", async () => {
      await activateLocale('ar');
      expect(unsentQuestion({ messages: 2, changes: 0 }).title).toBe('رسالتان لم تُرسلا بعد');
      expect(unsentQuestion({ messages: 0, changes: 3 }).title).toBe('3 تعديلات على الرسائل لم تُرسل بعد');
    });
  });
});
