import type { Change, Conversation, ConversationId, ConversationSummary, Message, ReceiptKind, UserId } from '../../transport';
import { type ClientDb, type ConversationRow, PENDING_BASE, conversationRange } from '../db/clientDb';
import { hasGap } from '../rules/gap';
import { memberMarker, mergeConversation, mergeMembers, mergeMessage, stubConversation } from '../rules/merge';
import { advanceStatus, statusFromMarkers } from '../rules/status';

export interface ApplyOutcome {
  /** Per conversation, the highest seq of others' messages now stored: what to report as delivered. */
  received: Map<ConversationId, number>;
  /** A message skipped past the next expected seq: something was missed, catch up. */
  gap: boolean;
  /** A change named a conversation this device does not know yet: refresh the list. */
  unknownConversation: boolean;
}

export interface ApplyOptions {
  /** The catch-up cursor these changes bring us to, stored in the same transaction. */
  cursor?: number;
  /** Live events and acks can show a hole; catch-up pages and history cannot. */
  detectGaps?: boolean;
}

/**
 * Applies durable changes in one transaction. Every step is idempotent and
 * commutative (upsert by sender + clientId, markers and statuses by max), so a
 * change applied twice, late or out of order leaves the same cache.
 */
export function applyChanges(db: ClientDb, me: UserId, changes: readonly Change[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  return db.transaction('rw', [db.conversations, db.messages, db.outbox, db.meta], async () => {
    const batch = new Batch(db, me, options.detectGaps ?? false);
    for (const change of changes) {
      if (change.type === 'message') await batch.message(change.message);
      else if (change.type === 'receipt') await batch.receipt(change.conversationId, change.userId, change.kind, change.uptoSeq);
      else await batch.conversation(change.conversation);
    }
    await batch.flush();
    if (options.cursor !== undefined) {
      const current = (await db.meta.get('cursor'))?.value ?? 0;
      if (options.cursor > current) await db.meta.put({ key: 'cursor', value: options.cursor });
    }
    return batch.outcome;
  });
}

/** The ack of my send: the same row as the pending one, whether or not the event beat it here. */
export function applyAck(db: ClientDb, me: UserId, message: Message): Promise<ApplyOutcome> {
  return applyChanges(db, me, [{ type: 'message', rev: 0, message }], { detectGaps: true });
}

export function applySummaries(db: ClientDb, me: UserId, summaries: readonly ConversationSummary[]): Promise<ApplyOutcome> {
  const changes: Change[] = [];
  for (const { lastMessage, unreadCount: _unread, ...conversation } of summaries) {
    changes.push({ type: 'conversation', rev: 0, conversation });
    if (lastMessage) changes.push({ type: 'message', rev: 0, message: lastMessage });
  }
  return applyChanges(db, me, changes);
}

export function applyHistory(db: ClientDb, me: UserId, messages: readonly Message[]): Promise<ApplyOutcome> {
  return applyChanges(
    db,
    me,
    messages.map((message) => ({ type: 'message', rev: 0, message })),
  );
}

export async function readCursor(db: ClientDb): Promise<number> {
  return (await db.meta.get('cursor'))?.value ?? 0;
}

/** Conversation rows are read once per batch and written once at its end. */
class Batch {
  readonly outcome: ApplyOutcome = { received: new Map(), gap: false, unknownConversation: false };
  private readonly rows = new Map<ConversationId, ConversationRow>();
  /** The highest seq stored per conversation before this batch, for gap detection. */
  private readonly storedSeq = new Map<ConversationId, number>();

  constructor(
    private readonly db: ClientDb,
    private readonly me: UserId,
    private readonly detectGaps: boolean,
  ) {}

  private async row(id: ConversationId, createdAt: string): Promise<ConversationRow> {
    let row = this.rows.get(id);
    if (!row) {
      const stored = await this.db.conversations.get(id);
      if (!stored) this.outcome.unknownConversation = true;
      row = stored ?? stubConversation(id, createdAt);
      this.rows.set(id, row);
    }
    return row;
  }

  private async highestStoredSeq(id: ConversationId): Promise<number> {
    let seq = this.storedSeq.get(id);
    if (seq === undefined) {
      const last = await conversationRange(this.db, id, -Infinity, PENDING_BASE - 1).last();
      seq = last?.seq ?? 0;
    }
    return seq;
  }

  async message(message: Message): Promise<void> {
    const row = await this.row(message.conversationId, message.createdAt);
    if (this.detectGaps) {
      const stored = await this.highestStoredSeq(message.conversationId);
      if (hasGap(stored, message.seq)) this.outcome.gap = true;
      this.storedSeq.set(message.conversationId, Math.max(stored, message.seq));
    }
    const key: [UserId, string] = [message.senderId, message.clientId];
    const existing = await this.db.messages.get(key);
    await this.db.messages.put(mergeMessage(existing, message, row.members));
    row.lastSeq = Math.max(row.lastSeq, message.seq);
    if (message.senderId === this.me) {
      // The server has it durably: whoever holds the outbox must not send it again.
      await this.db.outbox.where('clientId').equals(message.clientId).delete();
    } else {
      const received = this.outcome.received.get(message.conversationId) ?? 0;
      this.outcome.received.set(message.conversationId, Math.max(received, message.seq));
    }
  }

  async receipt(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number): Promise<void> {
    const row = await this.row(conversationId, new Date(0).toISOString());
    const before = memberMarker(row, userId);
    const after = {
      userId,
      deliveredSeq: Math.max(before.deliveredSeq, uptoSeq),
      readSeq: kind === 'read' ? Math.max(before.readSeq, uptoSeq) : before.readSeq,
    };
    row.members = mergeMembers(row.members, [after]);
    // Only messages between the old and the new marker can change.
    const from = (kind === 'read' ? before.readSeq : Math.max(before.deliveredSeq, before.readSeq)) + 1;
    await this.restatus(row, userId, from, uptoSeq);
  }

  /** Messages in [from, upto] not sent by `reader` take the status the markers now give them. */
  private async restatus(row: ConversationRow, reader: UserId, from: number, upto: number): Promise<void> {
    if (upto < from) return;
    const members = row.members;
    await conversationRange(this.db, row.id, from, upto)
      .filter((m) => m.senderId !== reader && m.seq !== null)
      .modify((m) => {
        m.status = advanceStatus(m.status, statusFromMarkers({ seq: m.seq!, senderId: m.senderId }, members));
      });
  }

  async conversation(conversation: Conversation): Promise<void> {
    const existing = this.rows.get(conversation.id) ?? (await this.db.conversations.get(conversation.id));
    const merged = mergeConversation(existing, conversation);
    this.rows.set(conversation.id, merged);
    // Markers that arrive with the conversation can advance statuses too.
    for (const member of merged.members) {
      const before = existing ? memberMarker(existing, member.userId) : { deliveredSeq: 0, readSeq: 0 };
      await this.restatus(merged, member.userId, Math.min(before.deliveredSeq, before.readSeq) + 1, Math.max(member.deliveredSeq, member.readSeq));
    }
  }

  async flush(): Promise<void> {
    if (this.rows.size > 0) await this.db.conversations.bulkPut([...this.rows.values()]);
  }
}
