import { liveQuery } from 'dexie';
import { ChatError, type ConversationId } from '../../transport';
import { type ClientDb, type OutboxRow, PENDING_BASE } from '../db/clientDb';
import type { EngineContext } from '../engine/context';
import { retryDelay } from '../../protocol/rules/backoff';
import { advanceStatus } from '../rules/status';
import { sleep } from '../sync/job';
import { applyAck, type ApplyOutcome } from '../sync/apply';

export function outboxLockName(userId: string): string {
  return `violetchat-outbox-${userId}`;
}

/**
 * Delivers the outbox, oldest first (so in order per conversation), while
 * online. Only the engine holding the user's outbox lock drains it: two tabs
 * of one user never both send; the next in line takes over when one closes.
 */
export class OutboxWorker {
  private wakeRequested = false;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly onAck: (outcome: ApplyOutcome) => void,
  ) {}

  private get db(): ClientDb {
    return this.ctx.db;
  }

  start(): void {
    this.ctx.locks
      .request(outboxLockName(this.ctx.me), { signal: this.ctx.signal }, () => this.lead())
      .catch((error: unknown) => {
        if (!this.ctx.signal.aborted) this.ctx.onError(error);
      });
    this.ctx.signal.addEventListener('abort', () => this.wake(), { once: true });
  }

  /** Something changed (a send, the connection came back): look at the outbox again. */
  wake(): void {
    this.wakeRequested = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private waitForWake(): Promise<void> {
    if (this.wakeRequested || this.ctx.signal.aborted) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wakeUp = () => {
        this.wakeRequested = false;
        resolve();
      };
    });
  }

  private async lead(): Promise<void> {
    // Another tab of this user may add to the outbox: its write wakes us too.
    const watch = liveQuery(() => this.db.outbox.toCollection().primaryKeys()).subscribe({
      next: () => this.wake(),
      error: () => undefined,
    });
    try {
      let attempt = 0;
      while (!this.ctx.signal.aborted) {
        const next = this.ctx.isOnline() ? await this.nextQueued() : undefined;
        if (!next) {
          await this.waitForWake();
          continue;
        }
        try {
          const ack = await this.ctx.transport.send({ conversationId: next.conversationId, clientId: next.clientId, body: next.body });
          if (this.ctx.signal.aborted) return;
          this.onAck(await applyAck(this.db, this.ctx.me, ack));
          attempt = 0;
        } catch (error) {
          if (this.ctx.signal.aborted) return;
          if (!(error instanceof ChatError)) {
            this.ctx.onError(error);
            await sleep(this.ctx.timing.backoff.maxMs, this.ctx.signal);
            continue;
          }
          if (error.code === 'UNAUTHENTICATED') return this.ctx.onUnauthenticated();
          if (error.transient) {
            attempt += 1;
            await sleep(retryDelay(attempt, this.ctx.random(), error.details.retryAfterMs, this.ctx.timing.backoff), this.ctx.signal);
          } else {
            await markFailed(this.db, this.ctx.me, next, error);
          }
        }
      }
    } finally {
      watch.unsubscribe();
    }
  }

  private nextQueued(): Promise<OutboxRow | undefined> {
    return this.db.outbox
      .orderBy('order')
      .filter((row) => row.state === 'queued')
      .first();
  }
}

/** A permanent refusal: the message stays, marked failed with the reason, for the user to retry or discard. */
async function markFailed(db: ClientDb, me: string, entry: OutboxRow, error: ChatError): Promise<void> {
  await db.transaction('rw', db.outbox, db.messages, async () => {
    const current = await db.outbox.where('clientId').equals(entry.clientId).first();
    if (!current) return;
    await db.outbox.update(current.order!, { state: 'failed' });
    await db.messages
      .where('[senderId+clientId]')
      .equals([me, entry.clientId])
      .modify((row) => {
        row.status = advanceStatus(row.status, 'failed');
        if (row.status === 'failed') row.error = { code: error.code, message: error.message };
      });
  });
}

/** The user asks again: the same row goes back to pending and to the queue. */
export async function requeue(db: ClientDb, me: string, clientId: string): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.messages, async () => {
    const entry = await db.outbox.where('clientId').equals(clientId).first();
    if (!entry || entry.state !== 'failed') return false;
    await db.outbox.update(entry.order!, { state: 'queued' });
    await db.messages.update([me, clientId], { status: 'pending', error: null });
    return true;
  });
}

/** Forgets a message the server never accepted. */
export async function discardFailed(db: ClientDb, me: string, clientId: string): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.messages, async () => {
    const row = await db.messages.get([me, clientId]);
    if (!row || row.status !== 'failed') return false;
    await db.messages.delete([me, clientId]);
    await db.outbox.where('clientId').equals(clientId).delete();
    return true;
  });
}

/** The message as pending plus its outbox entry, in one transaction: both or neither survive a crash. */
export async function enqueue(
  db: ClientDb,
  me: string,
  conversationId: ConversationId,
  body: string,
  clientId: string,
  createdAt: string = new Date().toISOString(),
): Promise<void> {
  await db.transaction('rw', db.outbox, db.messages, db.drafts, async () => {
    const order = await db.outbox.add({ clientId, conversationId, body, state: 'queued', createdAt });
    await db.messages.add({
      senderId: me,
      clientId,
      id: null,
      conversationId,
      body,
      createdAt,
      seq: null,
      sortKey: PENDING_BASE + order,
      status: 'pending',
      error: null,
    });
    // The composer's text was just sent: its draft is spent.
    await db.drafts.delete(conversationId);
  });
}
