import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchChromium, newContext, PHONE, screenshot } from './browser';
import { conversations, createAccount, message, open, person, send, signIn, tick } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function expectFocused(page: Page, heading: string): Promise<void> {
  const target = page.getByRole('heading', { name: heading, exact: true });
  await target.waitFor();
  await page.waitForFunction((name) => document.activeElement?.tagName.match(/^H[1-6]$/) !== null && document.activeElement?.textContent === name, heading);
}

async function bothThemes(page: Page, screen: string, shot: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page, `${screen} (light)`);
  await screenshot(page, `${shot}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await expectAccessible(page, `${screen} (dark)`);
  await screenshot(page, `${shot}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

// Fresh browser contexts per size: each has its own empty IndexedDB, so its own simulated backend.
describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('two people chatting (%s)', (size, viewport) => {
  const phone = size === 'phone';
  let context: BrowserContext;
  const errors: string[] = [];
  const ann = person('ann');
  const bea = person('bea');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    context = await newContext(browser, viewport);
  });
  afterEach(async ({ task }) => {
    // What the screens showed when a step failed: the first thing to look at.
    if (task.result?.state !== 'fail') return;
    for (const [index, page] of context.pages().entries()) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${size}-${task.name.slice(0, 30)}-${index}.png` }).catch(() => undefined);
      const html = await page
        .evaluate(async () => {
          const raf = await Promise.race([new Promise((r) => requestAnimationFrame(() => r('raf ok'))), new Promise((r) => setTimeout(() => r('raf STUCK'), 1000))]);
          const skeleton = (el: Element, depth: number): string =>
            depth > 5 ? '' : `${'  '.repeat(depth)}${el.tagName.toLowerCase()}.${el.className}\n${[...el.children].map((c) => skeleton(c, depth + 1)).join('')}`;
          return `${document.visibilityState} focus=${document.hasFocus()} ${raf}\n${skeleton(document.body, 0)}`;
        })
        .catch(() => 'closed');
      await writeFile(`test-results/screenshots/FAILED-${size}-${task.name.slice(0, 20)}-${index}.html`, html);
    }
  });
  afterAll(async () => {
    await context?.close();
    expect(errors).toEqual([]);
  });

  it('signs up two people in two tabs', async () => {
    a = await open(context, errors, 'ann');
    await page0Checks(a, size);
    await createAccount(a, ann);
    b = await open(context, errors, 'bea');
    await createAccount(b, bea);
    await bothThemes(a, 'conversation list', `${size}-2-list`);
  });

  it('sends a message that goes Sent, then Delivered, then Read', async () => {
    // Bea closes her tab, so nothing of hers can receive the message yet: it stays "Sent".
    await b.close();
    await a.getByRole('searchbox', { name: 'Search people' }).fill(bea.username);
    await conversations(a).getByRole('button', { name: new RegExp(bea.displayName) }).click();
    await a.getByRole('heading', { name: bea.displayName }).waitFor();
    if (phone) await expectFocused(a, bea.displayName);
    await send(a, 'Hi Bea 👋 are you there?');
    await tick(a, 'Hi Bea 👋 are you there?', 'Sent').waitFor();

    // Bea comes back in a new tab and signs in: her device receives it.
    b = await open(context, errors, 'bea');
    await signIn(b, bea);
    await tick(a, 'Hi Bea 👋 are you there?', 'Delivered').waitFor();
    const entry = conversations(b).getByRole('link', { name: new RegExp(ann.displayName) });
    await entry.getByText('1 unread').waitFor();
    await screenshot(b, `${size}-3-unread`);

    // She opens the conversation: read.
    await entry.click();
    await message(b, 'Hi Bea 👋 are you there?').waitFor();
    await tick(a, 'Hi Bea 👋 are you there?', 'Read').waitFor();
  });

  it('shows the other side typing and their reply, with links and long words kept safe', async () => {
    const box = b.getByRole('textbox', { name: 'Message' });
    await box.pressSequentially('Yes');
    await a.getByRole('region', { name: `Conversation with ${bea.displayName}` }).getByText('typing…').waitFor();
    await box.fill('');
    await send(b, 'Yes! The spec is at https://example.com/spec and <b>this stays text</b>');
    await message(a, 'Yes! The spec is at').waitFor();
    const link = message(a, 'Yes! The spec is at').getByRole('link', { name: 'https://example.com/spec' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await message(a, 'this stays text').locator('b').count()).toBe(0);
    await send(a, 'مرحبا! Supercalifragilisticexpialidocious-and-a-very-long-word-without-spaces-that-must-wrap-nicely');
    await bothThemes(a, 'chat', `${size}-4-chat`);
  });

  it('queues a message while offline and sends it on reconnect', async () => {
    await context.setOffline(true);
    try {
      await a.waitForFunction(() => !navigator.onLine);
      await a.getByRole('status').getByText('Offline: messages wait until you reconnect').waitFor();
      await send(a, 'Written on the train');
      await tick(a, 'Written on the train', 'Sending').waitFor();
      await screenshot(a, `${size}-5-offline`);
    } finally {
      await context.setOffline(false);
    }
    await tick(a, 'Written on the train', /^(Sent|Delivered|Read)$/).waitFor();
    await message(b, 'Written on the train').waitFor();
  });

  it('keeps every message and the unsent draft across a reload', async () => {
    await a.getByRole('textbox', { name: 'Message' }).fill('A thought for later');
    await a.reload();
    for (const text of ['Hi Bea 👋 are you there?', 'Yes! The spec is at', 'مرحبا!', 'Written on the train']) await message(a, text).waitFor();
    await expect.poll(() => a.getByRole('textbox', { name: 'Message' }).inputValue(), { timeout: 10_000 }).toBe('A thought for later');
    if (phone) {
      await a.getByRole('button', { name: 'Back' }).click();
      await expectFocused(a, 'Chats');
      await conversations(a).getByRole('link', { name: new RegExp(bea.displayName) }).waitFor();
      await screenshot(a, `${size}-6-back-to-list`);
    }
  });

  it('signs out of every tab of the person at once, asking first about a message not sent yet', async () => {
    // Ann signs in in a second tab too: both tabs share her local database and outbox.
    const a2 = await open(context, errors, 'ann, second tab');
    await signIn(a2, ann);
    if (phone) await conversations(a).getByRole('link', { name: new RegExp(bea.displayName) }).click();
    await context.setOffline(true);
    try {
      await a.waitForFunction(() => !navigator.onLine);
      await send(a, 'Still on the train');
      await tick(a, 'Still on the train', 'Sending').waitFor();

      // Signing out in the second tab would discard what the first one wrote: it asks, and Escape keeps it.
      const signOut = a2.getByRole('button', { name: 'Sign out', exact: true });
      await signOut.click();
      const question = a2.getByRole('alertdialog', { name: '1 message has not been sent yet' });
      await question.waitFor();
      await expectAccessible(a2, 'sign-out question');
      await screenshot(a2, `${size}-7-sign-out-question`);
      await a2.keyboard.press('Escape');
      await question.waitFor({ state: 'detached' });
      await message(a, 'Still on the train').waitFor();

      await signOut.click();
      await question.getByRole('button', { name: 'Sign out', exact: true }).click();
    } finally {
      await context.setOffline(false);
    }
    // Both of Ann's tabs are at the sign-in form; Bea, in her own tab, is still in.
    await a2.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await a.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await expect.poll(() => a.getByRole('navigation', { name: 'Conversations' }).count()).toBe(0);
    await b.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await b.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
  });
});

async function page0Checks(page: Page, size: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await bothThemes(page, 'sign in', `${size}-1-sign-in`);
  // A wrong password is announced next to the form, the button busy meanwhile.
  await page.getByRole('textbox', { name: 'Username' }).fill('nobody_here');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').waitFor();
  await screenshot(page, `${size}-1-sign-in-error`);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByRole('textbox', { name: 'Email' }).waitFor();
  await bothThemes(page, 'create account', `${size}-1-create-account`);
  await page.getByRole('button', { name: 'Sign in instead' }).click();
}
