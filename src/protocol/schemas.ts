import { z } from 'zod';
import { LIMITS, USERNAME_PATTERN } from './limits';
import { groupInfoSchema, memberRoleSchema, systemEntrySchema } from './groupEntries';
import { MESSAGE_TOO_LONG, isMessageTooLong } from './rules/messageLength';
import { stripInvisible, text } from './text';

// Inputs: what a client sends. Every backend parses these before doing anything.
// Every string in them is text(): no NUL, no broken character.

export const usernameSchema = text()
  .trim()
  .toLowerCase()
  .min(LIMITS.usernameMin, `Username must be at least ${LIMITS.usernameMin} characters.`)
  .max(LIMITS.usernameMax, `Username must be at most ${LIMITS.usernameMax} characters.`)
  .regex(USERNAME_PATTERN, 'Username may use only letters, digits, "_", "." and "-".');

export const passwordSchema = text()
  .min(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters.`)
  .max(LIMITS.passwordMax, `Password must be at most ${LIMITS.passwordMax} characters.`);

export const emailSchema = text().trim().max(LIMITS.emailMax).email('Enter a valid email address.');

/** Shown to everyone: invisible characters that could disguise it are dropped. */
export const displayNameSchema = text().overwrite(stripInvisible).trim().min(1).max(LIMITS.displayNameMax);

export const registrationSchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema.optional(),
});

export const credentialsSchema = z.object({
  username: text().trim().toLowerCase().min(1, 'Enter your username.').max(LIMITS.usernameMax * 2),
  password: text().min(1, 'Enter your password.').max(LIMITS.passwordMax),
});

export const idSchema = text().min(1).max(128);
export const clientIdSchema = text().min(8).max(LIMITS.clientIdMax);
export const seqSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const bodySchema = text()
  .trim()
  .min(1, 'A message cannot be empty.')
  .refine((body) => !isMessageTooLong(body), MESSAGE_TOO_LONG);

export const sendInputSchema = z.object({
  conversationId: idSchema,
  clientId: clientIdSchema,
  body: bodySchema,
});

export const openDirectInputSchema = z.object({ userId: idSchema });

export const historyInputSchema = z.object({
  conversationId: idSchema,
  beforeSeq: seqSchema.optional(),
  limit: z.number().int().min(1).max(LIMITS.historyPageMax),
});

export const catchUpInputSchema = z.object({
  since: seqSchema,
  limit: z.number().int().min(1).max(LIMITS.catchUpPageMax).optional(),
});

export const markInputSchema = z.object({
  conversationId: idSchema,
  uptoSeq: seqSchema,
});

export const typingInputSchema = z.object({
  conversationId: idSchema,
  typing: z.boolean(),
});

export const tokenSchema = text().min(1).max(4096);

// Outputs: what a backend answers. Adapters parse these at the edge, then trust the types.

const isoDate = z.string().min(1);

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  avatarColor: z.string(),
});

export const userWithPresenceSchema = userSchema.extend({
  presence: z.enum(['online', 'offline']),
  lastSeen: isoDate.nullable(),
});

export const sessionSchema = z.object({ token: tokenSchema, user: userSchema });

export const messageSchema = z.object({
  id: idSchema,
  clientId: z.string(),
  conversationId: idSchema,
  senderId: idSchema,
  body: z.string(),
  createdAt: isoDate,
  seq: z.number().int().positive(),
  status: z.enum(['sent', 'delivered', 'read']),
  system: z.optional(systemEntrySchema),
});

export const conversationMemberSchema = z.object({
  userId: idSchema,
  deliveredSeq: seqSchema,
  readSeq: seqSchema,
  role: z.optional(memberRoleSchema),
  joinedSeq: seqSchema.optional(),
});

export const conversationSchema = z.object({
  id: idSchema,
  kind: z.enum(['direct', 'group']),
  members: z.array(conversationMemberSchema),
  createdAt: isoDate,
  lastSeq: seqSchema,
  group: z.optional(groupInfoSchema),
});

export const conversationSummarySchema = conversationSchema.extend({
  lastMessage: messageSchema.nullable(),
  unreadCount: z.number().int().nonnegative(),
});

export const historyPageSchema = z.object({
  messages: z.array(messageSchema),
  hasMore: z.boolean(),
});

export const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), rev: z.number().int().positive(), message: messageSchema }),
  z.object({
    type: z.literal('receipt'),
    rev: z.number().int().positive(),
    conversationId: idSchema,
    userId: idSchema,
    kind: z.enum(['delivered', 'read']),
    uptoSeq: seqSchema,
  }),
  z.object({ type: z.literal('conversation'), rev: z.number().int().positive(), conversation: conversationSchema }),
]);

export const ephemeralEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('presence'),
    userId: idSchema,
    presence: z.enum(['online', 'offline']),
    lastSeen: isoDate.nullable(),
  }),
  z.object({ type: z.literal('typing'), conversationId: idSchema, userId: idSchema, typing: z.boolean() }),
]);

export const chatEventSchema = z.union([changeSchema, ephemeralEventSchema]);

export const catchUpResultSchema = z.object({
  changes: z.array(changeSchema),
  cursor: seqSchema,
  hasMore: z.boolean(),
});

export const bootstrapResultSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  users: z.array(userWithPresenceSchema),
  cursor: seqSchema,
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .object({ field: z.string().optional(), retryAfterMs: z.number().optional() })
      .optional(),
  }),
});
