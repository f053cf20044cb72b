import { ChatError, type UserId } from '../../transport';
import type { MessageRef } from '../api';
import { type ClientDb, type OperationRow, operationsOf, sendRowOf } from '../db/clientDb';
import { type NewOperation, type OperationPlan, planOperation } from '../rules/messageOps';

/**
 * An edit, delete or reaction of mine, in one transaction with what the
 * outbox holds for the message (planOperation decides): queued durably like a
 * send, folded into what is queued, or refused at once with the reason the
 * server would give. Resolves the plan; the worker has work when it is 'queue'
 * or 'rewriteSend'. Any of my actions on the message clears its last refusal.
 */
export function queueOperation(db: ClientDb, me: UserId, ref: MessageRef, op: NewOperation, opId: string, createdAt: string): Promise<OperationPlan> {
  return db.transaction('rw', db.outbox, db.messages, async () => {
    const key: [UserId, string] = [ref.senderId, ref.clientId];
    const message = await db.messages.get(key);
    if (!message || message.conversationId !== ref.conversationId) throw new ChatError('NOT_FOUND', 'That message does not exist.', { field: 'seq' });
    const [send, ops] = await Promise.all([ref.senderId === me ? sendRowOf(db, ref.clientId) : undefined, operationsOf(db, ref.senderId, ref.clientId)]);
    const plan = planOperation({ message, send, ops }, me, op);
    if (message.actionError) {
      await db.messages
        .where('[senderId+clientId]')
        .equals(key)
        .modify((row) => void delete row.actionError);
    }
    switch (plan.type) {
      case 'nothing':
        break;
      case 'rewriteSend':
        // A failed one is tried again with its new body: the server refused it, so holds none of it.
        await db.outbox.put({ ...send!, state: 'queued', body: plan.body });
        await db.messages.update(key, { body: plan.body, status: 'pending', error: null });
        break;
      case 'dropMessage':
        await db.outbox.bulkDelete([send!.order!, ...ops.map((o) => o.order!)]);
        await db.messages.delete(key);
        break;
      case 'cancel':
        await db.outbox.bulkDelete(plan.drop);
        break;
      case 'queue':
        await db.outbox.bulkDelete(plan.drop);
        await db.outbox.add(operationRow(ref, op, opId, createdAt));
        break;
    }
    return plan;
  });
}

function operationRow(ref: MessageRef, op: NewOperation, opId: string, createdAt: string): OperationRow {
  const entry = { clientId: opId, conversationId: ref.conversationId, state: 'queued' as const, createdAt, targetSenderId: ref.senderId, targetClientId: ref.clientId };
  return { ...entry, ...op };
}
