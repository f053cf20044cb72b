import { z } from 'zod/mini';
import { clientIdSchema, bodySchema, idSchema, seqSchema } from './schemas';
import { isReactionEmoji } from './rules/emoji';
import { text } from './text';

// The inputs of edit, delete and react (every backend parses them before doing
// anything). Each names its message by conversation and seq and carries the
// client's operation id; each answers the message (messageSchema).

export const messageOperationSchema = z.object({
  conversationId: idSchema,
  seq: seqSchema.check(z.positive()),
  opId: clientIdSchema,
});

export const editInputSchema = z.extend(messageOperationSchema, { body: bodySchema });

export const reactInputSchema = z.extend(messageOperationSchema, {
  emoji: text().check(z.refine(isReactionEmoji, 'A reaction is one emoji.')),
  on: z.boolean(),
});
