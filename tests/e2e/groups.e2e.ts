import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchChromium, newContext, PHONE, screenshot } from './browser';
import { conversations, createAccount, log, message, open, person, send, tick } from './flows';

// Three people in three tabs of one browser (one simulated backend) make a group and chat.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const groupEntry = (page: Page, title: string) => conversations(page).getByRole('link', { name: new RegExp(title) });

describe('a group of three', () => {
  let context: BrowserContext;
  const errors: string[] = [];
  const ann = person('ann');
  const bea = person('bea');
  const cid = person('cid');
  let a: Page;
  let b: Page;
  let c: Page;

  beforeAll(async () => {
    context = await newContext(browser, DESKTOP);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [index, page] of context.pages().entries()) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-groups-${task.name.slice(0, 30)}-${index}.png` }).catch(() => undefined);
    }
  });
  afterAll(async () => {
    await context?.close();
    expect(errors).toEqual([]);
  });

  it('three people sign up in three tabs; one makes a private group with the other two', async () => {
    a = await open(context, errors, 'ann');
    await createAccount(a, ann);
    b = await open(context, errors, 'bea');
    await createAccount(b, bea);
    c = await open(context, errors, 'cid');
    await createAccount(c, cid);

    await a.getByRole('button', { name: 'New group' }).click();
    const dialog = a.getByRole('dialog', { name: 'New group' });
    await dialog.getByRole('textbox', { name: 'Group name' }).fill('Trio');
    for (const who of [bea, cid]) {
      await dialog.getByRole('searchbox', { name: 'Search people to add' }).fill(who.username);
      await dialog.getByRole('checkbox', { name: new RegExp(who.displayName) }).check();
    }
    await dialog.getByText('2 people chosen').waitFor();
    await expectAccessible(a, 'New group');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await a.getByRole('heading', { name: 'Trio', exact: true }).waitFor();
    await log(a).getByText(`You created the group “Trio”`).waitFor();
    await a.getByText('3 members').waitFor();
  });

  it('my message is Delivered once both have it, and Read only after both have read it', async () => {
    await send(a, 'Hello, you two 👋');
    // Both tabs are signed in and receive it, neither has it open.
    await tick(a, 'Hello, you two 👋', 'Delivered').waitFor();

    await groupEntry(b, 'Trio').click();
    await message(b, 'Hello, you two 👋').waitFor();
    await b.getByText(ann.displayName, { exact: true }).first().waitFor();
    // Bea read it; Cid has not: Message info (kept current) says so, and the tick stays Delivered.
    // Message info is among the message's actions: its toolbar (shown under the pointer) opens the menu.
    await message(a, 'Hello, you two 👋').hover();
    await message(a, 'Hello, you two 👋').getByRole('button', { name: 'More actions' }).click();
    await a.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: 'Message info' }).click();
    const info = a.getByRole('dialog', { name: 'Message info' });
    await info.getByRole('region', { name: 'Read by, 1' }).getByText(bea.displayName).waitFor();
    await info.getByRole('region', { name: 'Delivered to, 1' }).getByText(cid.displayName).waitFor();
    await expectAccessible(a, 'Message info');
    await a.keyboard.press('Escape');
    await info.waitFor({ state: 'detached' });
    await expect(tick(a, 'Hello, you two 👋', 'Delivered').isVisible()).resolves.toBe(true);

    await groupEntry(c, 'Trio').click();
    await message(c, 'Hello, you two 👋').waitFor();
    await tick(a, 'Hello, you two 👋', 'Read').waitFor();
  });

  it('the owner removes a member after confirming; the removed member can no longer send', async () => {
    await a.getByRole('button', { name: 'Members' }).click();
    const panel = a.getByRole('complementary', { name: /Members/ });
    await panel.getByRole('heading', { name: 'Members (3)' }).waitFor();
    await expectAccessible(a, 'members panel');
    await panel.getByRole('button', { name: `Remove ${cid.displayName}` }).click();
    await a.getByRole('alertdialog', { name: `Remove ${cid.displayName}?` }).getByRole('button', { name: 'Remove' }).click();
    await panel.getByRole('heading', { name: 'Members (2)' }).waitFor();
    await log(a).getByText(`You removed ${cid.displayName}`).waitFor();

    await c.getByText('You are no longer in this group.').first().waitFor();
    await log(c).getByText(`${ann.displayName} removed you`).waitFor();
    await expect(c.getByRole('textbox', { name: 'Message' }).count()).resolves.toBe(0);
    await screenshot(c, 'groups-removed');
  });

  it('works on a phone: the group opens full screen, the members panel over it, back to the list', async () => {
    await b.setViewportSize(PHONE);
    await b.getByRole('heading', { name: 'Trio', exact: true }).waitFor();
    // The header is one line: the title and "3 members, …" beside the avatar, each on its own line, not
    // squeezed into a column of broken words by the Members button (it is an icon there).
    const header = await b.locator('.chat-header').evaluate((el) => {
      const name = el.querySelector('.chat-header__name')!;
      const status = el.querySelector('.chat-header__status')!;
      return {
        height: el.getBoundingClientRect().height,
        textWidth: el.querySelector('.chat-header__text')!.getBoundingClientRect().width,
        nameFits: name.scrollWidth <= name.clientWidth,
        statusHeight: status.getBoundingClientRect().height,
      };
    });
    expect(header.nameFits).toBe(true);
    // The title block has the room left between avatar and buttons (it was squeezed to about 30 px), on one line each.
    expect(header.textWidth).toBeGreaterThanOrEqual(110);
    expect(header.statusHeight).toBeLessThan(24);
    expect(header.height).toBeLessThanOrEqual(72);
    await b.getByRole('button', { name: 'Members' }).click();
    const panel = b.getByRole('complementary', { name: /Members/ });
    await panel.getByRole('heading', { name: 'Members (2)' }).waitFor();
    await expectAccessible(b, 'members panel on a phone');
    await screenshot(b, 'groups-phone-members');
    await panel.getByRole('button', { name: 'Close members' }).click();
    await send(b, 'Typed on my phone');
    await tick(b, 'Typed on my phone', /^(Sent|Delivered|Read)$/).waitFor();
    // Followed to the very bottom: the new message whole above the composer, not half under the edge.
    await expect.poll(() => log(b).evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight))).toBe(0);
    await b.getByRole('button', { name: 'Back' }).click();
    await groupEntry(b, 'Trio').waitFor();
    await b.getByRole('button', { name: 'Browse channels' }).click();
    await b.getByRole('dialog', { name: 'Browse channels' }).getByText('You are in every channel already.').or(b.getByRole('dialog', { name: 'Browse channels' }).getByRole('list', { name: 'Channels' })).waitFor();
    await expectAccessible(b, 'Browse channels on a phone');
  });
});
