import { ChatError, type ChannelListing, type Conversation, type ConversationId, type GroupVisibility, type MessageInfo, type UserId } from '../../transport';
import { receiptSplit } from '../../protocol/rules/messageStatus';
import { retryDelay } from '../../protocol/rules/backoff';
import { LIMITS } from '../../protocol/limits';
import type { ConversationRow } from '../db/clientDb';
import type { EngineContext } from '../engine/context';
import { isMember } from '../rules/merge';
import { applyChanges, type ApplyOutcome } from '../sync/apply';
import { sleep } from '../sync/job';

export interface NewGroup {
  title: string;
  visibility: GroupVisibility;
  /** The others to add; I am its owner. */
  memberIds: UserId[];
}

/** Message info as the UI shows it: from the server, or from this device's markers when it cannot be reached. */
export interface MessageInfoResult extends MessageInfo {
  /** True when worked out from the cache (offline): who has it is as of the last sync, and there are no times. */
  fromCache: boolean;
}

/** A create that met a transient failure is tried again this many times, with the same client id (one group, however many tries). */
const CREATE_ATTEMPTS = 3;

/**
 * The group and channel operations. They need the server (a group's members
 * and seqs are its to decide), so offline they are refused at once with
 * OFFLINE; what can be shown before the answer is (a rename, a removal,
 * leaving) is applied at once and put back, with the server's reason, if it is
 * refused. Every answer is stored like any change, so the list and the header
 * follow without waiting for the event.
 */
export class GroupOps {
  constructor(
    private readonly ctx: EngineContext,
    private readonly onApplied: (outcome: ApplyOutcome) => void,
  ) {}

  /** Resolves the new group's id. Idempotent: a retry after a lost answer gets the group made first. */
  async create(input: NewGroup, clientId: string = crypto.randomUUID()): Promise<ConversationId> {
    this.requireOnline('make a group');
    for (let attempt = 1; ; attempt++) {
      try {
        const group = await this.ctx.transport.createGroup({ clientId, ...input });
        await this.store(group);
        return group.id;
      } catch (error) {
        if (!(error instanceof ChatError) || !error.transient || attempt >= CREATE_ATTEMPTS || this.ctx.signal.aborted) throw error;
        await sleep(retryDelay(attempt, this.ctx.random(), error.details.retryAfterMs, this.ctx.timing.backoff), this.ctx.signal);
      }
    }
  }

  async addMembers(conversationId: ConversationId, userIds: UserId[]): Promise<void> {
    this.requireOnline('add people');
    await this.store(await this.ctx.transport.addMembers(conversationId, userIds));
  }

  removeMember(conversationId: ConversationId, userId: UserId): Promise<void> {
    return this.optimistic(
      conversationId,
      'remove people',
      (row) => ({ members: row.members.filter((m) => m.userId !== userId) }),
      () => this.ctx.transport.removeMember(conversationId, userId),
    );
  }

  leave(conversationId: ConversationId): Promise<void> {
    return this.optimistic(
      conversationId,
      'leave the group',
      (row) => ({ members: row.members.filter((m) => m.userId !== this.ctx.me) }),
      async () => {
        await this.ctx.transport.leaveGroup(conversationId);
        return null;
      },
    );
  }

  rename(conversationId: ConversationId, title: string): Promise<void> {
    const trimmed = title.trim();
    return this.optimistic(
      conversationId,
      'rename the group',
      (row) => ({ group: { ...row.group!, title: trimmed } }),
      () => this.ctx.transport.renameGroup(conversationId, trimmed),
    );
  }

  browseChannels(search: string): Promise<ChannelListing[]> {
    this.requireOnline('browse channels');
    const query = search.trim().slice(0, LIMITS.groupTitleMax);
    return this.ctx.transport.browseChannels(query ? { search: query } : {});
  }

  async join(conversationId: ConversationId): Promise<void> {
    this.requireOnline('join a channel');
    await this.store(await this.ctx.transport.joinChannel(conversationId));
  }

  /** From the server with times; offline (or unreachable), from the markers this device holds. */
  async messageInfo(conversationId: ConversationId, seq: number): Promise<MessageInfoResult> {
    if (this.ctx.isOnline()) {
      try {
        return { ...(await this.ctx.transport.messageInfo(conversationId, seq)), fromCache: false };
      } catch (error) {
        if (!(error instanceof ChatError) || !error.transient) throw error;
      }
    }
    const [row, message] = await Promise.all([
      this.ctx.db.conversations.get(conversationId),
      this.ctx.db.messages.where('[conversationId+sortKey]').equals([conversationId, seq]).first(),
    ]);
    if (!row || !message) throw new ChatError('NOT_FOUND', 'That message is not on this device.');
    const split = receiptSplit({ seq, senderId: message.senderId }, row.members);
    const untimed = (userId: UserId) => ({ userId, at: null });
    return { conversationId, seq, read: split.read.map(untimed), delivered: split.delivered.map(untimed), pending: split.pending, fromCache: true };
  }

  private requireOnline(what: string): void {
    if (!this.ctx.isOnline()) throw new ChatError('OFFLINE', `You’re offline. Connect to ${what}.`);
  }

  private async store(conversation: Conversation): Promise<void> {
    this.onApplied(await applyChanges(this.ctx.db, this.ctx.me, [{ type: 'conversation', rev: 0, conversation }]));
  }

  /**
   * Shows `change` at once, asks the server, then stores its answer (the group
   * as it now is) or, refused, puts the group back as it was and rethrows the
   * reason. One change per group at a time: a second while one is on its way
   * waits its turn.
   */
  private async optimistic(
    conversationId: ConversationId,
    what: string,
    change: (row: ConversationRow) => Partial<Pick<ConversationRow, 'members' | 'group'>>,
    call: () => Promise<Conversation | null>,
  ): Promise<void> {
    this.requireOnline(what);
    const id = crypto.randomUUID();
    const { db } = this.ctx;
    const before = await db.transaction('rw', db.conversations, async () => {
      const row = await db.conversations.get(conversationId);
      if (!row || row.kind !== 'group' || !row.group) throw new ChatError('NOT_FOUND', 'That group is not on this device.');
      if (!isMember(row, this.ctx.me)) throw new ChatError('FORBIDDEN', 'You are no longer in that group.');
      if (row.pendingEdit) throw new ChatError('RATE_LIMITED', 'Another change to this group is on its way. Try again in a moment.');
      await db.conversations.put({ ...row, ...change(row), pendingEdit: { id, members: row.members, group: row.group } });
      return row;
    });
    try {
      const answer = await call();
      await this.settle(conversationId, id, null);
      if (answer) await this.store(answer);
    } catch (error) {
      await this.settle(conversationId, id, before);
      throw error;
    }
  }

  /** Ends a pending change: refused (`rollback`), the group goes back as it was, unless the server changed it meanwhile. */
  private async settle(conversationId: ConversationId, id: string, rollback: ConversationRow | null): Promise<void> {
    const { db } = this.ctx;
    await db.transaction('rw', db.conversations, async () => {
      const row = await db.conversations.get(conversationId);
      if (!row || row.pendingEdit?.id !== id) return;
      const { pendingEdit, ...rest } = row;
      const untouched = (row.groupRev ?? 0) === (rollback?.groupRev ?? 0);
      await db.conversations.put(rollback && untouched ? { ...rest, members: pendingEdit.members, group: pendingEdit.group } : rest);
    });
  }
}
