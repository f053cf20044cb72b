import { z } from 'zod/mini';
import type { ChannelListing, MessageInfo } from '../transport/types';
import { groupTitleSchema, groupVisibilitySchema } from './groupEntries';
import { LIMITS } from './limits';
import { clientIdSchema, idSchema, seqSchema } from './schemas';
import { text } from './text';

// The group and channel operations' inputs (every backend parses them before
// doing anything) and answers (adapters parse them at the edge). The group
// parts of a conversation and a message are in groupEntries.ts.

const memberIdsSchema = z.array(idSchema).check(
  z.maxLength(LIMITS.groupMembersMax - 1, `A group can have at most ${LIMITS.groupMembersMax} members.`),
);

export const createGroupInputSchema = z.object({
  clientId: clientIdSchema,
  title: groupTitleSchema,
  visibility: groupVisibilitySchema,
  memberIds: memberIdsSchema,
});

export const addMembersInputSchema = z.object({
  conversationId: idSchema,
  userIds: memberIdsSchema.check(z.minLength(1, 'Choose someone to add.')),
});

export const removeMemberInputSchema = z.object({ conversationId: idSchema, userId: idSchema });

export const groupInputSchema = z.object({ conversationId: idSchema });

export const renameGroupInputSchema = z.object({ conversationId: idSchema, title: groupTitleSchema });

export const browseChannelsInputSchema = z.object({
  search: z.optional(z.pipe(text(), z.string().check(z.trim(), z.maxLength(LIMITS.groupTitleMax)))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.channelPageMax))),
});

export const messageInfoInputSchema = z.object({
  conversationId: idSchema,
  seq: seqSchema.check(z.positive()),
});

// Answers.

const isoDate = z.string().check(z.minLength(1));

export const channelListingSchema = z.object({
  id: idSchema,
  title: z.string(),
  memberCount: z.number().check(z.int(), z.nonnegative()),
  createdBy: idSchema,
  createdAt: isoDate,
  lastActivityAt: isoDate,
}) satisfies z.ZodMiniType<ChannelListing>;

const messageReceiptSchema = z.object({ userId: idSchema, at: z.nullable(isoDate) });

export const messageInfoSchema = z.object({
  conversationId: idSchema,
  seq: seqSchema,
  read: z.array(messageReceiptSchema),
  delivered: z.array(messageReceiptSchema),
  pending: z.array(idSchema),
}) satisfies z.ZodMiniType<MessageInfo>;
