// @vitest-environment jsdom
/**
 * Signing out with two tabs of one person open, over the real engine and the
 * real sim adapter on one fake-indexeddb: both tabs share the person's local
 * database, and signing out in one signs out the other.
 */
import { within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { signUp } from '../support/simTabs';
import type { ChatClient } from '../../src/client';
import { clientDbName } from '../../src/client/db/clientDb';
import { signInIn, simAppsPerTest, wait } from './simApps';

const apps = simAppsPerTest();

function signedInUserId(client: ChatClient): string {
  const state = client.stores.session.getState();
  if (state.status !== 'signed-in') throw new Error('expected to be signed in');
  return state.session.user.id;
}

describe('signing out with two tabs of one person', () => {
  it('asks about a message typed in the other tab, then signs out both tabs and deletes their database', async () => {
    const bea = await signUp(await apps.transport(), 'bea');
    await signUp(await apps.transport(), 'ann');
    const one = await apps.open();
    await signInIn(one.screen, 'ann');
    const two = await apps.open();
    await signInIn(two.screen, 'ann');
    const annDb = clientDbName(signedInUserId(one.client));
    expect(await Dexie.exists(annDb)).toBe(true);

    // The first tab loses its network and writes to Bea: the message waits in the outbox both tabs share.
    const conversationId = await one.client.actions.openDirect(bea.user.id);
    one.transport.sim.setOffline(true);
    await one.client.actions.send(conversationId, 'Written on the train');

    await userEvent.click(two.screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await within(document.body).findByRole('alertdialog', { name: '1 message has not been sent yet' }, wait);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    expect(await two.screen.findByRole('button', { name: 'Sign in' }, wait)).toBeInTheDocument();
    expect(await one.screen.findByRole('button', { name: 'Sign in' }, wait)).toBeInTheDocument();
    expect(one.screen.queryByRole('navigation', { name: 'Conversations' })).not.toBeInTheDocument();
    expect(one.client.engine.getState()).toBeNull();
    expect(two.client.engine.getState()).toBeNull();
    expect(await Dexie.exists(annDb)).toBe(false);
  });

  it('signs out without asking when nothing is waiting, and leaves another person’s tab signed in', async () => {
    await signUp(await apps.transport(), 'ann');
    await signUp(await apps.transport(), 'bea');
    const one = await apps.open();
    await signInIn(one.screen, 'ann');
    const two = await apps.open();
    await signInIn(two.screen, 'ann');
    const bea = await apps.open();
    await signInIn(bea.screen, 'bea');
    const annDb = clientDbName(signedInUserId(one.client));

    await userEvent.click(one.screen.getByRole('button', { name: 'Sign out' }));
    expect(await one.screen.findByRole('button', { name: 'Sign in' }, wait)).toBeInTheDocument();
    expect(await two.screen.findByRole('button', { name: 'Sign in' }, wait)).toBeInTheDocument();
    expect(within(document.body).queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await Dexie.exists(annDb)).toBe(false);

    expect(bea.screen.getByRole('navigation', { name: 'Conversations' })).toBeInTheDocument();
    expect(bea.client.stores.session.getState().status).toBe('signed-in');
  });
});
