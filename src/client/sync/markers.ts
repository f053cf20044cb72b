import { ChatError, type ConversationId, type ReceiptKind } from '../../transport';
import type { ClientDb, ConversationRow } from '../db/clientDb';
import { deliveredUpTo, markersAfterReceipt } from '../../protocol/rules/receiptMarkers';
import { isMember, memberMarker } from '../rules/merge';
import { applyChanges } from './apply';
import type { EngineContext } from '../engine/context';
import { Job } from './job';

/**
 * My delivered and read markers: moved locally at once (the unread count
 * follows), then told to the server, debounced, once per advance, again after
 * a reconnect if it did not land.
 */
export class Markers {
  private readonly job: Job;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** reached() while the page was hidden: applied once it is visible again. */
  private readonly deferred = new Map<ConversationId, number>();
  /** What was last told to the server, so one advance makes one call. */
  private readonly told = new Map<string, number>();

  constructor(private readonly ctx: EngineContext) {
    this.job = new Job(ctx, () => this.flush());
  }

  private get db(): ClientDb {
    return this.ctx.db;
  }

  async noteReceived(received: ReadonlyMap<ConversationId, number>): Promise<void> {
    if (received.size === 0) return;
    await this.db.transaction('rw', this.db.conversations, async () => {
      for (const [id, seq] of received) {
        await this.db.conversations
          .where('id')
          .equals(id)
          .modify((row) => {
            row.localDeliveredSeq = Math.max(row.localDeliveredSeq, seq);
          });
      }
    });
    this.schedule();
  }

  reached(conversationId: ConversationId, seq: number): void {
    if (this.ctx.stores.ui.getState().activeConversationId !== conversationId) return;
    if (!this.ctx.visibility.isVisible()) {
      this.deferred.set(conversationId, Math.max(this.deferred.get(conversationId) ?? 0, seq));
      return;
    }
    void this.advanceRead(conversationId, seq).catch((error) => this.ctx.onError(error));
  }

  /** The page became visible or the active conversation changed: what was reached meanwhile counts now. */
  resume(): void {
    const active = this.ctx.stores.ui.getState().activeConversationId;
    if (active === null || !this.ctx.visibility.isVisible()) return;
    const seq = this.deferred.get(active);
    this.deferred.delete(active);
    if (seq !== undefined) this.reached(active, seq);
  }

  private async advanceRead(conversationId: ConversationId, seq: number): Promise<void> {
    const moved = await this.db.conversations
      .where('id')
      .equals(conversationId)
      .modify((row) => {
        if (row.localReadSeq >= seq) return;
        const after = markersAfterReceipt({ deliveredSeq: row.localDeliveredSeq, readSeq: row.localReadSeq }, 'read', seq);
        row.localReadSeq = after.readSeq;
        row.localDeliveredSeq = after.deliveredSeq;
      });
    if (moved > 0) this.schedule();
  }

  /** Runs now (after a reconnect) rather than after the debounce. */
  request(): void {
    this.job.request();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.ctx.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.job.request();
    }, this.ctx.timing.markerDelayMs);
  }

  private async flush(): Promise<void> {
    for (const row of await this.db.conversations.toArray()) {
      try {
        await this.flushRow(row);
      } catch (error) {
        // Taken out of a group while this device was telling the server: nothing more to tell it.
        if (row.kind === 'group' && error instanceof ChatError && error.code === 'FORBIDDEN') continue;
        throw error;
      }
    }
  }

  private async flushRow(row: ConversationRow): Promise<void> {
    const me = this.ctx.me;
    // A group I left or was removed from keeps its history here, and takes no markers from me.
    if (row.kind === 'group' && !isMember(row, me)) return;
    const mine = memberMarker(row, me);
    const read = Math.min(row.localReadSeq, row.lastSeq);
    const delivered = Math.min(Math.max(row.localDeliveredSeq, read), row.lastSeq);
    let knownDelivered = deliveredUpTo(mine);
    if (read > mine.readSeq && read > (this.told.get(`read:${row.id}`) ?? 0)) {
      await this.ctx.transport.markRead(row.id, read);
      this.told.set(`read:${row.id}`, read);
      await this.record(row.id, 'read', read);
      knownDelivered = Math.max(knownDelivered, read);
    }
    if (delivered > knownDelivered && delivered > (this.told.get(`delivered:${row.id}`) ?? 0)) {
      await this.ctx.transport.markDelivered(row.id, delivered);
      this.told.set(`delivered:${row.id}`, delivered);
      await this.record(row.id, 'delivered', delivered);
    }
  }

  /** The server moved my marker: apply it as the receipt it is, so a reload does not tell it again. */
  private async record(conversationId: ConversationId, kind: ReceiptKind, uptoSeq: number): Promise<void> {
    await applyChanges(this.db, this.ctx.me, [{ type: 'receipt', rev: 0, conversationId, userId: this.ctx.me, kind, uptoSeq }]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
