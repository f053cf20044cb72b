import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, newContext } from './browser';

// What a person does in the app, by role and accessible name.

const PASSWORD = 'correct horse battery';

export interface Person {
  username: string;
  displayName: string;
}

export function person(prefix: string): Person {
  const username = `${prefix}_${Math.random().toString(36).slice(2, 7)}`;
  return { username, displayName: username };
}

export const conversations = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
export const log = (page: Page) => page.getByRole('log', { name: 'Messages' });
export const message = (page: Page, text: string, exact = false) => log(page).getByRole('article', { name: text, exact });
export const tick = (page: Page, text: string, status: string | RegExp) => message(page, text).getByRole('img', { name: status, exact: true });

/** A new tab at `url` (the sim build by default), its page errors collected in `errors`; `watch` sees it before it loads. */
export async function open(context: BrowserContext, errors: string[], label: string, url: string = inject('baseURL'), watch?: (page: Page) => void): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`${label}: ${error.message}`));
  watch?.(page);
  await page.goto(url);
  return page;
}

/**
 * One browser context for the enclosing describe block, opened before its tests and closed
 * after them, when any page error seen in its tabs fails the block. `url` is read when a tab opens.
 */
export function tabsForDescribe(browser: () => Browser, url: () => string) {
  let context: BrowserContext | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    context = await newContext(browser(), DESKTOP);
  });
  afterAll(async () => {
    await context?.close();
    expect(errors).toEqual([]);
  });
  return {
    context: (): BrowserContext => context!,
    open: (label: string, watch?: (page: Page) => void) => open(context!, errors, label, url(), watch),
  };
}

export async function createAccount(page: Page, who: Person): Promise<void> {
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByRole('textbox', { name: 'Username' }).fill(who.username);
  await page.getByRole('textbox', { name: 'Email' }).fill(`${who.username}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await conversations(page).waitFor();
}

export async function signIn(page: Page, who: Person): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(who.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await conversations(page).waitFor();
}

/** Finds `who` by name in the people search and opens the conversation with them. */
export async function openConversation(page: Page, who: Person): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search people' }).fill(who.username);
  await conversations(page).getByRole('button', { name: new RegExp(who.displayName) }).click();
  await page.getByRole('heading', { name: who.displayName }).waitFor();
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await message(page, text).waitFor();
}

