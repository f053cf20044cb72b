import type { ChatEvent, ConnectionState, Unsubscribe } from './types';

/**
 * The listener side of a ChatTransport, the same in every adapter: the
 * connection state and who hears it change, and who hears events. Listeners
 * are called over a copy, so one may unsubscribe (or subscribe) while called.
 */
export class TransportSignals {
  private current: ConnectionState = { status: 'offline', reason: 'Not connected.' };
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private readonly eventListeners = new Set<(event: ChatEvent) => void>();

  get state(): ConnectionState {
    return this.current;
  }

  onConnection(listener: (state: ConnectionState) => void): Unsubscribe {
    this.connectionListeners.add(listener);
    return () => void this.connectionListeners.delete(listener);
  }

  subscribe(listener: (event: ChatEvent) => void): Unsubscribe {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  /** Listeners hear a change of status or reason, not the same state again. */
  setState(state: ConnectionState): void {
    if (state.status === this.current.status && state.reason === this.current.reason) return;
    this.current = state;
    for (const listener of [...this.connectionListeners]) listener(state);
  }

  emit(event: ChatEvent): void {
    for (const listener of [...this.eventListeners]) listener(event);
  }
}
