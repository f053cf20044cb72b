import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchChromium, newContext } from './browser';
import { log } from './flows';

// Designers' scenario files (public/scenarios/*.json): listed in the gallery from the build's
// scenarios/index.json, opened by name, and a broken or missing one explained instead of a blank page.

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
});
