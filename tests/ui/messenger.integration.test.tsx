// @vitest-environment jsdom
/**
 * The screens over the real engine and the real sim adapter on fake-indexeddb:
 * what a person does, checked by role and name, with nothing of ours mocked.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimBackend } from '../../adapters/sim';
import { testTabs } from '../support/simTabs';
import { App } from '../../src/app/App';
import { createChatClient, MemoryStorage, type ChatClient } from '../../src/client';
import { type ChatTransport, deferredTransport } from '../../src/transport';
import { LOCAL_CALLER } from '../../src/backend/limits/caller';

const PASSWORD = 'correct horse battery';
const wait = { timeout: 5000 };

let tabs = testTabs();
const clients: ChatClient[] = [];
afterEach(async () => {
  cleanup();
  for (const client of clients.splice(0)) await client.stop();
  // Each test gets a fresh simulated backend. The old one is left open: closing it races the
  // transport's un-awaited disconnect (reported to the sim adapter's owner), and it dies with the worker.
  tabs = testTabs();
  window.location.hash = '';
});

async function newClient(): Promise<ChatClient> {
  const client = createChatClient({ transport: await tabs.open(), storage: new MemoryStorage() });
  clients.push(client);
  return client;
}

// jsdom has no scrollBy; Virtuoso uses it to keep the view still when rows are prepended.
Element.prototype.scrollBy ??= function scrollBy(this: Element, options?: ScrollToOptions | number) {
  this.scrollTop += typeof options === 'number' ? 0 : (options?.top ?? 0);
};

// jsdom lays nothing out: give Virtuoso a viewport so it renders rows.
const Viewport = ({ children }: { children: ReactNode }) => <VirtuosoMockContext.Provider value={{ viewportHeight: 800, itemHeight: 48 }}>{children}</VirtuosoMockContext.Provider>;

async function openApp(): Promise<ChatClient> {
  const client = await newClient();
  render(<App client={client} />, { wrapper: Viewport });
  await client.start();
  return client;
}

async function createAccountInUi(username: string): Promise<void> {
  await userEvent.click(await screen.findByRole('button', { name: 'Create an account' }, wait));
  await userEvent.type(screen.getByRole('textbox', { name: 'Username' }), username);
  await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), `${username}@example.com`);
  await userEvent.type(screen.getByLabelText('Password'), PASSWORD);
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
  await screen.findByRole('navigation', { name: 'Conversations' }, wait);
}

async function signInInUi(username: string): Promise<void> {
  await userEvent.type(await screen.findByRole('textbox', { name: 'Username' }, wait), username);
  await userEvent.type(screen.getByLabelText('Password'), PASSWORD);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('navigation', { name: 'Conversations' }, wait);
}

/** The simulated server's parts, to write a long history in one go (as a scenario does). */
async function simBackend(): Promise<SimBackend> {
  let backend: SimBackend | null = null;
  await tabs.open({
    prepare: async (parts) => {
      backend = parts;
    },
  });
  if (!backend) throw new Error('the sim did not prepare');
  return backend;
}

