import type { OnlineSource } from '../../src/transport';

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
