import type { ChatEvent, Message } from '../../transport';
import type { EngineContext } from '../engine/context';
import { applyChanges, applyHistory, applySummaries, readCursor, type ApplyOutcome } from './apply';
import { Job } from './job';

/**
 * Keeps the cache in step with the server: on (re)connect it refreshes the
 * directory and conversation summaries and catches up from the cursor; live
 * events apply as they come; a gap or a quiet spell after live events runs a
 * catch-up. Live events move the cursor only across revs that directly
 * follow it: they can arrive out of order or be lost, and a cursor moved past
 * a lost change would skip it forever; catch-up moves it the rest of the way.
 */
export class Syncer {
  private readonly refreshJob: Job;
  private readonly catchUpJob: Job;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly onApplied: (outcome: ApplyOutcome) => void,
    private readonly onTyping: (event: Extract<ChatEvent, { type: 'typing' }>) => void,
  ) {
    this.refreshJob = new Job(ctx, () => this.refresh());
    this.catchUpJob = new Job(ctx, () => this.catchUp());
  }

  /** Connected (again): everything that may have changed meanwhile. */
  connected(): void {
    this.refreshJob.request();
    this.catchUpJob.request();
  }

  requestRefresh(): void {
    this.refreshJob.request();
  }

  requestCatchUp(): void {
    this.catchUpJob.request();
  }

  private async refresh(): Promise<void> {
    const [users, summaries] = await Promise.all([this.ctx.transport.users(), this.ctx.transport.conversations()]);
    const { db } = this.ctx;
    await db.transaction('rw', db.users, async () => {
      await db.users.clear();
      await db.users.bulkPut(users);
    });
    this.onApplied(await applySummaries(db, this.ctx.me, summaries));
  }

  private async catchUp(): Promise<void> {
    let cursor = await readCursor(this.ctx.db);
    for (;;) {
      const page = await this.ctx.transport.catchUp(cursor);
      if (this.ctx.signal.aborted) return;
      this.onApplied(await applyChanges(this.ctx.db, this.ctx.me, page.changes, { cursor: page.cursor }));
      cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }

  /** Older messages of a conversation from the server, into the cache. Resolves whether more exist. */
  async fetchHistory(conversationId: string, beforeSeq: number, limit: number): Promise<{ hasMore: boolean; messages: Message[] }> {
    const page = await this.ctx.transport.history(conversationId, { beforeSeq, limit });
    this.onApplied(await applyHistory(this.ctx.db, this.ctx.me, page.messages));
    return page;
  }

  handle(event: ChatEvent): void {
    if (event.type === 'typing') return this.onTyping(event);
    if (event.type === 'presence') {
      void this.ctx.db.users
        .update(event.userId, { presence: event.presence, lastSeen: event.lastSeen })
        .then((updated) => {
          if (updated === 0) this.requestRefresh();
        })
        .catch((error) => this.report(error));
      return;
    }
    void applyChanges(this.ctx.db, this.ctx.me, [event], { detectGaps: true, followCursor: true })
      .then((outcome) => this.onApplied(outcome))
      .catch((error) => this.report(error));
    this.scheduleSettle();
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
