import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext, screenshot } from './browser';
import { conversations, createAccount, log, message, open, person } from './flows';

/**
 * A conversation with more unread messages than one page: it opens at the
 * first unread one (a few read ones above it), loads older pages when
 * scrolled up without moving what is on screen, keeps the DOM small, and
 * offers "New messages" when theirs arrive while I read.
 */
const MINE = 30; // Ann's own messages first: read, older than the unread ones
const COUNT = 60; // then Bea's, all unread for Ann: more than one page (50)

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

/** Writes `Prefix 1..count` and waits until the last one is on the server. */
async function writeLines(page: Page, prefix: string, count: number): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  for (let n = 1; n <= count; n++) {
    await box.fill(`${prefix} ${n}`);
    await box.press('Enter');
  }
  // The outbox sends one after another over the simulated network: give it time for all of them.
  await message(page, `${prefix} ${count}`, true).getByRole('img', { name: /^(Sent|Delivered)$/ }).waitFor({ timeout: 60_000 });
}

describe('a long conversation', () => {
  it('opens at the first unread message with only a window of rows in the DOM', async () => {
    await a.getByRole('searchbox', { name: 'Search people' }).fill(bea.username);
    await conversations(a).getByRole('button', { name: new RegExp(bea.displayName) }).click();
    await writeLines(a, 'Note', MINE);
    // Ann leaves the conversation (back to the start page) before Bea writes.
    await a.evaluate(() => {
      window.location.hash = '#/';
    });
    await a.getByText('Pick a conversation').waitFor();

    await conversations(b).getByRole('link', { name: new RegExp(ann.displayName) }).click();
    await writeLines(b, 'Line', COUNT);

    const entry = conversations(a).getByRole('link', { name: new RegExp(bea.displayName) });
    await entry.getByText(`${COUNT} unread`).waitFor();
    await entry.click();
    // More unread than a page: the first unread one opens at the top under its divider, the newest far below.
    await message(a, 'Line 1', true).waitFor();
    await log(a).getByText('Unread messages').waitFor();
    expect(await top(a, 'Line 1')).toBeGreaterThan((await log(a).getByText('Unread messages').boundingBox())?.y ?? Number.POSITIVE_INFINITY);
    expect(await message(a, `Line ${COUNT}`, true).count()).toBe(0);
    // Ann's last notes are there above it, the older ones not yet.
    await message(a, `Note ${MINE}`, true).waitFor({ state: 'attached' });
    expect(await message(a, 'Note 1', true).count()).toBe(0);
    expect(await log(a).getByRole('article').count()).toBeLessThan(100);
    await screenshot(a, 'desktop-7-long-conversation');
  });

  it('loads the older page when scrolled to the top without moving the messages on screen', async () => {
    const before = await top(a, 'Line 1');
    // Twenty notes (about 800px) sit above the first unread one: closer than 400px to the top, the page before them loads.
    await wheel(a, -500);
    await message(a, 'Note 10', true).waitFor({ state: 'attached' });
    // Notes 1..10 came in above: line 1 moved by the wheel only.
    const after = await top(a, 'Line 1');
    expect(Math.abs(after - (before + 500))).toBeLessThan(40);
    await wheel(a, -5000);
    await a.getByText('This is the beginning of your conversation', { exact: false }).waitFor();
    await message(a, 'Note 1', true).waitFor();
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
