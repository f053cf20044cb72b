import { z } from 'zod/mini';
import type { GroupInfo, MemberRole, SystemEntry } from '../transport/types';
import { LIMITS } from './limits';
import { stripInvisible, text } from './text';

// The group parts of what a backend answers, which the conversation and
// message schemas (schemas.ts) embed; the group operations' own inputs and
// answers are in groups.ts.

const id = z.string().check(z.minLength(1), z.maxLength(128));

/**
 * A group's title as a person typed it: text() (no NUL, no broken
 * character), without invisible characters that could disguise it, trimmed,
 * 1-80 characters.
 */
export const groupTitleSchema = z.pipe(
  text(),
  z.string().check(
    z.overwrite(stripInvisible),
    z.trim(),
    z.minLength(1, 'A group needs a title.'),
    z.maxLength(LIMITS.groupTitleMax, `A title can be at most ${LIMITS.groupTitleMax} characters.`),
  ),
);

export const groupVisibilitySchema = z.enum(['private', 'public']);
export const memberRoleSchema = z.enum(['owner', 'member']) satisfies z.ZodMiniType<MemberRole>;

export const groupInfoSchema = z.object({
  title: z.string(),
  visibility: groupVisibilitySchema,
  createdBy: id,
}) satisfies z.ZodMiniType<GroupInfo>;

export const systemEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('created'), title: z.string(), memberIds: z.array(id) }),
  z.object({ type: z.literal('added'), userIds: z.array(id) }),
  z.object({ type: z.literal('removed'), userId: id }),
  z.object({ type: z.literal('left'), newOwnerId: z.nullable(id) }),
  z.object({ type: z.literal('joined') }),
  z.object({ type: z.literal('renamed'), title: z.string() }),
]) satisfies z.ZodMiniType<SystemEntry>;
