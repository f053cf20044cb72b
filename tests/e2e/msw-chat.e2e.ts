import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './browser';
import { conversations, createAccount, message, person, send, tabsForDescribe, tick } from './flows';
import { type ServedBuild, buildAndServe } from './serveBuild';

/**
 * msw mode in a real browser: the http adapter's fetch and EventSource are
 * answered by Mock Service Worker from mocks/, two tabs of one browser chat
 * live (each tab's mock server over the shared IndexedDB, events across tabs),
 * and everything is still there after a reload. The sim-mode suites cover the
 * UI itself; this covers the mode's plumbing.
 */

let browser: Browser;
let served: ServedBuild;

beforeAll(async () => {
  served = await buildAndServe('msw');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('msw mode: two people chatting through Mock Service Worker', () => {
  const tabs = tabsForDescribe(() => browser, () => served.url);
  const api: string[] = [];
  const ann = person('ann');
  const bea = person('bea');
  let a: Page;
  let b: Page;

  // API answers that came from the worker: proof the mock, not a network, served them.
  const open = (label: string) =>
    tabs.open(label, (page) =>
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (path.startsWith('/api/') && response.fromServiceWorker()) api.push(path);
      }),
    );

  it('signs up two people in two tabs, answered by the worker', async () => {
    a = await open('ann');
    await createAccount(a, ann);
    b = await open('bea');
    await createAccount(b, bea);
    expect(api).toContain('/api/auth/register');
  });

  it('delivers a message live over the event stream and reports it read', async () => {
    await a.getByRole('searchbox', { name: 'Search people' }).fill(bea.username);
    await conversations(a).getByRole('button', { name: new RegExp(bea.displayName) }).click();
    await a.getByRole('heading', { name: bea.displayName }).waitFor();
    await send(a, 'Hello from the mock server');
    const entry = conversations(b).getByRole('link', { name: new RegExp(ann.displayName) });
    await entry.getByText('1 unread').waitFor();
    await entry.click();
    await message(b, 'Hello from the mock server').waitFor();
    await tick(a, 'Hello from the mock server', 'Read').waitFor();
    await send(b, 'Got it, over SSE');
    await message(a, 'Got it, over SSE').waitFor();
    expect(api).toContain('/api/events');
    await screenshot(a, 'msw-chat');
  });

  it('keeps accounts and messages across a reload (IndexedDB behind the worker)', async () => {
    await a.reload();
    for (const text of ['Hello from the mock server', 'Got it, over SSE']) await message(a, text).waitFor();
  });

  it('is unreachable while the browser is offline: a message written then waits as Sending and is delivered once the network returns', async () => {
    // The worker answers inside the browser, which the offline switch does not touch: the mock itself must refuse.
    const reach = (page: Page) => page.evaluate(() => fetch('/api/auth/session').then(() => 'answered', () => 'network error'));
    const offlineBanner = (page: Page) => page.getByRole('status').getByText('Offline: messages wait until you reconnect');
    const text = 'Written in msw mode with the network off';
    const off = performance.now();
    await tabs.context().setOffline(true);
    await offlineBanner(a).waitFor();
    console.log(`msw mode, network off -> offline banner: ${Math.round(performance.now() - off)} ms`);
    await offlineBanner(b).waitFor();
    expect(await reach(a)).toBe('network error');

    await send(a, text);
    await tick(a, text, 'Sending').waitFor();
    const back = performance.now();
    await tabs.context().setOffline(false);
    await tick(a, text, /^(Delivered|Read)$/).waitFor();
    console.log(`msw mode, network back -> delivered: ${Math.round(performance.now() - back)} ms`);
    expect(await reach(a)).toBe('answered');
    await message(b, text, true).waitFor();
    expect(await message(a, text, true).count()).toBe(1);
    expect(await message(b, text, true).count()).toBe(1);
  });
});
