import { afterEach, describe, expect, it } from 'vitest';
import { openSignOutChannel, type SignOutChannel, unconnectedChannel } from './signOutChannel';

// Channels of one name in one process reach each other as tabs of one origin do.
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const channel of opened.splice(0)) channel.close();
});

const freshName = () => `test-sign-out-${crypto.randomUUID()}`;

interface Tab {
  channel: SignOutChannel;
  heard: string[];
  /** Resolves once this tab has heard `count` sign-outs in all. */
  hears(count: number): Promise<void>;
}

function tab(name: string): Tab {
  const channel = openSignOutChannel(name);
  opened.push(channel);
  const heard: string[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  channel.onSignOut((userId) => {
    heard.push(userId);
    for (const w of waiting.filter((w) => heard.length >= w.count)) w.resolve();
  });
  return {
    channel,
    heard,
    hears: (count) => (heard.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve }))),
  };
}

function rawChannel(name: string): BroadcastChannel {
  const channel = new BroadcastChannel(name);
  opened.push(channel);
  return channel;
}

describe('the sign-out channel between tabs', () => {
  it('tells every other tab of the origin who signed out, and not the tab that announced', async () => {
    const name = freshName();
    const here = tab(name);
    const second = tab(name);
    const third = tab(name);
    here.channel.announce('user-1');
    // The announcing tab also sends the next one: by the time the others hear it, the first has reached everyone.
    here.channel.announce('user-1b');
    await Promise.all([second.hears(2), third.hears(2)]);
    expect(second.heard).toEqual(['user-1', 'user-1b']);
    expect(third.heard).toEqual(['user-1', 'user-1b']);
    expect(here.heard).toEqual([]);
  });

  it('ignores anything on the channel that is not a sign-out', async () => {
    const name = freshName();
    const listener = tab(name);
    const stranger = rawChannel(name);
    for (const message of ['signed-out', { type: 'signed-out' }, { type: 'signed-out', userId: '' }, { type: 'reset', userId: 'u' }, null]) stranger.postMessage(message);
    // One sender's messages arrive in order: once this is heard, everything before it was delivered.
    stranger.postMessage({ type: 'signed-out', userId: 'user-2' });
    await listener.hears(1);
    expect(listener.heard).toEqual(['user-2']);
  });

  it('announces in a shape another tab can check', async () => {
    const name = freshName();
    const other = rawChannel(name);
    const received = new Promise<unknown>((resolve) => (other.onmessage = (event: MessageEvent<unknown>) => resolve(event.data)));
    tab(name).channel.announce('user-3');
    expect(await received).toEqual({ type: 'signed-out', userId: 'user-3' });
  });

  it('stops telling a listener that unsubscribed, and a closed channel neither hears nor announces', async () => {
    const name = freshName();
    const sender = tab(name);
    const control = tab(name);
    const unsubscribed = openSignOutChannel(name);
    opened.push(unsubscribed);
    const unsubscribedHeard: string[] = [];
    unsubscribed.onSignOut((userId) => unsubscribedHeard.push(userId))();
    const closed = tab(name);
    closed.channel.close();
    expect(() => closed.channel.announce('after close')).not.toThrow();

    sender.channel.announce('user-4');
    await control.hears(1);
    expect(control.heard).toEqual(['user-4']);
    expect(unsubscribedHeard).toEqual([]);
    expect(closed.heard).toEqual([]);
  });

  it('keeps to its own name', async () => {
    const name = freshName();
    const elsewhere = tab(`${name}-elsewhere`);
    const control = tab(name);
    const sender = tab(name);
    sender.channel.announce('user-5');
    await control.hears(1);
    expect(elsewhere.heard).toEqual([]);
    expect(control.heard).toEqual(['user-5']);
  });

  it('without a BroadcastChannel reaches nobody and does not fail', () => {
    const channel = unconnectedChannel();
    const heard: string[] = [];
    channel.onSignOut((userId) => heard.push(userId))();
    channel.announce('user-7');
    channel.close();
    expect(heard).toEqual([]);
  });
});
