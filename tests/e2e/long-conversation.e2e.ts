import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext, screenshot } from './browser';
import { conversations, createAccount, log, message, open, person } from './flows';

/**
 * A conversation longer than one page: it opens at the first unread message,
 * loads older pages when scrolled up without moving what is on screen, keeps
 * the DOM small, and offers "New messages" when theirs arrive while I read.
 */
const COUNT = 70; // more than one page (50) of history

let browser: Browser;
let context: BrowserContext;
let a: Page;
let b: Page;
const errors: string[] = [];
const ann = person('ann');
const bea = person('bea');

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, DESKTOP);
  a = await open(context, errors, 'ann');
  await createAccount(a, ann);
  b = await open(context, errors, 'bea');
  await createAccount(b, bea);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  expect(errors).toEqual([]);
});

const top = async (page: Page, text: string) => (await message(page, text, true).boundingBox())?.y ?? Number.NaN;

/** Scrolls the message log with the mouse wheel, as a person would. */
async function wheel(page: Page, deltaY: number): Promise<void> {
  const box = await log(page).boundingBox();
  if (!box) throw new Error('no message log on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, deltaY);
}

describe('a long conversation', () => {
  it('opens at the first unread message with only a window of rows in the DOM', async () => {
    await b.getByRole('searchbox', { name: 'Search people' }).fill(ann.username);
    await conversations(b).getByRole('button', { name: new RegExp(ann.displayName) }).click();
    const box = b.getByRole('textbox', { name: 'Message' });
    for (let n = 1; n <= COUNT; n++) {
      await box.fill(`Line ${n}`);
      await box.press('Enter');
    }
    // The outbox sends one after another over the simulated network: give it time for all of them.
    await message(b, `Line ${COUNT}`, true).getByRole('img', { name: /^(Sent|Delivered)$/ }).waitFor({ timeout: 60_000 });

    const entry = conversations(a).getByRole('link', { name: new RegExp(bea.displayName) });
    await entry.getByText(`${COUNT} unread`).waitFor();
    await entry.click();
    // The newest page holds lines 21..70; the first unread one in it opens at the top.
    await message(a, 'Line 21', true).waitFor();
    expect(await message(a, `Line ${COUNT}`, true).count()).toBe(0);
    expect(await log(a).getByRole('article').count()).toBeLessThan(100);
    await screenshot(a, 'desktop-7-long-conversation');
  });

  it('loads the older page when scrolled to the top without moving the messages on screen', async () => {
    const before = await top(a, 'Line 21');
    await wheel(a, -200);
    await message(a, 'Line 20', true).waitFor({ state: 'attached' });
    // Lines 1..20 came in above (with the "Today" separator moving up to them): line 21 moved by the wheel only.
    const after = await top(a, 'Line 21');
    expect(Math.abs(after - (before + 200))).toBeLessThan(40);
    await wheel(a, -5000);
    await a.getByText('This is the beginning of your conversation', { exact: false }).waitFor();
    await message(a, 'Line 1', true).waitFor();
  });

  it('offers "New messages" when one arrives while I read older ones, and jumps to it', async () => {
    await b.getByRole('textbox', { name: 'Message' }).fill('Fresh news');
    await b.getByRole('textbox', { name: 'Message' }).press('Enter');
    const button = a.getByRole('button', { name: 'New messages' });
    await button.waitFor();
    await screenshot(a, 'desktop-8-new-messages');
    await button.click();
    await message(a, 'Fresh news').waitFor();
    await button.waitFor({ state: 'detached' });
  });
});
