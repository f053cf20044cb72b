export interface ConnectionLimits {
  perUser: number;
  perAddress: number;
}

/**
 * Open connections (sockets, event streams) of this process by user and by
 * address. Counts, not rates, and kept per node: a connection holds the
 * resources of the node it is on. Entries go when their count reaches zero.
 */
export class ConnectionCaps {
  private readonly byUser = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimits) {}

  /** Counts the connection and returns its release (idempotent), or null when a cap is reached. */
  admit(userId: string, address: string): (() => void) | null {
    if ((this.byUser.get(userId) ?? 0) >= this.limits.perUser) return null;
    if ((this.byAddress.get(address) ?? 0) >= this.limits.perAddress) return null;
    add(this.byUser, userId, 1);
    add(this.byAddress, address, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      add(this.byUser, userId, -1);
      add(this.byAddress, address, -1);
    };
  }

  /** Open connections of a user here: for tests and metrics. */
  openFor(userId: string): number {
    return this.byUser.get(userId) ?? 0;
  }
}

function add(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
