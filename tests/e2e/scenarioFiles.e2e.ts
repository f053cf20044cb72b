import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchChromium, newContext } from './browser';
import { log, message, tick } from './flows';

// Scenario files (public/scenarios/*.json): listed in the gallery from the build's scenarios/index.json,
// opened by name, a broken or missing one explained instead of a blank page, and the panel's export
// opening as the state it was exported from.

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await newContext(browser, DESKTOP)).newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('scenario files', () => {
  it('the example is in the gallery after the built-ins, under its title, and opens signed in with its group open', async () => {
    await page.goto(`${inject('baseURL')}?scenarios`);
    const link = page.getByRole('link', { name: 'Launch day' });
    await link.waitFor();
    const names = await page.locator('.scenario-gallery__item h2').allTextContents();
    expect(names.at(-1)).toBe('Launch day');
    await link.click();
    await page.waitForFunction(() => document.documentElement.dataset.scenarioReady === 'example-launch-day');
    await log(page).getByText('We go at 3. Sam, can you post the announcement?').waitFor();
    await log(page).getByText('Changelog draft is in the shared doc, please have a look before 3').waitFor();
  });

  it('a file with a mistake opens an alert naming the file, the field and what was expected', async () => {
    const broken = { title: 'Broken', description: 'x', people: [{ handle: 'sam', displayName: 'Sam', avatarColor: '#6d28d9', me: true }], conversations: [{ with: 'maya', messages: [] }] };
    const url = `data:application/json,${encodeURIComponent(JSON.stringify(broken))}`;
    await page.goto(`${inject('baseURL')}?scenario=${encodeURIComponent(url)}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain('conversations[0].with: expected a handle from "people", like "maya"; "maya" is not one of them');
    expect(await alert.textContent()).toContain('data:application/json');
  });

  it('a missing file says so', async () => {
    await page.goto(`${inject('baseURL')}?scenario=no-such-scenario`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain('scenarios/no-such-scenario.json');
    expect(await alert.textContent()).toContain('There is no such file');
  });

  it('Export scenario downloads the state on screen, a message just sent included; the file opens as that state again', async () => {
    // No service worker: the page's fetch of the exported file goes through page.route, as a file in public/scenarios would be served.
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', serviceWorkers: 'block', acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    try {
      const tab = await context.newPage();
      await tab.goto(`${inject('baseURL')}?scenario=edited-and-deleted`);
      await tab.waitForFunction(() => document.documentElement.dataset.scenarioReady === 'edited-and-deleted');
      const box = tab.getByRole('textbox', { name: 'Message' });
      await box.fill('Written before the export');
      await box.press('Enter');
      await tick(tab, 'Written before the export', /Sent|Delivered|Read/).waitFor();
      await tab.getByRole('button', { name: 'Simulation' }).click();
      const panel = tab.getByRole('dialog', { name: 'Simulation' });
      const [download] = await Promise.all([tab.waitForEvent('download'), panel.getByRole('button', { name: 'Export scenario' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^scenario-2026-03-12-\d{4}\.json$/);
      await panel.getByRole('status').filter({ hasText: `Downloaded ${download.suggestedFilename()}` }).waitFor();
      const text = await readFile((await download.path())!, 'utf8');
      expect(JSON.parse(text)).toMatchObject({ title: 'Exported scenario', open: 'maya' });

      await tab.route('**/scenarios/exported-in-e2e.json', (route) => route.fulfill({ body: text, contentType: 'application/json' }));
      await tab.goto(`${inject('baseURL')}?scenario=exported-in-e2e`);
      await tab.waitForFunction(() => document.documentElement.dataset.scenarioReady === 'exported-in-e2e');
      await message(tab, 'Written before the export').waitFor();
      await log(tab).getByText('Original message was deleted').waitFor();
      await message(tab, 'Standup moves to 10:00 tomorrow (room 4B).').waitFor();
    } finally {
      await context.close();
    }
  });
});
