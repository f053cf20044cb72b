import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/childServer';
import { launchChromium } from './browser';
import { conversations, createAccount, message, openConversation, person, send, tabsForDescribe, tick } from './flows';
import { type ServedBuild, buildAndServe, freePort } from './serveBuild';

/**
 * socket mode in a real browser against the real server (server/main.ts as
 * its own process): two people chat, the server goes down hard while one of
 * them writes, and comes back on the same port and data: the queued message
 * goes out once, and nothing said before is lost or shown twice.
 */

// Fixed, so the sessions the tabs hold stay valid across the restart.
const JWT_SECRET = 'socket-e2e-secret-that-survives-a-restart';
// Socket.IO reconnects with a backoff of up to 5 s (plus jitter): more than the default 10 s wait can cover after a restart.
const RECONNECTED = { timeout: 30_000 };

let browser: Browser;
let served: ServedBuild;
let server: ChildServer | undefined;
let dataDir: string;
let serverEnv: Record<string, string>;

async function startServer(): Promise<ChildServer> {
  server = await startChildServer(serverEnv);
  return server;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'violet-socket-e2e-'));
  // The port is chosen before the build, which bakes the server's URL in, and kept for the restart.
  const port = await freePort();
  served = await buildAndServe('socket', { VITE_CHAT_SERVER_URL: `http://127.0.0.1:${port}` });
  serverEnv = { PORT: String(port), DATA_DIR: dataDir, JWT_SECRET, CORS_ORIGINS: new URL(served.url).origin };
  await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await browser?.close();
  await served?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('socket mode: two people chatting through the real server, across a server crash', () => {
  // One context: socket mode keeps each tab's session in its own sessionStorage.
  const tabs = tabsForDescribe(() => browser, () => served.url);
  const ann = person('ann');
  const bea = person('bea');
  let a: Page;
  let b: Page;
  const hello = 'Hello over Socket.IO';
  const answer = 'Loud and clear';
  const last = 'Before the crash';
  const before = [hello, answer, last];
  const pending = 'Written while the server was down';

  /** Every message is on screen exactly once, matched by its whole text. */
  async function expectEachOnce(page: Page, texts: readonly string[]): Promise<void> {
    for (const text of texts) {
      await message(page, text, true).waitFor(RECONNECTED);
      expect(await message(page, text, true).count(), `"${text}" on screen`).toBe(1);
    }
  }

  it('signs up two people in two tabs and they chat live', async () => {
    a = await tabs.open('ann');
    await createAccount(a, ann);
    b = await tabs.open('bea');
    await createAccount(b, bea);

    await openConversation(a, bea);
    await send(a, hello);
    const entry = conversations(b).getByRole('link', { name: new RegExp(ann.displayName) });
    await entry.getByText('1 unread').waitFor();
    await entry.click();
    await message(b, hello).waitFor();
    await tick(a, hello, 'Read').waitFor();
    await send(b, answer);
    await message(a, answer).waitFor();
    await send(a, last);
    await message(b, last).waitFor();
    await tick(a, last, /^(Delivered|Read)$/).waitFor();
  });

  it('queues a message while the server is down and sends it once it is back', async () => {
    // A crash, not a shutdown: nothing gets a goodbye.
    await server!.stop('SIGKILL');
    server = undefined;
    await send(a, pending);
    await tick(a, pending, 'Sending').waitFor();

    await startServer();
    await tick(a, pending, /^(Sent|Delivered|Read)$/).waitFor(RECONNECTED);
    await message(b, pending, true).waitFor(RECONNECTED);
    await tick(a, pending, /^(Delivered|Read)$/).waitFor(RECONNECTED);
  });

  it('shows every message exactly once on both sides after the restart, live and after a reload', async () => {
    // A reply that makes the round trip: both tabs are back on the new server with the same sessions, past their catch-up.
    const reply = 'Got it after the restart';
    await send(b, reply);
    await message(a, reply, true).waitFor(RECONNECTED);
    const all = [...before, pending, reply];
    await expectEachOnce(a, all);
    await expectEachOnce(b, all);
    await a.reload();
    await expectEachOnce(a, all);
  });
});
