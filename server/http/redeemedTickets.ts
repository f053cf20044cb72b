/** The ids of tickets already used, each kept until its ticket expires: what makes a ticket single-use. */
export interface RedeemedTickets {
  /** True the first time `id` is claimed; false for every later claim before `expiresAtMs`. */
  claim(id: string, expiresAtMs: number): Promise<boolean>;
}

/** Redeemed ticket ids in this process: enough for one server node. */
export class MemoryRedeemedTickets implements RedeemedTickets {
  private readonly ids = new Map<string, number>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  async claim(id: string, expiresAtMs: number): Promise<boolean> {
    const now = this.now();
    for (const [known, expiresAt] of this.ids) if (expiresAt <= now) this.ids.delete(known);
    if (this.ids.has(id)) return false;
    this.ids.set(id, expiresAtMs);
    return true;
  }
}
