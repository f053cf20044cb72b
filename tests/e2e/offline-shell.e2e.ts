import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { conversations, createAccount, message, openConversation, person, send, tabsForDescribe, tick } from './flows';
import { type ServedBuild, buildAndServe } from './serveBuild';

/**
 * The installable app shell: after one visit the service worker has the build
 * precached, so with no network and no server at all a reload still opens the
 * app, restores the session and shows what the device already had. Its own
 * build and server (not globalSetup's), because the test stops the server.
 */

let browser: Browser;
let served: ServedBuild | undefined;

async function stopServer(): Promise<void> {
  const server = served;
  served = undefined;
  await server?.close();
}

beforeAll(async () => {
  served = await buildAndServe('sim');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stopServer();
});

describe('offline app shell (sim build)', () => {
  const tabs = tabsForDescribe(() => browser, () => served!.url);
  const ann = person('ann');
  const bea = person('bea');
  let a: Page;

  it('signs in and writes a message, with the service worker in control', async () => {
    // Two tabs of one browser share the simulated backend: Bea exists, so Ann can write to her.
    const b = await tabs.open('bea');
    await createAccount(b, bea);
    await b.close();
    a = await tabs.open('ann');
    await createAccount(a, ann);
    await openConversation(a, bea);
    await send(a, 'Before the tunnel');
    await tick(a, 'Before the tunnel', /^(Sent|Delivered|Read)$/).waitFor();

    // `ready` resolves once the worker is active, i.e. the precache is complete; clientsClaim then hands it this page.
    await a.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return;
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    expect(await a.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
  });

  it('opens with no network and no server, with the session and the conversation', async () => {
    await tabs.context().setOffline(true);
    await stopServer();

    const response = await a.reload();
    // The document came from the worker's precache: nothing else could have answered.
    expect(response?.fromServiceWorker()).toBe(true);
    expect(response?.ok()).toBe(true);

    await a.getByRole('status').getByText('Offline: messages wait until you reconnect').waitFor();
    await conversations(a).getByRole('link', { name: new RegExp(bea.displayName) }).waitFor();
    await message(a, 'Before the tunnel').waitFor();
    expect(await a.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
  });

  it('queues a message written while offline', async () => {
    await send(a, 'Written in the tunnel');
    await tick(a, 'Written in the tunnel', 'Sending').waitFor();
  });
});
