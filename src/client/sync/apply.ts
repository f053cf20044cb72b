import type { BootstrapResult, Change, Conversation, ConversationId, ConversationSummary, Message, ReceiptKind, UserId, UserWithPresence } from '../../transport';
import { type ClientDb, type ConversationRow, type MessageRow, PENDING_BASE, conversationRange } from '../db/clientDb';
import { hasGap } from '../rules/gap';
import { isMember, memberMarker, mergeConversation, mergeMembers, mergeMessage, stubConversation } from '../rules/merge';
import { statusFromMarkers } from '../../protocol/rules/messageStatus';
import { deliveredUpTo, markersAfterReceipt } from '../../protocol/rules/receiptMarkers';
import { advanceStatus } from '../rules/status';
import { laterSummary, type UnreadSummary } from '../rules/unread';

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
  /**
   * For live events: move the cursor over changes that directly follow it.
   * One that does not (a rev in between may have been lost or be late) leaves
   * the cursor to the next catch-up, which would otherwise skip the lost one.
   * A device with no cursor yet gets none this way: its bootstrap sets it.
   */
  followCursor?: boolean;
  /** The server's unread counts per conversation, from its summaries. */
  summaries?: ReadonlyMap<ConversationId, UnreadSummary>;
  /** Called as conversation changes are stored: how many of how many. */
  onConversation?: (done: number, total: number) => void;
}

/**
 * Applies durable changes in one transaction. Every step is idempotent and
 * commutative (upsert by sender + clientId, markers and statuses by max), so a
 * change applied twice, late or out of order leaves the same cache.
 */
