import type { Change, ChatEvent, Message } from '../../transport';
import type { EngineContext } from '../engine/context';
import { applyBootstrap, applyChanges, applyHistory, applySummaries, replaceDirectory, storedCursor, type ApplyOutcome } from './apply';
import { progressReporter } from '../rules/progress';
import { Job } from './job';

/** A directory fetched this recently is fresh enough for a person browsing it. */
const DIRECTORY_FRESH_MS = 5_000;

/**
 * Keeps the cache in step with the server. A device that has never synced
 * asks for its bootstrap (the summaries, the directory and the cursor, in one
 * request) and catches up from there: what it costs is bounded by the number
 * of conversations, not by their history, which loads a page at a time as it
 * comes on screen. A device that has synced before refreshes the directory
 * and the summaries on (re)connect and catches up from its cursor. Live events
 * apply as they come; a gap or a quiet spell after live events runs a
 * catch-up. Live events move the cursor only across revs that directly follow
 * it: they can arrive out of order or be lost, and a cursor moved past a lost
 * change would skip it forever; catch-up moves it the rest of the way.
 */
export class Syncer {
  private readonly connectJob: Job;
  private readonly refreshJob: Job;
  private readonly directoryJob: Job;
  private directoryAskedAt: number | null = null;
  private readonly catchUpJob: Job;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly onApplied: (outcome: ApplyOutcome) => void,
    private readonly onTyping: (event: Extract<ChatEvent, { type: 'typing' }>) => void,
  ) {
    this.connectJob = new Job(ctx, () => this.onConnect());
    this.refreshJob = new Job(ctx, () => this.refresh());
    this.directoryJob = new Job(ctx, () => this.refreshDirectory());
    this.catchUpJob = new Job(ctx, () => this.catchUp());
  }

  /** Connected (again): everything that may have changed meanwhile. */
  connected(): void {
    this.connectJob.request();
  }

  /** A change named a conversation this device does not know: its summary, and perhaps a new person. */
  requestRefresh(): void {
    this.refreshJob.request();
  }

  /**
   * The directory again, for a person browsing it, at most once per
   * DIRECTORY_FRESH_MS (focusing the search field again and again asks once).
   * Before the first sync there is nothing to refresh: the bootstrap brings it.
   */
  requestDirectory(): void {
    const now = this.ctx.now();
    if (this.directoryAskedAt !== null && now - this.directoryAskedAt < DIRECTORY_FRESH_MS) return;
    this.directoryAskedAt = now;
    void storedCursor(this.ctx.db).then(
      (cursor) => cursor !== null && this.directoryJob.request(),
      (error: unknown) => this.report(error),
    );
  }

  requestCatchUp(): void {
    this.catchUpJob.request();
  }

  private async onConnect(): Promise<void> {
    if ((await storedCursor(this.ctx.db)) === null) await this.bootstrap();
    else this.refreshJob.request();
    this.catchUpJob.request();
  }

  private async bootstrap(): Promise<void> {
    const { stores } = this.ctx;
    stores.sync.setState({ progress: null }, true);
    try {
      const bootstrap = await this.ctx.transport.bootstrap();
      if (this.ctx.signal.aborted) return;
      const report = progressReporter((done, total) => stores.sync.setState({ progress: { done, total } }, true));
      this.onApplied(await applyBootstrap(this.ctx.db, this.ctx.me, bootstrap, report));
    } finally {
      stores.sync.setState({ progress: null }, true);
    }
  }

  private async refresh(): Promise<void> {
    // Not synced yet: the bootstrap brings the summaries and the directory.
    if ((await storedCursor(this.ctx.db)) === null) return;
    const [, summaries] = await Promise.all([this.refreshDirectory(), this.ctx.transport.conversations()]);
    this.onApplied(await applySummaries(this.ctx.db, this.ctx.me, summaries));
  }

  private async refreshDirectory(): Promise<void> {
    await replaceDirectory(this.ctx.db, await this.ctx.transport.users());
  }

  private async catchUp(): Promise<void> {
    // No cursor: the connection's bootstrap is still to come, and catches up after it.
    let cursor = await storedCursor(this.ctx.db);
    if (cursor === null) return;
    for (;;) {
      const page = await this.ctx.transport.catchUp(cursor);
      if (this.ctx.signal.aborted) return;
      this.onApplied(await applyChanges(this.ctx.db, this.ctx.me, page.changes, { cursor: page.cursor }));
      await this.meetNewPeople(page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }

  /** Messages of a conversation below `beforeSeq` from the server, into the cache. */
  async fetchHistory(conversationId: string, beforeSeq: number, limit: number): Promise<{ hasMore: boolean; messages: Message[] }> {
    const page = await this.ctx.transport.history(conversationId, { beforeSeq, limit });
    this.onApplied(await applyHistory(this.ctx.db, this.ctx.me, page.messages));
    return page;
  }

  handle(event: ChatEvent): void {
    if (event.type === 'typing') return this.onTyping(event);
    if (event.type === 'presence') {
      const { db } = this.ctx;
      void db
        .transaction('rw', [db.users, db.meta], async () => {
          const updated = await db.users.update(event.userId, { presence: event.presence, lastSeen: event.lastSeen });
          // Someone the directory lacks. Before the first sync it lacks everyone: the bootstrap brings them.
          return updated === 0 && (await storedCursor(db)) !== null;
        })
        .then((unknown) => {
          if (unknown) this.directoryJob.request();
        })
        .catch((error) => this.report(error));
      return;
    }
    void applyChanges(this.ctx.db, this.ctx.me, [event], { detectGaps: true, followCursor: true })
      .then((outcome) => this.onApplied(outcome))
      .then(() => this.meetNewPeople([event]))
      .catch((error) => this.report(error));
    this.scheduleSettle();
  }

  /**
   * A conversation that names someone the directory lacks (who registered after it was fetched, and
   * messaged me or added me to a group) has the directory fetched again, so the list shows their name,
   * not "Unknown". Before the first sync the directory lacks everyone: the bootstrap brings them.
   */
  private async meetNewPeople(changes: readonly Change[]): Promise<void> {
    const ids = [...new Set(changes.flatMap((c) => (c.type === 'conversation' ? c.conversation.members.map((m) => m.userId) : [])))];
    if (ids.length === 0) return;
    const known = await this.ctx.db.users.bulkGet(ids);
    if (known.some((user) => user === undefined) && (await storedCursor(this.ctx.db)) !== null) this.directoryJob.request();
  }

  private scheduleSettle(): void {
    clearTimeout(this.settleTimer);
    if (this.ctx.signal.aborted) return;
    this.settleTimer = setTimeout(() => this.catchUpJob.request(), this.ctx.timing.settleCatchUpMs);
  }

  private report(error: unknown): void {
    if (!this.ctx.signal.aborted) this.ctx.onError(error);
  }

  dispose(): void {
    clearTimeout(this.settleTimer);
  }
}
