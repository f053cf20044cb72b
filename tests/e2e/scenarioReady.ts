import type { Page } from 'playwright-core';
import type { BuiltInScenario } from '../../scripts/builtInScenarios';
import { conversations, log, message, tick } from './flows';

// What each designer scenario shows once loaded, so a screenshot (tests/e2e/scenarios.e2e.ts) or a
// measurement (tests/bench/browser) waits for the state, not for a time.

export type Size = 'phone' | 'desktop';

export const connectionOnline = (page: Page) => page.waitForFunction(() => [...document.querySelectorAll('[role="status"].connection-banner')].every((el) => el.classList.contains('connection-banner--hidden')));

/** What each scenario shows once it has loaded, so the screenshot waits for the state, not for a time. */
export const READY: Record<BuiltInScenario, (page: Page, size: Size) => Promise<void>> = {
  empty: async (page) => {
    await conversations(page).getByText('No conversations yet').waitFor();
    await connectionOnline(page);
  },
  'busy-team': async (page) => {
    await page.waitForFunction(() => document.querySelectorAll('nav[aria-label="Conversations"] li').length >= 30);
    await connectionOnline(page);
  },
  'long-history': async (page) => {
    // The conversation opens at its newest page (the year is not downloaded, pages load on demand).
    await message(page, 'Message 9,999: one to go.').waitFor({ timeout: 60_000 });
    await connectionOnline(page);
  },
  offline: async (page) => {
    await tick(page, 'Sending this from the train, it will go out when I am back online 🚆', 'Sending').waitFor();
    await page.getByText('Offline: messages wait until you reconnect').first().waitFor();
    // The cache holds only the newest messages: not "the beginning", and nothing fetched while offline.
    await log(page).getByText('Earlier messages will load when you are back online.').waitFor();
  },
  flaky: async (page) => {
    await message(page, 'I am leaning to "5 min ago" under an hour, the time after that.').waitFor({ timeout: 60_000 });
    await connectionOnline(page);
  },
  'failed-send': async (page) => {
    await log(page).getByRole('button', { name: 'Retry' }).waitFor();
    await connectionOnline(page);
  },
  typing: async (page) => {
    await page.getByRole('region', { name: 'Conversation with Maya Chen' }).getByText('typing…').waitFor();
  },
  'all-read': async (page) => {
    await tick(page, 'Fixed both, thanks!', 'Read').waitFor();
    await connectionOnline(page);
  },
  'long-content': async (page) => {
    await log(page).getByRole('article', { name: /^Here is the full write-up/ }).waitFor();
    await connectionOnline(page);
  },
  'sign-in': async (page) => {
    await page.getByText('Enter your password.').waitFor();
  },
  'group-chat': async (page) => {
    await page.getByRole('region', { name: 'Group general' }).getByText('Leo Martins and Maya Chen are typing…').waitFor();
    await message(page, 'Found it, thanks!').waitFor();
  },
  'big-group': async (page) => {
    // The scenario opens with Message info on my announcement (its URL asks for it): who of the 199 has read it.
    await tick(page, 'Reminder: all hands starts in 20 minutes in the big room 🎤', 'Sent').waitFor();
    await page.getByRole('dialog', { name: 'Message info' }).getByRole('region', { name: 'Read by, 120' }).waitFor();
    await connectionOnline(page);
  },
  'replies-and-reactions': async (page) => {
    // Maya's last line with my ❤️ on it, and my reply quoting her question above it.
    await message(page, 'Thank you! The new cover is lovely 💜').waitFor();
    await log(page).getByRole('button', { name: /^❤️ 1/ }).waitFor();
    await log(page).getByRole('button', { name: /Perfect\. Can you send me the latest deck\?/ }).waitFor();
    await connectionOnline(page);
  },
  'edited-and-deleted': async (page) => {
    await log(page).getByText('Original message was deleted').waitFor();
    await message(page, 'Thanks! Reading it now.').waitFor();
    await connectionOnline(page);
  },
  channels: async (page) => {
    await page.getByRole('button', { name: 'Browse channels' }).click();
    await page.getByRole('dialog', { name: 'Browse channels' }).getByRole('list', { name: 'Channels' }).getByRole('listitem').nth(2).waitFor();
    await connectionOnline(page);
  },
};