export function applyChanges(db: ClientDb, me: UserId, changes: readonly Change[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  return db.transaction('rw', [db.conversations, db.messages, db.outbox, db.meta], async () => {
    const batch = new Batch(db, me);
    await batch.prefetch(changes);
    const conversations = { done: 0, total: changes.filter((c) => c.type === 'conversation').length };
    for (const change of changes) {
      if (change.type === 'message' || change.type === 'messageUpdate') {
        // An update of a message this device holds never shows a gap (its seq is below the newest held); of one
        // it lacks and newer than those it holds, it does: the message itself, and perhaps more, were missed.
        if (options.detectGaps) await batch.checkGap(change.message);
        // Synchronous on purpose: hundreds of awaits without a database request would end the transaction.
        batch.message(change.message, change.type === 'message');
      } else {
        // Markers restatus stored rows: the messages before them must be stored first.
        if (batch.hasUnwritten()) await batch.flushMessages();
        if (change.type === 'conversation') {
          await batch.conversation(change.conversation, change.rev);
          options.onConversation?.(++conversations.done, conversations.total);
        } else {
          const restatus = batch.receipt(change.conversationId, change.userId, change.kind, change.uptoSeq);
          if (restatus) await restatus;
        }
      }
    }
    for (const [id, summary] of options.summaries ?? []) batch.summary(id, summary);
    await batch.flush();
    if (options.cursor !== undefined || options.followCursor) {
      const stored = await storedCursor(db);
      const next = options.cursor ?? (stored === null ? null : followedCursor(stored, changes));
      if (next !== null && (stored === null || next > stored)) await db.meta.put({ key: 'cursor', value: next });
    }
    return batch.outcome;
  });
}

/** The ack of my send: the same row as the pending one, whether or not the event beat it here. */
export function applyAck(db: ClientDb, me: UserId, message: Message): Promise<ApplyOutcome> {
  return applyChanges(db, me, [{ type: 'message', rev: 0, message }], { detectGaps: true });
}

/** Conversation summaries: each conversation, its newest message and what the server counted unread. */
export function applySummaries(
  db: ClientDb,
  me: UserId,
  summaries: readonly ConversationSummary[],
  options: Pick<ApplyOptions, 'cursor' | 'onConversation'> = {},
): Promise<ApplyOutcome> {
  const changes: Change[] = [];
  const counted = new Map<ConversationId, UnreadSummary>();
  for (const { lastMessage, unreadCount, ...conversation } of summaries) {
    changes.push({ type: 'conversation', rev: 0, conversation });
    if (lastMessage) changes.push({ type: 'message', rev: 0, message: lastMessage });
    counted.set(conversation.id, { lastSeq: conversation.lastSeq, readSeq: memberMarker(conversation, me).readSeq, unread: unreadCount });
  }
  return applyChanges(db, me, changes, { ...options, summaries: counted });
}

/**
 * A first sync's answer in one transaction: the directory, the summaries
 * and the cursor they are current to. The cursor is never stored without
 * them, so a device that has a cursor has its list.
 */
export function applyBootstrap(db: ClientDb, me: UserId, bootstrap: BootstrapResult, onConversation?: (done: number, total: number) => void): Promise<ApplyOutcome> {
  return db.transaction('rw', [db.conversations, db.messages, db.outbox, db.meta, db.users], async () => {
    await replaceDirectory(db, bootstrap.users);
    return applySummaries(db, me, bootstrap.conversations, { cursor: bootstrap.cursor, onConversation });
  });
}

/** The directory as the server lists it now: someone no longer in it goes. */
export function replaceDirectory(db: ClientDb, users: readonly UserWithPresence[]): Promise<void> {
  return db.transaction('rw', db.users, async () => {
    await db.users.clear();
    await db.users.bulkPut([...users]);
  });
}

export function applyHistory(db: ClientDb, me: UserId, messages: readonly Message[]): Promise<ApplyOutcome> {
  return applyChanges(
    db,
    me,
    messages.map((message) => ({ type: 'message', rev: 0, message })),
  );
}

/** The cursor after live changes: it moves only across revs that follow it without a hole. */
export function followedCursor(cursor: number, changes: readonly Change[]): number {
  let next = cursor;
  for (const change of [...changes].sort((a, b) => a.rev - b.rev)) if (change.rev === next + 1) next = change.rev;
  return next;
}

export async function readCursor(db: ClientDb): Promise<number> {
  return (await storedCursor(db)) ?? 0;
}

/** The catch-up cursor; null until the device's first sync is stored. */
export async function storedCursor(db: ClientDb): Promise<number | null> {
  return (await db.meta.get('cursor'))?.value ?? null;
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
  ) {}

  /** The conversation row, prefetched; a stub when this device does not know the conversation. */
  private row(id: ConversationId, createdAt: string): ConversationRow {
    let row = this.rows.get(id);
    if (!row) {
      this.outcome.unknownConversation = true;
      row = stubConversation(id, createdAt);
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

  /** Rows of the batch's messages, read in one go rather than one by one. */
  private readonly existing = new Map<string, MessageRow>();
  /** Merged rows not yet written, and my clientIds whose outbox entries are spent. */
  private readonly puts = new Map<string, MessageRow>();
  private readonly spent: string[] = [];

  async prefetch(changes: readonly Change[]): Promise<void> {
    const conversationIds = [...new Set(changes.map((c) => ('message' in c ? c.message.conversationId : c.type === 'receipt' ? c.conversationId : c.conversation.id)))];
    const conversations = await this.db.conversations.bulkGet(conversationIds);
    for (const row of conversations) if (row) this.rows.set(row.id, row);
    const keys = changes.flatMap((c): [UserId, string][] => (c.type === 'message' || c.type === 'messageUpdate' ? [[c.message.senderId, c.message.clientId]] : []));
    if (keys.length === 0) return;
    const rows = await this.db.messages.bulkGet(keys);
    for (const row of rows) if (row) this.existing.set(rowKey(row.senderId, row.clientId), row);
  }

  hasUnwritten(): boolean {
    return this.puts.size > 0 || this.spent.length > 0;
  }

  async flushMessages(): Promise<void> {
    if (this.puts.size > 0) await this.db.messages.bulkPut([...this.puts.values()]);
    for (const row of this.puts.values()) this.existing.set(rowKey(row.senderId, row.clientId), row);
    this.puts.clear();
    // The server has them durably: whoever holds the outbox must not send them again.
    if (this.spent.length > 0) await this.db.outbox.where('clientId').anyOf(this.spent.splice(0)).delete();
  }

  async checkGap(message: Message): Promise<void> {
    const stored = await this.highestStoredSeq(message.conversationId);
    if (hasGap(stored, message.seq)) this.outcome.gap = true;
    this.storedSeq.set(message.conversationId, Math.max(stored, message.seq));
  }

  /**
   * Stores a message, or a newer state of one (`arrived` false: an edit, delete or reaction, which
   * is not news: it reports nothing delivered). An update of a message the cache lacks is stored
   * too, as the message it is: a history page read before the update and stored after it is then
   * older by updateRev and does not win.
   */
  message(message: Message, arrived = true): void {
    const row = this.row(message.conversationId, message.createdAt);
    const key = rowKey(message.senderId, message.clientId);
    this.puts.set(key, mergeMessage(this.puts.get(key) ?? this.existing.get(key), message, row.members));
    row.lastSeq = Math.max(row.lastSeq, message.seq);
    if (message.senderId === this.me) {
      // Stored on the server either way.
      this.spent.push(message.clientId);
    } else if (arrived) {
      const received = this.outcome.received.get(message.conversationId) ?? 0;
      this.outcome.received.set(message.conversationId, Math.max(received, message.seq));
    }
  }

  /** Moves the marker; returns the restatus of the messages it passed, if any. */
  receipt(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number): Promise<void> | null {
    const row = this.row(conversationId, new Date(0).toISOString());
    // Someone no longer in a group (a receipt from before they left, late): their marker no longer counts.
    if (row.kind === 'group' && !isMember(row, userId)) return null;
    const before = memberMarker(row, userId);
    row.members = mergeMembers(row.members, [{ userId, ...markersAfterReceipt(before, kind, uptoSeq) }]);
    // Only messages between the old and the new marker can change.
    const from = (kind === 'read' ? before.readSeq : deliveredUpTo(before)) + 1;
    return uptoSeq < from ? null : this.restatus(row, userId, from, uptoSeq);
  }

  /** Messages in [from, upto] not sent by `reader` take the status the markers now give them. */
  private async restatus(row: ConversationRow, reader: UserId, from: number, upto: number): Promise<void> {
    const members = row.members;
    await conversationRange(this.db, row.id, from, upto)
      .filter((m) => m.senderId !== reader && m.seq !== null)
      .modify((m) => {
        m.status = advanceStatus(m.status, statusFromMarkers({ seq: m.seq!, senderId: m.senderId }, members));
      });
  }

  async conversation(conversation: Conversation, rev: number): Promise<void> {
    const existing = this.rows.get(conversation.id) ?? (await this.db.conversations.get(conversation.id));
    const merged = mergeConversation(existing, conversation, rev, this.me);
    this.rows.set(conversation.id, merged);
    if (existing && merged.kind === 'group' && existing.members.some((m) => !isMember(merged, m.userId))) {
      // Someone left: my messages no longer wait for them (receiversOf), and may now be delivered or read by all.
      const from = Math.min(...merged.members.map((m) => deliveredUpTo(m)), merged.lastSeq) + 1;
      await this.restatusMine(merged, from);
    }
    // Markers that arrive with the conversation can advance statuses too.
    for (const member of merged.members) {
      const before = existing ? memberMarker(existing, member.userId) : { deliveredSeq: 0, readSeq: 0 };
      const from = Math.min(before.deliveredSeq, before.readSeq) + 1;
      const upto = deliveredUpTo(member);
      if (upto >= from) await this.restatus(merged, member.userId, from, upto);
    }
  }

  private async restatusMine(row: ConversationRow, from: number): Promise<void> {
    const members = row.members;
    await conversationRange(this.db, row.id, from, PENDING_BASE - 1)
      .filter((m) => m.senderId === this.me && m.seq !== null)
      .modify((m) => {
        m.status = advanceStatus(m.status, statusFromMarkers({ seq: m.seq!, senderId: m.senderId }, members));
      });
  }

  /** The server's count stands until a later one: summaries fetched at once may land in any order. */
  summary(id: ConversationId, summary: UnreadSummary): void {
    const row = this.rows.get(id);
    if (row) row.summary = laterSummary(row.summary, summary);
  }

  async flush(): Promise<void> {
    await this.flushMessages();
    if (this.rows.size > 0) await this.db.conversations.bulkPut([...this.rows.values()]);
  }
}

function rowKey(senderId: UserId, clientId: string): string {
  return `${senderId}\u0000${clientId}`;
}
