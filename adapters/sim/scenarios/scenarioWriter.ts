import { planDelete, planEdit, planReaction } from '../../../src/backend/messageActions';
import type { Message } from '../../../src/transport';
import type { MessageRevision, UserRecord } from '../../../src/backend/store';
import type { ConversationId, Session, UserId } from '../../../src/transport';
import type { SimBackend } from '../simOptions';
import type { Random } from '../random';
import { UNUSABLE_PASSWORD_HASH } from '../seed';
import { teammateConnectionId } from '../teammates';
import { seededIds } from './seededIds';

/**
 * The demo password ("violet-demo") hashed once with the sim's PBKDF2 hasher:
 * hashing it on every load would cost a scenario most of a second.
 */
const DEMO_PASSWORD_HASH = 'pbkdf2-sha256$600000$MZeNRuPEWPcEX8mdXrDW0g==$D05qof1tEUm3JBHT4q9LNwNrBNxzMxiNoEAUkgG93OU=';

const MINUTE = 60_000;

/** Messages written per transaction: a year of history goes in steps the build can report. */
const BULK_STEP = 1_000;

/** How far a long build is: messages written of those to write (reported for long conversations only). */
export interface BuildProgress {
  done: number;
  total: number;
  unit: 'messages';
}

export interface PersonFields {
  username: string;
  displayName: string;
  avatarColor: string;
  /** Minutes before the scenario's instant; null for never seen. */
  lastSeenMinutesAgo?: number | null;
  /** Only the signed-in person can sign in again (with the demo password). */
  canSignIn?: boolean;
}

/** One message of a script: who wrote it and how long before the scenario's instant. */
export interface ScriptLine {
  from: UserId;
  body: string;
  minutesAgo: number;
  /** A reply to the message with this seq in the same conversation. */
  replyTo?: number;
}

/**
 * Writes a scenario's state through the sim's store and service, with ids
 * and times from the scenario's seed and instant, so two builds of one
 * scenario hold the same data.
 */
export class ScenarioWriter {
  readonly id: () => string;
  private readonly now: number;

  /** `instant`: the scenario's "now", exact (the running clock is a few ms past it by the time it builds). */
  constructor(
    /** The sim's backend, for what needs more than these helpers (groups: createGroupAs; typing). */
    readonly backend: SimBackend,
    readonly random: Random,
    instant: number,
    private readonly onProgress?: (progress: BuildProgress) => void,
  ) {
    this.id = seededIds(random);
    this.now = instant;
  }

  /** The sim's store, so a writer is also where a demo group is written (demoGroups.ts's GroupTarget). */
  get store(): SimBackend['store'] {
    return this.backend.store;
  }

  at(minutesAgo: number): string {
    return new Date(this.now - minutesAgo * MINUTE).toISOString();
  }

  async person(fields: PersonFields): Promise<UserRecord> {
    const { lastSeenMinutesAgo = null, canSignIn = false, ...user } = fields;
    const record: UserRecord = {
      id: this.id(),
      ...user,
      email: `${user.username}@violetchat.example`,
      passwordHash: canSignIn ? DEMO_PASSWORD_HASH : UNUSABLE_PASSWORD_HASH,
      createdAt: this.at(400 * 24 * 60),
      lastSeen: lastSeenMinutesAgo === null ? null : this.at(lastSeenMinutesAgo),
    };
    await this.backend.store.createUser(record);
    return record;
  }

  /** The direct conversation of two people (made a minute before its first message, or `createdMinutesAgo`), with its messages stored in bulk. */
  async conversation(me: UserId, them: UserId, lines: readonly ScriptLine[], createdMinutesAgo?: number): Promise<ConversationId> {
    const { conversation } = await this.backend.store.getOrCreateDirect({
      id: this.id(),
      memberIds: [me, them],
      createdAt: this.at(createdMinutesAgo ?? (lines[0]?.minutesAgo ?? 0) + 1),
    });
    await this.lines(conversation.id, lines);
    return conversation.id;
  }

  /** A script's messages, stored in bulk after what the conversation holds. */
  async lines(conversationId: ConversationId, lines: readonly ScriptLine[]): Promise<void> {
    const messages = lines.map((line) => ({
      id: this.id(),
      conversationId,
      senderId: line.from,
      clientId: this.id(),
      body: line.body,
      createdAt: this.at(line.minutesAgo),
      ...(line.replyTo === undefined ? {} : { replyToSeq: line.replyTo }),
    }));
    for (let done = 0; done < messages.length; done += BULK_STEP) {
      await this.backend.store.appendMessagesInBulk(messages.slice(done, done + BULK_STEP));
      if (messages.length > BULK_STEP) this.onProgress?.({ done: Math.min(messages.length, done + BULK_STEP), total: messages.length, unit: 'messages' });
    }
  }

  /** People react to a message, in this order (by the backend's own rules: one per person and emoji). */
  async react(conversationId: ConversationId, seq: number, reactions: readonly (readonly [UserId, string])[]): Promise<void> {
    for (const [userId, emoji] of reactions) await this.revise(conversationId, seq, userId, (m) => planReaction(m, userId, emoji, true));
  }

  /** Its author gives the message a new body, `minutesAgo`. */
  async edit(conversationId: ConversationId, seq: number, author: UserId, body: string, minutesAgo: number): Promise<void> {
    await this.revise(conversationId, seq, author, (m) => planEdit(m, author, body, this.at(minutesAgo)));
  }

  /** The message shows as edited `minutesAgo`, its text as it is (an exported scenario: the earlier text is not kept). */
  async markEdited(conversationId: ConversationId, seq: number, author: UserId, minutesAgo: number): Promise<void> {
    const editedAt = this.at(minutesAgo);
    await this.revise(conversationId, seq, author, (m) =>
      m.deletedAt || m.system ? null : { body: m.body, editedAt, deletedAt: null, reactions: m.reactions ?? [] },
    );
  }

  /** Its author deletes the message, `minutesAgo`: a tombstone stays. */
  async remove(conversationId: ConversationId, seq: number, author: UserId, minutesAgo: number): Promise<void> {
    await this.revise(conversationId, seq, author, (m) => planDelete(m, author, this.at(minutesAgo)));
  }

  private async revise(conversationId: ConversationId, seq: number, userId: UserId, decide: (message: Message) => MessageRevision | null): Promise<void> {
    await this.backend.store.reviseMessage({ conversationId, seq, userId, opId: this.id(), decide });
  }

  /** How far a member got: `read` and `delivered` are seqs (a read also delivers). */
  async marker(conversationId: ConversationId, userId: UserId, marks: { read: number; delivered?: number }): Promise<void> {
    await this.backend.store.advanceMarker(conversationId, userId, 'delivered', Math.max(marks.read, marks.delivered ?? 0), this.at(0));
    await this.backend.store.advanceMarker(conversationId, userId, 'read', marks.read, this.at(0));
  }

  /** These people are online, held by this tab like the simulated team's connections. */
  async online(userIds: readonly UserId[]): Promise<void> {
    for (const userId of userIds) await this.backend.service.connect(userId, teammateConnectionId(userId));
  }

  async session(user: UserRecord): Promise<Session> {
    const token = await this.backend.sessions.issue(user.id);
    return { token, user: { id: user.id, username: user.username, displayName: user.displayName, avatarColor: user.avatarColor } };
  }
}
