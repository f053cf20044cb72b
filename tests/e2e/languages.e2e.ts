import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, expectAccessible, launchChromium, PHONE } from './browser';
import { translator } from './catalogue';
import { clippedTexts } from './clippedText';

// The app in German, Arabic (the whole layout mirrored) and the pseudo-locale (every string accented
// and 40% longer): chosen by ?lang=, found by the names a person there hears.

let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function openScenario(viewport: { width: number; height: number }, query: string, browserLocale = 'en-US'): Promise<Page> {
  const phone = viewport.width < 768;
  const context = await browser.newContext({ viewport, locale: browserLocale, timezoneId: 'UTC', deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${inject('baseURL')}?${query}`);
  const scenario = new URLSearchParams(query).get('scenario');
  await page.waitForFunction((name) => document.documentElement.dataset.scenarioReady === name, scenario, { timeout: 60_000 });
  return page;
}

const box = async (page: Page, selector: string) => {
  const rect = await page.locator(selector).first().boundingBox();
  if (!rect) throw new Error(`${selector} is not on screen`);
  return rect;
};

describe('languages', () => {
  it('?lang=ar mirrors the layout: the list on the right, the send button on the composer’s left', async () => {
    const ar = translator('ar');
    const page = await openScenario(DESKTOP, 'scenario=busy-team&lang=ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const list = await box(page, '.messenger__pane--list');
    const chat = await box(page, '.messenger__pane--chat');
    expect(list.x).toBeGreaterThan(chat.x);
    await page.getByRole('navigation', { name: ar('Conversations') }).getByRole('link').first().click();
    await page.getByRole('log', { name: ar('Messages') }).getByRole('article').first().waitFor();
    const input = page.getByRole('textbox', { name: ar('Message') });
    await input.fill('مرحبا');
    const send = await page.getByRole('button', { name: ar('Send') }).boundingBox();
    const field = await input.boundingBox();
    expect(send!.x + send!.width).toBeLessThanOrEqual(field!.x + 1);
    await page.screenshot({ path: 'test-results/screenshots/languages-ar-desktop.png' });
    await expectAccessible(page, 'busy-team in Arabic');
  });

  it('on a phone in Arabic, opening a conversation slides the list away to the right and Back sits on the right', async () => {
    const ar = translator('ar');
    const page = await openScenario(PHONE, 'scenario=busy-team&lang=ar');
    await page.getByRole('navigation', { name: ar('Conversations') }).getByRole('link').first().click();
    const back = page.getByRole('button', { name: ar('Back') });
    await back.waitFor();
    await page.getByRole('log', { name: ar('Messages') }).getByRole('article').first().waitFor();
    // The list moves a little the reading way (right, as it moves left in English) under the chat, which covers the screen.
    const list = page.locator('.messenger__pane--list');
    await expect.poll(async () => (await list.boundingBox())?.x ?? 0).toBeGreaterThan(0);
    await expect.poll(async () => (await page.locator('.messenger__pane--chat').boundingBox())?.x).toBe(0);
    // The back button sits at the start of the header, which is the right in Arabic.
    const backBox = await back.boundingBox();
    expect(backBox!.x).toBeGreaterThan(PHONE.width / 2);
    await page.screenshot({ path: 'test-results/screenshots/languages-ar-phone.png' });
  });

  it('the browser’s language is the default: German in a German browser, with German dates', async () => {
    const de = translator('de');
    const page = await openScenario(DESKTOP, 'scenario=busy-team', 'de-DE');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['de', 'ltr']);
    await page.getByRole('navigation', { name: de('Conversations') }).waitFor();
    await page.getByRole('navigation', { name: de('Conversations') }).getByRole('link').first().click();
    await page.getByRole('textbox', { name: de('Message') }).waitFor();
    await page.getByRole('log', { name: de('Messages') }).getByRole('article').first().waitFor();
    // No English fragment next to a localized date: the day separators read "Heute"/"Gestern" or a German date.
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\b(Today|Yesterday|Last seen)\b/);
    await page.screenshot({ path: 'test-results/screenshots/languages-de-desktop.png' });
  });

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`?lang=pseudo (${label}): every string is from the catalogue and no control cuts its text`, async () => {
      const page = await openScenario(viewport, 'scenario=busy-team&lang=pseudo');
      const pseudo = translator('pseudo');
      await page.getByRole('navigation', { name: pseudo('Conversations') }).getByRole('link').first().click();
      await page.getByRole('textbox', { name: pseudo('Message') }).waitFor();
      await page.getByRole('log', { name: pseudo('Messages') }).getByRole('article').first().waitFor();
      const problems = await clippedTexts(page);
      expect(problems).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/languages-pseudo-${label}.png`, fullPage: false });
    });
  }

  it('no page error in any language', () => {
    expect(errors).toEqual([]);
  });
});
