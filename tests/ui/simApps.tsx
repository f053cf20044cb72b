import { cleanup, render, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach } from 'vitest';
import type { SimTransport } from '../../adapters/sim';
import { TEST_PASSWORD, testTabs } from '../support/simTabs';
import { App } from '../../src/app/App';
import { createChatClient, MemoryStorage, type ChatClient } from '../../src/client';

export const wait = { timeout: 5000 };

/** The queries of one app on screen, by role and name. */
export type AppScreen = ReturnType<typeof within>;

export interface SimApp {
  client: ChatClient;
  transport: SimTransport;
  screen: AppScreen;
}

/**
 * Per test: a fresh simulated backend (the real sim adapter on
 * fake-indexeddb) and apps on it, each a browser tab of its own (transport,
 * session storage, a container in this one document). Every client stops and
 * the backend closes after the test.
 */
export function simAppsPerTest() {
  let tabs = testTabs();
  const clients: ChatClient[] = [];
  afterEach(async () => {
    cleanup();
    for (const client of clients.splice(0)) await client.stop();
    await tabs.close();
    tabs = testTabs();
    window.location.hash = '';
  });
  return {
    /** A tab with no app: a transport to the same backend. */
    transport: (): Promise<SimTransport> => tabs.open(),
    /** A tab with the app on screen, started. */
    async open(): Promise<SimApp> {
      const transport = await tabs.open();
      const client = createChatClient({ transport, storage: new MemoryStorage() });
      clients.push(client);
      const container = document.body.appendChild(document.createElement('div'));
      render(<App client={client} />, { container });
      await client.start();
      return { client, transport, screen: within(container) };
    },
  };
}

/** Signs in through the app's form, as someone registered with the test password (signUp). */
export async function signInIn(screen: AppScreen, username: string): Promise<void> {
  await userEvent.type(await screen.findByRole('textbox', { name: 'Username' }, wait), username);
  await userEvent.type(screen.getByLabelText('Password'), TEST_PASSWORD);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('navigation', { name: 'Conversations' }, wait);
}
