import { expect } from 'vitest';
import { type ChatTransport, DEVICE_OFFLINE, type OnlineSource, type Session } from '../../src/transport';
import { waitForConnection } from '../contract/harness';

/** An OnlineSource a test switches, as the browser's offline switch would, telling every listener. */
export class SwitchableOnline implements OnlineSource {
  private value = true;
  private readonly listeners = new Set<() => void>();

  online(): boolean {
    return this.value;
  }

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  set(online: boolean): void {
    this.value = online;
    for (const listener of [...this.listeners]) listener();
  }

  /** How many listeners are subscribed: what is still watching the network. */
  get watchers(): number {
    return this.listeners.size;
  }
}

/**
 * What every adapter does when connected while its device is offline: it says so and
 * waits, comes online once the network returns, and once disconnected stops following it.
 */
export async function expectConnectWaitsForTheNetwork(transport: ChatTransport, device: SwitchableOnline, session: Session): Promise<void> {
  device.set(false);
  transport.connect(session);
  expect(transport.connectionState()).toEqual(DEVICE_OFFLINE);
  device.set(true);
  await waitForConnection(transport, 'online');
  expect(device.watchers).toBe(1);

  transport.disconnect();
  expect(device.watchers).toBe(0);
  device.set(false);
  device.set(true);
  expect(transport.connectionState()).toEqual({ status: 'offline', reason: 'Disconnected.' });
}
