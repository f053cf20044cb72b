/**
 * The stops of a simulated tab's parts, registered as each part starts and
 * run once, last started first stopped: what is built on a part ends before it.
 */
export class Teardown {
  private readonly steps: (() => unknown)[] = [];
  private running: Promise<void> | null = null;

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  /** Runs every step in reverse order, each after the one before settled; later calls share the first run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) await step();
    })();
    return this.running;
  }
}
