import { notTheAuthor, messageDeleted, pastReactionLimit, systemEntryFixed, toggledReaction, tooManyReactions } from '../../protocol/rules/messageActions';
import { ChatError, type Reaction, type UserId } from '../../transport';
import type { ReactionView } from '../api';
import type { MessageRow, OperationRow, SendRow } from '../db/clientDb';

/**
 * My edits, deletes and reactions while they wait in the outbox. The cache
 * holds each message as the server last said; what a person sees is that
 * state with my queued operations played on top, in order (withQueuedOps). A
 * refusal then needs no undo: the operation leaves the outbox and the message
 * shows as the server has it. planOperation decides what a new operation does
 * to the outbox: most are queued, some fold into what is already queued.
 */

/** What can change about a message after it was sent. */
export interface MessageState {
  body: string;
  editedAt: string | null;
  deleted: boolean;
  reactions: readonly Reaction[];
}

export function stateOf(row: Pick<MessageRow, 'body' | 'editedAt' | 'deletedAt' | 'reactions'>): MessageState {
  const deleted = row.deletedAt !== undefined;
  return { body: deleted ? '' : row.body, editedAt: row.editedAt ?? null, deleted, reactions: row.reactions ?? [] };
}

/**
 * The state with `ops` applied in order, as the server would apply them: an
 * edit to the same body changes nothing, nothing changes a deleted message,
 * and a reaction is one per person and emoji. Applying an operation the state
 * already reflects (its answer came before it left the outbox) changes nothing.
 */
export function withQueuedOps(state: MessageState, ops: readonly OperationRow[], me: UserId): MessageState {
  let next = state;
  for (const op of ops) {
    if (next.deleted) break;
    if (op.kind === 'edit') {
      if (op.body !== next.body) next = { ...next, body: op.body, editedAt: op.createdAt };
    } else if (op.kind === 'delete') {
      next = { body: '', editedAt: next.editedAt, deleted: true, reactions: [] };
    } else {
      next = { ...next, reactions: toggledReaction(next.reactions, me, op.emoji, op.on) };
    }
  }
  return next;
}

export function reactionViews(reactions: readonly Reaction[], me: UserId): ReactionView[] {
  return reactions.map((r) => ({ emoji: r.emoji, count: r.userIds.length, mine: r.userIds.includes(me), userIds: [...r.userIds] }));
}

export type NewOperation = { kind: 'edit'; body: string } | { kind: 'delete' } | { kind: 'react'; emoji: string; on: boolean };

/** A message and what the outbox holds for it. */
export interface OperationTarget {
  message: MessageRow;
  /** Its send, while my message is not acknowledged. */
  send: SendRow | undefined;
  /** Operations queued on it, in order. */
  ops: readonly OperationRow[];
}

export type OperationPlan =
  /** It is so already (as far as this device knows, queued operations included): no request. */
  | { type: 'nothing' }
  /** The message was never handed to the server: it is sent with the new body instead (a failed one is tried again). */
  | { type: 'rewriteSend'; body: string }
  /** The message was never handed to the server: it is not sent at all, and goes with what was queued on it. */
  | { type: 'dropMessage' }
  /** Queue the operation; `drop`: the orders of queued operations it makes pointless. */
  | { type: 'queue'; drop: number[] }
  /** It takes back one not yet sent: both go, no request. */
  | { type: 'cancel'; drop: number[] };

/** Never handed to the server: it may still be rewritten or dropped. A failed send was refused, so the server has none of it. */
function notSentYet(row: SendRow | OperationRow): boolean {
  return row.state === 'queued' || row.state === 'failed';
}

/**
 * What a new operation of mine does to the outbox, or the refusal the server
 * would give (thrown as a ChatError, before anything is queued). Rows already
 * handed to the server ('sending') are never rewritten or dropped but where
 * a delete makes them moot: the server may have applied them, and a retry of
 * a rewritten one would be answered with what the first attempt did.
 */
export function planOperation({ message, send, ops }: OperationTarget, me: UserId, op: NewOperation): OperationPlan {
  if (message.system) throw systemEntryFixed();
  const state = withQueuedOps(stateOf(message), ops, me);
  const unsent = send !== undefined && notSentYet(send);
  switch (op.kind) {
    case 'edit':
      authorOnly(message, me, 'edit');
      if (state.deleted) throw messageDeleted();
      if (state.body === op.body) return { type: 'nothing' };
      if (unsent) return { type: 'rewriteSend', body: op.body };
      // A second edit replaces one not yet sent; one the server may have has to go first.
      return { type: 'queue', drop: ordersOf(ops.filter((o) => o.kind === 'edit' && notSentYet(o))) };
    case 'delete':
      authorOnly(message, me, 'delete');
      if (state.deleted) return { type: 'nothing' };
      if (unsent) return { type: 'dropMessage' };
      // Whatever was queued on it is moot: a delete takes the body and the reactions, and nothing applies after it.
      return { type: 'queue', drop: ordersOf(ops) };
    case 'react': {
      if (state.deleted) throw messageDeleted();
      if (message.seq === null && (send === undefined || send.state === 'failed')) {
        throw new ChatError('INVALID_INPUT', 'A message can be reacted to once it is sent.', { field: 'seq' });
      }
      const existing = state.reactions.find((r) => r.emoji === op.emoji);
      if ((existing?.userIds.includes(me) ?? false) === op.on) return { type: 'nothing' };
      if (op.on && pastReactionLimit(state.reactions, op.emoji)) throw tooManyReactions();
      // The last queued reaction on this emoji, not yet sent, asked the opposite: both go, but only if
      // without it the server's state already is what I ask (another device may have set it meanwhile:
      // then dropping it would leave the server's state, and my tap would do nothing).
      const last = ops.findLast((o) => o.kind === 'react' && o.emoji === op.emoji);
      if (last && notSentYet(last)) {
        const without = withQueuedOps(stateOf(message), ops.filter((o) => o !== last), me);
        const mineWithout = without.reactions.find((r) => r.emoji === op.emoji)?.userIds.includes(me) ?? false;
        if (mineWithout === op.on) return { type: 'cancel', drop: ordersOf([last]) };
      }
      return { type: 'queue', drop: [] };
    }
  }
}

function authorOnly(message: MessageRow, me: UserId, what: 'edit' | 'delete'): void {
  if (message.senderId !== me) throw notTheAuthor(what);
}

function ordersOf(rows: readonly (SendRow | OperationRow)[]): number[] {
  return rows.map((row) => row.order!);
}
