import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchChromium, newContext, PHONE, screenshot } from './browser';
import { conversations, createAccount, log, message, open, openConversation, person, send, tick } from './flows';

// Two people in two tabs of one browser (one simulated backend) reply, react, edit and delete while
// one of them is offline; once back, both see the same. Then a phone: a long-press opens the actions.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The simulation panel's Offline switch: this tab's simulated network goes down (or comes back). */
async function setOffline(page: Page, offline: boolean): Promise<void> {
  await page.keyboard.press('Alt+Shift+S');
  const panel = page.getByRole('dialog', { name: 'Simulation' });
  const toggle = panel.getByRole('switch', { name: 'Offline' });
  if (offline) await toggle.check();
  else await toggle.uncheck();
  await panel.getByRole('button', { name: 'Close simulation panel' }).click();
  await panel.waitFor({ state: 'detached' });
}

/** Hovering a message shows its toolbar (a mouse; a keyboard focus does too). */
async function toolbar(page: Page, text: string) {
  await message(page, text).hover();
  const bar = message(page, text).getByRole('toolbar', { name: 'Message actions' });
  await bar.waitFor();
  return bar;
}

const chip = (page: Page, text: string, name: RegExp) => message(page, text).getByRole('group', { name: 'Reactions' }).getByRole('button', { name });

