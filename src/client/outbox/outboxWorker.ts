import { liveQuery } from 'dexie';
import { ChatError, type ConversationId, type Message } from '../../transport';
import { type ClientDb, isOperation, type OperationRow, type OutboxRow, operationsOf, PENDING_BASE, sendRowOf, type SendRow } from '../db/clientDb';
import type { EngineContext } from '../engine/context';
import { retryDelay } from '../../protocol/rules/backoff';
import { stateOf, withQueuedOps } from '../rules/messageOps';
import { advanceStatus } from '../rules/status';
import { sleep } from '../sync/job';
import { applyAck, applyChanges, type ApplyOutcome } from '../sync/apply';

export function outboxLockName(userId: string): string {
  return `violetchat-outbox-${userId}`;
}

/**
 * Delivers the outbox, oldest first (so in order per conversation and per
 * message: an operation on my message waits behind its send), while online.
 * Only the engine holding the user's outbox lock drains it: two tabs of one
 * user never both send; the next in line takes over when one closes. Each
 * row is claimed ('sending') in a transaction before its request, so nothing
 * folds into a row the server may already hold.
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
        const next = this.ctx.isOnline() ? await claimNext(this.db) : undefined;
        if (!next) {
          await this.waitForWake();
          continue;
        }
        try {
          const outcome = await this.deliver(next);
          if (this.ctx.signal.aborted) return;
          this.onAck(outcome);
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
          } else if (isOperation(next.row)) {
            await refuseOperation(this.db, next.row, error);
          } else {
            await markFailed(this.db, this.ctx.me, next.row, error);
          }
        }
      }
    } finally {
      watch.unsubscribe();
    }
  }

  /** One request: a send, or an operation on the message at `seq`; its answer is applied as any news of the message. */
  private async deliver({ row, seq }: Claimed): Promise<ApplyOutcome> {
    const { transport } = this.ctx;
    if (!isOperation(row)) {
      const replyTo = row.replyToSeq === undefined ? {} : { replyToSeq: row.replyToSeq };
      const ack = await transport.send({ conversationId: row.conversationId, clientId: row.clientId, body: row.body, ...replyTo });
      if (this.ctx.signal.aborted) return NOTHING_APPLIED;
      return applyAck(this.db, this.ctx.me, ack);
    }
    const target = { conversationId: row.conversationId, seq: seq!, opId: row.clientId };
    let answer: Message;
    if (row.kind === 'edit') answer = await transport.editMessage({ ...target, body: row.body });
    else if (row.kind === 'delete') answer = await transport.deleteMessage(target);
    else answer = await transport.react({ ...target, emoji: row.emoji, on: row.on });
    if (this.ctx.signal.aborted) return NOTHING_APPLIED;
    return applyAnswer(this.db, this.ctx.me, row, answer);
  }
}

const NOTHING_APPLIED: ApplyOutcome = { received: new Map(), gap: false, unknownConversation: false };

interface Claimed {
  row: OutboxRow;
  /** An operation's message's seq. */
  seq: number | null;
}

/**
 * The first row to deliver, marked 'sending' in the same transaction: from
 * then on it is what the server may hold, and is sent again as it is.
 * A row left 'sending' by a tab that closed mid-request is simply next again.
 * An operation whose message is gone or was never stored can never be sent:
 * it goes (a refused send takes its operations along, so this is a rare race).
 */
function claimNext(db: ClientDb): Promise<Claimed | undefined> {
  return db.transaction('rw', db.outbox, db.messages, async () => {
    for (;;) {
      const row = await db.outbox
        .orderBy('order')
        .filter((r) => r.state !== 'failed')
        .first();
      if (!row) return undefined;
      let seq: number | null = null;
      if (isOperation(row)) {
        seq = (await db.messages.get([row.targetSenderId, row.targetClientId]))?.seq ?? null;
        if (seq === null) {
          await db.outbox.delete(row.order!);
          continue;
        }
      }
      if (row.state === 'queued') await db.outbox.update(row.order!, { state: 'sending' });
      return { row: { ...row, state: 'sending' }, seq };
    }
  });
}

/** The server's answer to an operation: the message as it now is, applied by updateRev, and the operation done, together. */
function applyAnswer(db: ClientDb, me: string, row: OperationRow, answer: Message): Promise<ApplyOutcome> {
  return db.transaction('rw', [db.conversations, db.messages, db.outbox, db.meta], async () => {
    const outcome = await applyChanges(db, me, [{ type: 'messageUpdate', rev: 0, message: answer }]);
    await db.outbox.delete(row.order!);
    return outcome;
  });
}

/**
 * A permanent refusal of an operation: it leaves the outbox, so the message
 * shows as the server has it again, and says why on the message. One the
 * person already dropped (a delete made it moot) says nothing.
 */
async function refuseOperation(db: ClientDb, row: OperationRow, error: ChatError): Promise<void> {
  await db.transaction('rw', db.outbox, db.messages, async () => {
    if (!(await db.outbox.get(row.order!))) return;
    await db.outbox.delete(row.order!);
    await db.messages.update([row.targetSenderId, row.targetClientId], { actionError: { action: row.kind, code: error.code, message: error.message } });
  });
}

/**
 * A permanent refusal of a send: the message stays, marked failed with the reason, for the user to
 * retry or discard. What was queued on it while it was on its way folds into it: the body as edited;
 * deleted meanwhile, it simply goes; reactions go (a message never stored has none).
 */
async function markFailed(db: ClientDb, me: string, entry: SendRow, error: ChatError): Promise<void> {
  await db.transaction('rw', db.outbox, db.messages, async () => {
    const current = await sendRowOf(db, entry.clientId);
    if (!current) return;
    const message = await db.messages.get([me, entry.clientId]);
    const ops = await operationsOf(db, me, entry.clientId);
    await db.outbox.bulkDelete(ops.map((op) => op.order!));
    const state = message ? withQueuedOps(stateOf(message), ops, me) : null;
    if (!state || state.deleted) {
      await db.outbox.delete(current.order!);
      await db.messages.delete([me, entry.clientId]);
      return;
    }
    await db.outbox.put({ ...current, state: 'failed', body: state.body });
    await db.messages
      .where('[senderId+clientId]')
      .equals([me, entry.clientId])
      .modify((row) => {
        row.body = state.body;
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
    await db.outbox.bulkDelete((await operationsOf(db, me, clientId)).map((op) => op.order!));
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
  replyToSeq?: number,
): Promise<void> {
  const replyTo = replyToSeq === undefined ? {} : { replyToSeq };
  await db.transaction('rw', db.outbox, db.messages, db.drafts, async () => {
    const order = await db.outbox.add({ kind: 'send', clientId, conversationId, body, state: 'queued', createdAt, ...replyTo });
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
      ...replyTo,
    });
    // The composer's text was just sent: its draft is spent.
    await db.drafts.delete(conversationId);
  });
}
