/** How a batcher runs its work: a batch of several in one go, or one on its own. */
export interface BatchRunner<I, R> {
  /** One result per input, in the inputs' order; throws when the batch as a whole failed (then each runs alone). */
  many(inputs: readonly I[]): Promise<R[]>;
  one(input: I): Promise<R>;
}

interface Waiting<I, R> {
  input: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Natural batching, for the appends of a busy server: while fewer than
 * `maxInFlight` batches are out, what comes in goes out at once (alone, when
 * alone: no wait is ever added); while they are all out, arrivals queue, and
 * the next free slot takes everything queued (up to `maxBatch`) as one batch.
 * So a quiet server appends one by one, and a busy one pays one round trip
 * and one commit per batch instead of per message.
 * When a batch fails as a whole, each of its inputs is run on its own, one
 * after another in the batch's slot, and gets its own answer: one input's
 * error never becomes another's.
 */
export class Batcher<I, R> {
  private readonly queue: Waiting<I, R>[] = [];
  private inFlight = 0;
  private draining = false;
  private readonly drained: (() => void)[] = [];

  constructor(
    private readonly runner: BatchRunner<I, R>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {
    if (maxInFlight < 1 || maxBatch < 1) throw new RangeError('a batcher needs at least one batch in flight of at least one input');
  }

  submit(input: I): Promise<R> {
    if (this.draining) return Promise.reject(new Error('closed: no more work is taken'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Refuses new work and resolves once everything submitted before has been answered. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private dispatch(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.dispatch();
        if (this.inFlight === 0 && this.queue.length === 0) for (const resolve of this.drained.splice(0)) resolve();
      });
    }
  }

  private async run(batch: Waiting<I, R>[]): Promise<void> {
    if (batch.length > 1) {
      let results: R[] | null = null;
      try {
        results = await this.runner.many(batch.map((w) => w.input));
      } catch {
        // Each on its own below: its answer, or its own error.
      }
      if (results) {
        batch.forEach((waiting, i) => waiting.resolve(results[i]!));
        return;
      }
    }
    // One after another, in the slot: a failed batch never puts more than one piece of work out at a time.
    for (const waiting of batch) await this.runner.one(waiting.input).then(waiting.resolve, waiting.reject);
  }
}