describe('the messenger over the sim backend', () => {
  it('shows the sign-in form before the sim is there, says when that screen is up, and signs in once the sim comes', async () => {
    let arrive: (transport: ChatTransport) => void = () => undefined;
    const coming = new Promise<ChatTransport>((resolve) => (arrive = resolve));
    const client = createChatClient({ transport: deferredTransport('sim', coming), storage: new MemoryStorage() });
    clients.push(client);
    const firstScreen = vi.fn();
    render(<App client={client} onFirstScreen={firstScreen} />, { wrapper: Viewport });
    await client.start();
    await screen.findByRole('button', { name: 'Create an account' }, wait);
    await waitFor(() => expect(firstScreen).toHaveBeenCalledOnce(), wait);
    arrive(await tabs.open());
    await createAccountInUi('early');
    expect(await screen.findByText(/No conversations yet/i, {}, wait)).toBeInTheDocument();
  });

  it('creates an account, shows the empty list, and signs out', async () => {
    await openApp();
    await createAccountInUi('ann');
    expect(await screen.findByText('No conversations yet', {}, wait)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' }, wait)).toBeInTheDocument();
  });

  it('shows a taken username next to the field', async () => {
    const bea = await newClient();
    await bea.start();
    await bea.actions.register({ username: 'ann', email: 'other@example.com', password: PASSWORD });
    await openApp();
    await userEvent.click(await screen.findByRole('button', { name: 'Create an account' }, wait));
    await userEvent.type(screen.getByRole('textbox', { name: 'Username' }), 'ann');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'ann@example.com');
    await userEvent.type(screen.getByLabelText('Password'), PASSWORD);
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert', {}, wait)).toHaveTextContent(/taken/);
    expect(screen.getByRole('textbox', { name: 'Username' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('starts a conversation from search, sends, sees it delivered and the reply, and keeps a draft', async () => {
    const bea = await newClient();
    await bea.start();
    await bea.actions.register({ username: 'bea', email: 'bea@example.com', password: PASSWORD });
    await openApp();
    await createAccountInUi('ann');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search people' }), 'be');
    const nav = screen.getByRole('navigation', { name: 'Conversations' });
    await userEvent.click(await within(nav).findByRole('button', { name: /bea/ }, wait));
    const chat = await screen.findByRole('region', { name: 'Conversation with bea' }, wait);
    expect(within(chat).getByText('No messages yet')).toBeInTheDocument();

    await userEvent.type(within(chat).getByRole('textbox', { name: 'Message' }), 'Hello <b>Bea</b>{Enter}');
    const log = await screen.findByRole('log', { name: 'Messages' }, wait);
    const mine = await within(log).findByRole('article', { name: 'Hello <b>Bea</b>' }, wait);
    // Bea's client is connected, so her device takes it.
    expect(await within(mine).findByRole('img', { name: 'Delivered' }, wait)).toBeInTheDocument();

    const conversationId = window.location.hash.replace('#/c/', '');
    await bea.actions.send(conversationId, 'Hi Ann!');
    expect(await within(log).findByRole('article', { name: 'Hi Ann!' }, wait)).toBeInTheDocument();

    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'half a thought');
    window.location.hash = '#/';
    const entry = await within(nav).findByRole('link', { name: /bea/ }, wait);
    await waitFor(() => expect(entry).toHaveTextContent('Draft: half a thought'), wait);
    await userEvent.click(entry);
    expect(await screen.findByRole('textbox', { name: 'Message' }, wait)).toHaveValue('half a thought');
  });

  it('while the first sync runs, shows the list with skeleton rows and says so, never "No conversations yet"', async () => {
    const { service } = await simBackend();
    const bea = await service.register({ username: 'bea', email: 'bea@example.com', password: PASSWORD }, LOCAL_CALLER);
    const ann = await service.register({ username: 'ann', email: 'ann@example.com', password: PASSWORD }, LOCAL_CALLER);
    const conversation = await service.openDirect(bea.user.id, { userId: ann.user.id });
    await service.send(bea.user.id, { conversationId: conversation.id, clientId: 'hello-xxxxxxxx', body: 'Hello Ann' });

    const client = await openApp();
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const bootstrap = client.transport.bootstrap.bind(client.transport);
    vi.spyOn(client.transport, 'bootstrap').mockImplementation(async () => {
      await held;
      return bootstrap();
    });
    await signInInUi('ann');
    const nav = screen.getByRole('navigation', { name: 'Conversations' });
    const status = await within(nav).findByRole('status', {}, wait);
    await waitFor(() => expect(status).toHaveTextContent('Syncing your conversations…'), wait);
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(nav.querySelector('.skeleton')).toHaveAttribute('aria-hidden', 'true');
    expect(within(nav).queryByText('No conversations yet')).toBeNull();

    answer();
    const entry = await within(nav).findByRole('link', { name: /bea/ }, wait);
    expect(entry).toHaveTextContent('Hello Ann');
    expect(entry).toHaveTextContent('1 unread');
    expect(within(nav).queryByRole('status')).toBeNull();
  });

  it('opens a conversation with 120 unread of 400 at the first unread message, not the newest, and loads older pages above it', async () => {
    const { service, store } = await simBackend();
    const bea = await service.register({ username: 'bea', email: 'bea@example.com', password: PASSWORD }, LOCAL_CALLER);
    const ann = await service.register({ username: 'ann', email: 'ann@example.com', password: PASSWORD }, LOCAL_CALLER);
    const conversation = await service.openDirect(bea.user.id, { userId: ann.user.id });
    const start = Date.parse('2026-03-01T09:00:00.000Z');
    await store.appendMessagesInBulk(
      Array.from({ length: 400 }, (_, i) => ({
        id: `m-${i + 1}`,
        conversationId: conversation.id,
        senderId: bea.user.id,
        clientId: `c-${i + 1}-xxxxxxxx`,
        body: `Message ${i + 1}`,
        createdAt: new Date(start + i * 60_000).toISOString(),
      })),
    );
    await service.markRead(ann.user.id, { conversationId: conversation.id, uptoSeq: 280 });

    await openApp();
    await signInInUi('ann');
    const nav = screen.getByRole('navigation', { name: 'Conversations' });
    const entry = await within(nav).findByRole('link', { name: /bea/ }, wait);
    await waitFor(() => expect(entry).toHaveTextContent('120 unread'), wait);
    await userEvent.click(entry);

    const log = await screen.findByRole('log', { name: 'Messages' }, wait);
    const firstUnread = await within(log).findByRole('article', { name: 'Message 281' }, wait);
    const divider = within(log).getByText('Unread messages');
    // The divider sits right above the first unread message; the newest is far below, not rendered.
    expect(divider.compareDocumentPosition(firstUnread) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(log).getByRole('article', { name: 'Message 280' }).compareDocumentPosition(divider) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(log).queryByRole('article', { name: 'Message 400' })).toBeNull();
    expect(within(log).getAllByRole('article').length).toBeLessThan(100);

    // Scrolled to the top of what it opened with (20 read messages above the first unread), older pages come in above.
    const olderThanOpened = (name: string) => Number(/^Message (\d+)$/.exec(name)?.[1]) < 281 - 20;
    expect(within(log).queryAllByRole('article', { name: olderThanOpened })).toHaveLength(0);
    // The older page comes through the sim's latency and fake-indexeddb: under a loaded machine it was seen still
    // "Loading earlier messages" after 5 s, so this waits for the page itself, bounded by the test's own timeout.
    await waitFor(() => {
      fireEvent.scroll(log, { target: { scrollTop: 0 } });
      expect(within(log).queryAllByRole('article', { name: olderThanOpened }).length, within(log).queryAllByRole('article').map((a) => a.getAttribute('aria-label') ?? a.textContent?.slice(0, 20)).join('|') + ' :: ' + log.textContent?.slice(0, 300)).toBeGreaterThan(0);
    }, { timeout: 15_000 });
  });
});