describe('reply, react, edit and delete between two tabs, one offline meanwhile', () => {
  let context: BrowserContext;
  const errors: string[] = [];
  const ann = person('ann');
  const bea = person('bea');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    context = await newContext(browser, DESKTOP);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [index, page] of context.pages().entries()) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-actions-${task.name.slice(0, 30)}-${index}.png` }).catch(() => undefined);
    }
  });
  afterAll(async () => {
    await context?.close();
    expect(errors).toEqual([]);
  });

  it('two people chat; each sees the other', async () => {
    a = await open(context, errors, 'ann');
    await createAccount(a, ann);
    b = await open(context, errors, 'bea');
    await createAccount(b, bea);
    await openConversation(a, bea);
    await send(a, 'Lunch at noon?');
    await send(a, 'wrong chat, ignore');
    await conversations(b).getByRole('link', { name: new RegExp(ann.displayName) }).click();
    await message(b, 'wrong chat, ignore').waitFor();
  });

  it('offline, Bea reacts, replies and fixes a typo with Up arrow: all shown at once, waiting', async () => {
    await setOffline(b, true);
    const bar = await toolbar(b, 'Lunch at noon?');
    await bar.getByRole('button', { name: 'React with 👍' }).click();
    await chip(b, 'Lunch at noon?', /^👍 1: You/).waitFor();
    await message(b, 'Lunch at noon?').hover();
    await (await toolbar(b, 'Lunch at noon?')).getByRole('button', { name: 'Reply' }).click();
    const box = b.getByRole('textbox', { name: 'Message' });
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await b.getByText(`Replying to ${ann.displayName}`).waitFor();
    await box.fill('Yes, the usual plaec');
    await box.press('Enter');
    await tick(b, 'Yes, the usual plaec', 'Sending').waitFor();
    // Up arrow in the empty box edits my last message; the send has not gone, so it goes out changed.
    await box.press('ArrowUp');
    await b.getByText('Editing message').waitFor();
    const editor = b.getByRole('textbox', { name: 'Edit message' });
    await editor.fill('Yes, the usual place');
    await editor.press('Enter');
    await tick(b, 'Yes, the usual place', 'Sending').waitFor();
    await expect(message(b, 'Yes, the usual place').getByRole('button', { name: /^In reply to .*: Lunch at noon\?$/ }).count()).resolves.toBe(1);
    await expectAccessible(b, 'a conversation with a reaction and a reply, offline');
  });

  it('meanwhile Ann, online, edits one message and deletes the other (asked first)', async () => {
    await (await toolbar(a, 'Lunch at noon?')).getByRole('button', { name: 'Edit' }).click();
    const editor = a.getByRole('textbox', { name: 'Edit message' });
    await expect(editor.inputValue()).resolves.toBe('Lunch at noon?');
    await editor.fill('Lunch at 12:30?');
    await editor.press('Enter');
    await message(a, 'Lunch at 12:30?').getByText('edited').waitFor();

    await (await toolbar(a, 'wrong chat, ignore')).getByRole('button', { name: 'More actions' }).click();
    const menu = a.getByRole('menu', { name: 'Message actions' });
    await expectAccessible(a, 'the message menu');
    await menu.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = a.getByRole('alertdialog', { name: 'Delete this message?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await log(a).getByText('This message was deleted').waitFor();
    await expect(log(a).getByText('wrong chat, ignore').count()).resolves.toBe(0);
  });

  it('Bea back online: her changes go out once, and both tabs show the same conversation', async () => {
    await setOffline(b, false);
    await tick(b, 'Yes, the usual place', /Delivered|Read/).waitFor();
    for (const page of [a, b]) {
      await message(page, 'Lunch at 12:30?').getByText('edited').waitFor();
      await chip(page, 'Lunch at 12:30?', /^👍 1/).waitFor();
      await log(page).getByText('This message was deleted').waitFor();
      // The quote shows the original as it now is.
      await message(page, 'Yes, the usual place').getByRole('button', { name: /: Lunch at 12:30\?$/ }).waitFor();
      await expect(log(page).getByText('Yes, the usual plaec').count()).resolves.toBe(0);
    }
    await expect(chip(a, 'Lunch at 12:30?', /^👍 1/).getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(chip(b, 'Lunch at 12:30?', /^👍 1/).getAttribute('aria-pressed')).resolves.toBe('true');
    // Sent once: one reply, one reaction.
    await expect(log(a).getByRole('article', { name: /Yes, the usual place/ }).count()).resolves.toBe(1);
    await screenshot(a, 'message-actions-desktop');
  });

  it('the quote jumps to its original, and a chip takes my reaction back', async () => {
    await message(b, 'Yes, the usual place').getByRole('button', { name: /^In reply to/ }).click();
    await expect(message(b, 'Lunch at 12:30?').evaluate((el) => el.contains(document.activeElement))).resolves.toBe(true);
    await chip(b, 'Lunch at 12:30?', /^👍 1: You/).click();
    for (const page of [a, b]) await expect.poll(() => message(page, 'Lunch at 12:30?').getByRole('group', { name: 'Reactions' }).getByRole('button', { name: /^👍/ }).count()).toBe(0);
  });
});

describe('on a phone', () => {
  let context: BrowserContext;
  const errors: string[] = [];

  afterAll(async () => {
    await context?.close();
    expect(errors).toEqual([]);
  });

  it('a long-press on a message opens its actions as a sheet; a reaction from it lands', async () => {
    context = await newContext(browser, PHONE);
    const cat = person('cat');
    const dan = person('dan');
    const c = await open(context, errors, 'cat');
    await createAccount(c, cat);
    const d = await open(context, errors, 'dan');
    await createAccount(d, dan);
    await openConversation(d, cat);
    await send(d, 'Are you coming tonight?');
    // Dan signed up after Cat's first sync: his name comes with the conversation (not "Unknown").
    await conversations(c).getByRole('link', { name: new RegExp(dan.displayName) }).click();
    const bubble = message(c, 'Are you coming tonight?');
    await bubble.waitFor();
    const box = await bubble.boundingBox();
    if (!box) throw new Error('the message has no box');
    const point = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
    // A finger rests on the message until its actions open, then lifts: a real long-press, not a timer.
    const cdp = await context.newCDPSession(c);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    const menu = c.getByRole('menu', { name: 'Message actions' });
    await menu.waitFor();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expectAccessible(c, 'the actions sheet on a phone');
    await screenshot(c, 'message-actions-phone-sheet');
    await menu.getByRole('menuitemcheckbox', { name: 'React with ❤️' }).click();
    await chip(c, 'Are you coming tonight?', /^❤️ 1: You/).waitFor();
    await chip(d, 'Are you coming tonight?', /^❤️ 1/).waitFor();
  });
});
