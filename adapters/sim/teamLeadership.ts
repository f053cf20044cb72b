import { type WebLocks, whileLeader } from '../../src/protocol/locks/webLocks';
import type { SimulatedTeam } from './teammates';

/**
 * Runs the simulated team in one tab of those sharing a database: the one
 * holding the lock `lockName` (the next tab takes over when it closes).
 * Without Web Locks there is no electing one tab, so each runs its own team.
 */
export class TeamLeadership {
  private term: { stop: () => Promise<void> } | null = null;

  constructor(
    private readonly team: SimulatedTeam,
    private readonly locks: WebLocks | null,
    private readonly lockName: string,
    /** The team started or stopped here. */
    private readonly changed: () => void,
  ) {}

  /** Stands for election: the team starts here once this tab holds the lock. */
  stand(): void {
    const start = async () => {
      await this.team.start();
      this.changed();
      return async () => {
        await this.team.stop();
        this.changed();
      };
    };
    if (this.locks) {
      this.term = whileLeader(this.locks, this.lockName, start);
      return;
    }
    const running = start();
    this.term = { stop: async () => (await running)() };
  }

  /** Stops the team if it runs here, and gives up the lock (or the place in line). */
  async stepDown(): Promise<void> {
    const term = this.term;
    this.term = null;
    await term?.stop();
  }
}
