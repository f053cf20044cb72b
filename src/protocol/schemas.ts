import { z } from 'zod/mini';
import { LIMITS, USERNAME_PATTERN } from './limits';
import { groupInfoSchema, memberRoleSchema, systemEntrySchema } from './groupEntries';
import { MESSAGE_TOO_LONG, isMessageTooLong } from './rules/messageLength';
import { stripInvisible, text } from './text';

// Inputs: what a client sends. Every backend parses these before doing anything.
// Every string in them is text(): no NUL, no broken character.

export const usernameSchema = text().check(
  z.trim(),
  z.toLowerCase(),
  z.minLength(LIMITS.usernameMin, `Username must be at least ${LIMITS.usernameMin} characters.`),
  z.maxLength(LIMITS.usernameMax, `Username must be at most ${LIMITS.usernameMax} characters.`),
  z.regex(USERNAME_PATTERN, 'Username may use only letters, digits, "_", "." and "-".'),
);

export const passwordSchema = text().check(
  z.minLength(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters.`),
  z.maxLength(LIMITS.passwordMax, `Password must be at most ${LIMITS.passwordMax} characters.`),
);

export const emailSchema = text().check(z.trim(), z.maxLength(LIMITS.emailMax), z.email('Enter a valid email address.'));

/** Shown to everyone: invisible characters that could disguise it are dropped. */
export const displayNameSchema = text().check(z.overwrite(stripInvisible), z.trim(), z.minLength(1), z.maxLength(LIMITS.displayNameMax));

export const registrationSchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  displayName: z.optional(displayNameSchema),
});

export const credentialsSchema = z.object({
  username: text().check(z.trim(), z.toLowerCase(), z.minLength(1, 'Enter your username.'), z.maxLength(LIMITS.usernameMax * 2)),
  password: text().check(z.minLength(1, 'Enter your password.'), z.maxLength(LIMITS.passwordMax)),
});

export const idSchema = text().check(z.minLength(1), z.maxLength(128));
export const clientIdSchema = text().check(z.minLength(8), z.maxLength(LIMITS.clientIdMax));
export const seqSchema = z.number().check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER));

export const bodySchema = text().check(
  z.trim(),
  z.minLength(1, 'A message cannot be empty.'),
  z.refine((body) => !isMessageTooLong(body), MESSAGE_TOO_LONG),
);

export const sendInputSchema = z.object({
  conversationId: idSchema,
  clientId: clientIdSchema,
  body: bodySchema,
  replyToSeq: z.optional(seqSchema.check(z.positive())),
});

export const openDirectInputSchema = z.object({ userId: idSchema });

export const historyInputSchema = z.object({
  conversationId: idSchema,
  beforeSeq: z.optional(seqSchema),
  limit: z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.historyPageMax)),
});

export const catchUpInputSchema = z.object({
  since: seqSchema,
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.catchUpPageMax))),
});

export const markInputSchema = z.object({
  conversationId: idSchema,
  uptoSeq: seqSchema,
});

export const typingInputSchema = z.object({
  conversationId: idSchema,
  typing: z.boolean(),
});

export const tokenSchema = text().check(z.minLength(1), z.maxLength(4096));

// Outputs: what a backend answers. Adapters parse these at the edge, then trust the types.

const isoDate = z.string().check(z.minLength(1));

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  avatarColor: z.string(),
});

export const userWithPresenceSchema = z.extend(userSchema, {
  presence: z.enum(['online', 'offline']),
  lastSeen: z.nullable(isoDate),
});

export const sessionSchema = z.object({ token: tokenSchema, user: userSchema });

export const messageSchema = z.object({
  id: idSchema,
  clientId: z.string(),
  conversationId: idSchema,
  senderId: idSchema,
  body: z.string(),
  createdAt: isoDate,
  seq: z.number().check(z.int(), z.positive()),
  status: z.enum(['sent', 'delivered', 'read']),
  system: z.optional(systemEntrySchema),
  replyToSeq: z.optional(z.number().check(z.int(), z.positive())),
  editedAt: z.optional(isoDate),
  deletedAt: z.optional(isoDate),
  reactions: z.optional(z.array(z.object({ emoji: z.string(), userIds: z.array(idSchema) }))),
  updateRev: z.optional(z.number().check(z.int(), z.positive())),
});

export const conversationMemberSchema = z.object({
  userId: idSchema,
  deliveredSeq: seqSchema,
  readSeq: seqSchema,
  role: z.optional(memberRoleSchema),
  joinedSeq: z.optional(seqSchema),
});

export const conversationSchema = z.object({
  id: idSchema,
  kind: z.enum(['direct', 'group']),
  members: z.array(conversationMemberSchema),
  createdAt: isoDate,
  lastSeq: seqSchema,
  group: z.optional(groupInfoSchema),
});

export const conversationSummarySchema = z.extend(conversationSchema, {
  lastMessage: z.nullable(messageSchema),
  unreadCount: z.number().check(z.int(), z.nonnegative()),
});

export const historyPageSchema = z.object({
  messages: z.array(messageSchema),
  hasMore: z.boolean(),
});

export const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), rev: z.number().check(z.int(), z.positive()), message: messageSchema }),
  z.object({
    type: z.literal('receipt'),
    rev: z.number().check(z.int(), z.positive()),
    conversationId: idSchema,
    userId: idSchema,
    kind: z.enum(['delivered', 'read']),
    uptoSeq: seqSchema,
  }),
  z.object({ type: z.literal('conversation'), rev: z.number().check(z.int(), z.positive()), conversation: conversationSchema }),
  z.object({ type: z.literal('messageUpdate'), rev: z.number().check(z.int(), z.positive()), message: messageSchema }),
]);

export const ephemeralEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('presence'),
    userId: idSchema,
    presence: z.enum(['online', 'offline']),
    lastSeen: z.nullable(isoDate),
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
    details: z.optional(z.object({ field: z.optional(z.string()), retryAfterMs: z.optional(z.number()) })),
  }),
});
