import { ChatError, type ChatTransport, type ConnectionState, type ConversationId, type Session, type Unsubscribe, type UserId } from '../../transport';
import { LIMITS } from '../../protocol/limits';
import { type ClientDb, closeWhenDeleted, conversationRange, isOperation, openClientDb, PENDING_BASE } from '../db/clientDb';
import { DraftJournal } from '../drafts/draftJournal';
import type { WebLocks } from '../../protocol/locks/webLocks';
import { discardFailed, enqueue, OutboxWorker, requeue } from '../outbox/outboxWorker';
import { queueOperation } from '../outbox/operations';
import type { MessageRef, UnsentCount } from '../api';
import { isReactionEmoji } from '../../protocol/rules/emoji';
import type { NewOperation } from '../rules/messageOps';
import { mergeConversation } from '../rules/merge';
import { historyRequests, missingRanges, newerBound, openingWindow, seqRuns, type WindowBounds, type WindowSize } from '../rules/window';
import type { ClientStores } from '../stores';
import { type ApplyOutcome, readCursor } from '../sync/apply';
import { Markers } from '../sync/markers';
import { Syncer } from '../sync/syncer';
import type { GroupOps } from '../groups/groupOps';
import { Typing } from '../typing/typing';
import { localViews, readSeqOf, type LocalViews } from '../views';
import type { EngineContext, EngineTiming, Visibility } from './context';

export interface SyncProgress {
  /** The catch-up cursor: the server's change number the cache holds everything up to. */
  cursor: number;
  /** The people in the cached directory. */
  users: number;
}

export interface UserEngineOptions {
  transport: ChatTransport;
  session: Session;
  stores: ClientStores;
  locks: WebLocks;
  timing: EngineTiming;
  visibility: Visibility;
  random: () => number;
  now: () => number;
  onUnauthenticated: () => void;
  /** Another tab deleted this user's database (they signed out there); it is already closed here. */
  onDeletedElsewhere?: () => void;
  onError: (error: unknown) => void;
  /** Where drafts are journaled synchronously, so a reload right after typing keeps them. */
  storage?: Storage;
}

/**
 * Everything one signed-in user's tab runs: the local database, the sync,
 * the outbox, markers and typing. Built on sign-in (or restore), stopped on
 * sign-out or reload; a new engine on the same database carries on.
 */
export class UserEngine {
  readonly db: ClientDb;
  readonly me: UserId;
  readonly views: LocalViews;
  private readonly ctx: EngineContext;
  private readonly abort = new AbortController();
  private readonly syncer: Syncer;
  private readonly markers: Markers;
  private readonly typing: Typing;
  private readonly outbox: OutboxWorker;
  private groupOps: Promise<GroupOps> | null = null;
  private readonly unsubscribes: Unsubscribe[] = [];
  private readonly drafts: DraftJournal | null;
  private online = false;

  constructor(private readonly options: UserEngineOptions) {
    this.me = options.session.user.id;
    this.db = openClientDb(this.me);
    closeWhenDeleted(this.db, () => {
      // Every loop and timer ends now, so none reports the closed database as a failure.
      this.abort.abort();
      options.onDeletedElsewhere?.();
    });
    this.views = localViews(this.db, options.session.user);
    this.drafts = options.storage ? new DraftJournal(options.storage, this.me) : null;
    this.ctx = {
      transport: options.transport,
      db: this.db,
      me: this.me,
      stores: options.stores,
      locks: options.locks,
      timing: options.timing,
      visibility: options.visibility,
      random: options.random,
      now: options.now,
      signal: this.abort.signal,
      isOnline: () => this.online,
      onUnauthenticated: () => options.onUnauthenticated(),
      onError: (error) => {
        if (!this.abort.signal.aborted) options.onError(error);
      },
    };
    this.markers = new Markers(this.ctx);
    this.typing = new Typing(this.ctx);
    this.syncer = new Syncer(this.ctx, (outcome) => this.applied(outcome), (event) => this.typing.incoming(event.conversationId, event.userId, event.typing));
    this.outbox = new OutboxWorker(this.ctx, (outcome) => this.applied(outcome));
  }

  /**
   * Groups and channels: create, add, remove, leave, rename, browse, join,
   * message info. Loaded when first used: the first load has a size budget,
   * and many people never touch a group in a visit.
   */
  groups(): Promise<GroupOps> {
    this.groupOps ??= import('../groups/groupOps').then(({ GroupOps }) => new GroupOps(this.ctx, (outcome) => this.applied(outcome)));
    return this.groupOps;
  }

  start(): void {
    const { transport, visibility, stores } = this.options;
    this.unsubscribes.push(
      transport.subscribe((event) => {
        if (event.type === 'message' && event.message.senderId !== this.me) {
          this.typing.incoming(event.message.conversationId, event.message.senderId, false);
        }
        this.syncer.handle(event);
      }),
      transport.onConnection((state) => this.connection(state)),
      visibility.onChange(() => this.markers.resume()),
      stores.ui.subscribe((state, previous) => {
        if (state.activeConversationId !== previous.activeConversationId) this.markers.resume();
      }),
    );
    this.outbox.start();
    this.connection(transport.connectionState());
    this.replayDrafts();
  }

  /** Drafts journaled by an earlier page whose database write did not finish. */
  private replayDrafts(): void {
    for (const draft of this.drafts?.pending() ?? []) this.saveDraft(draft.conversationId, draft.text, draft.updatedAt);
  }

  private saveDraft(conversationId: ConversationId, text: string, updatedAt: string): void {
    const write = async () => {
      if (text.length === 0) await this.db.drafts.delete(conversationId);
      else await this.db.drafts.put({ conversationId, text, updatedAt });
      this.drafts?.settle(conversationId, text);
    };
    write().catch((error: unknown) => this.ctx.onError(error));
  }

  private connection(state: ConnectionState): void {
    const wasOnline = this.online;
    this.online = state.status === 'online';
    if (this.online && !wasOnline) {
      this.syncer.connected();
      this.markers.request();
      this.outbox.wake();
    }
  }

  private applied(outcome: ApplyOutcome): void {
    if (outcome.gap) this.syncer.requestCatchUp();
    if (outcome.unknownConversation) this.syncer.requestRefresh();
    this.markers.noteReceived(outcome.received).catch((error) => this.ctx.onError(error));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.syncer.dispose();
    this.markers.dispose();
    this.typing.dispose();
    this.options.stores.ui.setState({ drafts: {} });
    this.db.close();
  }

  // --- what the actions do for this user ---

  async send(conversationId: ConversationId, body: string, options: { replyToSeq?: number } = {}): Promise<string> {
    const text = nonEmpty(body);
    const { replyToSeq } = options;
    if (replyToSeq !== undefined && !(Number.isInteger(replyToSeq) && replyToSeq >= 1)) {
      throw new ChatError('INVALID_INPUT', 'A reply answers a message of this conversation.', { field: 'replyToSeq' });
    }
    const clientId = crypto.randomUUID();
    await enqueue(this.db, this.me, conversationId, text, clientId, this.nowIso(), replyToSeq);
    this.options.stores.ui.setState((state) => ({ drafts: { ...state.drafts, [conversationId]: '' } }));
    this.typing.stop(false);
    this.outbox.wake();
    return clientId;
  }

  async editMessage(message: MessageRef, body: string): Promise<void> {
    return this.operate(message, { kind: 'edit', body: nonEmpty(body) });
  }

  async deleteMessage(message: MessageRef): Promise<void> {
    return this.operate(message, { kind: 'delete' });
  }

  async react(message: MessageRef, emoji: string, on: boolean): Promise<void> {
    if (!isReactionEmoji(emoji)) throw new ChatError('INVALID_INPUT', 'A reaction is one emoji.', { field: 'emoji' });
    return this.operate(message, { kind: 'react', emoji, on });
  }

  /** Queued durably like a send (or folded into what is queued), shown at once; the worker sends it when it can. */
  private async operate(message: MessageRef, op: NewOperation): Promise<void> {
    const plan = await queueOperation(this.db, this.me, message, op, crypto.randomUUID(), this.nowIso());
    if (plan.type === 'queue' || plan.type === 'rewriteSend') this.outbox.wake();
  }

  private nowIso(): string {
    return new Date(this.ctx.now()).toISOString();
  }

  /** How far this cache has caught up with the server: the last change it holds and how many people it knows. */
  async syncProgress(): Promise<SyncProgress> {
    return { cursor: await readCursor(this.db), users: await this.db.users.count() };
  }

  /** My messages not sent yet, pending or failed, and my edits, deletes and reactions not yet made: the outbox every tab of mine shares. */
  async countUnsent(): Promise<UnsentCount> {
    const rows = await this.db.outbox.toArray();
    const changes = rows.filter(isOperation).length;
    return { messages: rows.length - changes, changes };
  }

  async retry(clientId: string): Promise<void> {
    if (await requeue(this.db, this.me, clientId)) this.outbox.wake();
  }

  async discard(clientId: string): Promise<void> {
    await discardFailed(this.db, this.me, clientId);
  }

  setDraft(conversationId: ConversationId, text: string): void {
    this.options.stores.ui.setState((state) => ({ drafts: { ...state.drafts, [conversationId]: text } }));
    const updatedAt = new Date(this.ctx.now()).toISOString();
    this.drafts?.write({ conversationId, text, updatedAt });
    this.saveDraft(conversationId, text, updatedAt);
  }

  keystroke(conversationId: ConversationId): void {
    this.typing.keystroke(conversationId);
  }

  reached(conversationId: ConversationId, seq: number): void {
    this.markers.reached(conversationId, seq);
  }

  browseDirectory(): void {
    this.syncer.requestDirectory();
  }

  async openDirect(userId: UserId): Promise<ConversationId> {
    // Offline-first: a conversation this device already knows opens without the network.
    const known = await this.db.conversations.filter((c) => c.kind !== 'group' && c.members.length === 2 && c.members.some((m) => m.userId === userId)).first();
    if (known) return known.id;
    const conversation = await this.options.transport.openDirect(userId);
    await this.db.transaction('rw', this.db.conversations, async () => {
      await this.db.conversations.put(mergeConversation(await this.db.conversations.get(conversation.id), conversation));
    });
    return conversation.id;
  }

  /**
   * Where the message window of a conversation opens (openingWindow): the
   * newest page, or around the first unread one however many are unread,
   * never more than `size.maxSize` messages. What the cache lacks of it is
   * fetched first (when online), so the window opens at the first unread
   * message rather than wherever the cache happens to begin; offline, the
   * cache is what there is, and the window still reaches back as far as
   * unread ones may be.
   */
  async openWindow(conversationId: ConversationId, size: WindowSize): Promise<OpenedWindow> {
    const { readSeq, lastSeq } = await this.positions(conversationId);
    // Before knowing which is the first unread: anything above my read marker may be.
    const wanted = openingWindow(lastSeq, readSeq < lastSeq ? readSeq + 1 : null, size);
    const complete = await this.cacheOrSay(conversationId, wanted.fromSeq, wanted.toSeq ?? lastSeq);
    // And what its replies quote, so a quote paints with its words (not "Message", then them: a shift).
    if (complete) await this.quotedIn(conversationId, wanted.fromSeq, wanted.toSeq ?? lastSeq);
    const firstUnread = await conversationRange(this.db, conversationId, readSeq + 1, Math.min(wanted.toSeq ?? Infinity, PENDING_BASE - 1))
      .filter((m) => m.senderId !== this.me)
      .first();
    const firstUnreadSeq = firstUnread?.seq ?? null;
    if (!complete) return { ...wanted, firstUnreadSeq };
    if (firstUnreadSeq === null && wanted.toSeq !== null) {
      // Only my own messages above my marker, more than a window of them: the newest page, then.
      return { ...(await this.openLatest(conversationId, size.pageSize)), firstUnreadSeq };
    }
    // The first unread one may come after some of mine: start at it (what is cached already).
    const opened = openingWindow(lastSeq, firstUnreadSeq, size);
    return { fromSeq: Math.min(Math.max(wanted.fromSeq, opened.fromSeq), wanted.toSeq ?? lastSeq), toSeq: wanted.toSeq, firstUnreadSeq };
  }

  /** The newest page, fetched when the cache lacks it (offline: what the cache has): where "jump to the latest" goes. */
  async openLatest(conversationId: ConversationId, pageSize: number): Promise<WindowBounds> {
    const { lastSeq } = await this.positions(conversationId);
    const fromSeq = Math.max(1, lastSeq - pageSize + 1);
    await this.cacheOrSay(conversationId, fromSeq, lastSeq);
    return { fromSeq, toSeq: null };
  }

  /**
   * Where the window opens to show the message at `seq` (a reply's original):
   * around it as around a first unread message, with some before it. What the
   * cache lacks of that stretch is fetched; offline, the window opens on what
   * the cache holds when it holds that message, and the jump is refused
   * (OFFLINE) when it does not.
   */
  async openAround(conversationId: ConversationId, seq: number, size: WindowSize): Promise<WindowBounds> {
    const { lastSeq } = await this.positions(conversationId);
    if (!Number.isInteger(seq) || seq < 1 || seq > lastSeq) throw new ChatError('NOT_FOUND', 'That message is not in this conversation.', { field: 'seq' });
    const bounds = openingWindow(lastSeq, seq, size);
    if (this.online) await this.ensureCached(conversationId, bounds.fromSeq, bounds.toSeq ?? lastSeq, true);
    else if (!(await this.ensureCached(conversationId, seq, seq, false))) {
      throw new ChatError('OFFLINE', 'That message will load when you are back online.');
    }
    return bounds;
  }

  /**
   * The messages replies on screen quote that the cache lacks (older than what was loaded), one
   * seq each, so a quote shows the words it answers rather than "Message". Online only: offline
   * the quotes wait, and the next look at them (back online) asks again.
   */
  async loadQuoted(conversationId: ConversationId, seqs: readonly number[]): Promise<void> {
    if (!this.online) return;
    const wanted = [...new Set(seqs)].sort((a, b) => a - b);
    const keys = await this.db.messages.where('[conversationId+sortKey]').anyOf(wanted.map((seq) => [conversationId, seq])).primaryKeys();
    if (keys.length === wanted.length) return;
    const held = (await this.db.messages.bulkGet(keys)).flatMap((row) => (row?.seq ? [row.seq] : []));
    // Side by side, not one after another, and neighbours in one request: a page of replies to old
    // messages costs about one round trip.
    const requests = seqRuns(wanted.filter((seq) => !held.includes(seq)));
    await Promise.all(requests.map(({ from, to }) => this.syncer.fetchHistory(conversationId, to + 1, to - from + 1)));
  }

  /**
   * The messages quoted by replies cached in [from, to], fetched where the cache lacks them, waiting
   * at most QUOTES_BEFORE_PAINT_MS (a slow network must not hold the conversation back; what comes
   * later fills in, and the list fetches what is still missing); a failure is let go (the quote says "Message").
   */
  private async quotedIn(conversationId: ConversationId, from: number, to: number): Promise<void> {
    const rows = await conversationRange(this.db, conversationId, from, to).toArray();
    const quoted = rows.flatMap((row) => (row.replyToSeq !== undefined && row.replyToSeq < from ? [row.replyToSeq] : []));
    if (quoted.length === 0) return;
    const loading = this.loadQuoted(conversationId, quoted).catch((error: unknown) => {
      if (!(error instanceof ChatError)) this.ctx.onError(error);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([loading, new Promise<void>((resolve) => (timer = setTimeout(resolve, QUOTES_BEFORE_PAINT_MS)))]);
    clearTimeout(timer);
  }

  /**
   * Makes sure the cache holds the page of messages below `fromSeq` (the
   * window's lower bound), and any the window itself lacks, fetching from the
   * server what is missing; resolves the new lower bound. Decided on the
   * cache as it is now, not as the last render saw it.
   */
  async loadOlder(conversationId: ConversationId, fromSeq: number, pageSize: number): Promise<number> {
    const from = Math.max(1, fromSeq - pageSize);
    // Up to the first message the window holds: a window opened offline may lack its own top too.
    const [row, firstHeld] = await Promise.all([
      this.db.conversations.get(conversationId),
      conversationRange(this.db, conversationId, fromSeq, PENDING_BASE - 1).first(),
    ]);
    const upTo = firstHeld ? firstHeld.sortKey - 1 : Math.max(fromSeq - 1, row?.lastSeq ?? 0);
    if (from <= upTo) await this.ensureCached(conversationId, from, upTo, true);
    return from;
  }

  /**
   * Makes sure the cache holds the page of messages above `toSeq` (the
   * window's upper bound), fetching what is missing; resolves the new upper
   * bound, null once the window reaches the newest message.
   */
  async loadNewer(conversationId: ConversationId, toSeq: number, pageSize: number): Promise<number | null> {
    const { lastSeq } = await this.positions(conversationId);
    const to = Math.min(lastSeq, toSeq + pageSize);
    if (toSeq + 1 <= to) await this.ensureCached(conversationId, toSeq + 1, to, true);
    return newerBound(toSeq, lastSeq, pageSize);
  }

  /** My read marker and the conversation's newest seq, as this device knows them. */
  private async positions(conversationId: ConversationId): Promise<{ readSeq: number; lastSeq: number }> {
    const [row, last] = await Promise.all([
      this.db.conversations.get(conversationId),
      conversationRange(this.db, conversationId, -Infinity, PENDING_BASE - 1).last(),
    ]);
    return { readSeq: row ? readSeqOf(row, this.me) : 0, lastSeq: Math.max(row?.lastSeq ?? 0, last?.seq ?? 0) };
  }

  /** Fetches what the cache lacks of [from, to] when online; resolves whether it holds them all (unreachable: it does not). */
  private async cacheOrSay(conversationId: ConversationId, from: number, to: number): Promise<boolean> {
    if (from > to) return true;
    try {
      return await this.ensureCached(conversationId, from, to, this.online);
    } catch (error) {
      // Unreachable now: open on the cache; catch-up fills the window as messages arrive.
      if (!(error instanceof ChatError)) throw error;
      return false;
    }
  }

  /** Fetches the messages of seqs [from, to] the cache lacks; resolves whether it holds them all. */
  private async ensureCached(conversationId: ConversationId, from: number, to: number, fetch: boolean): Promise<boolean> {
    const keys = await conversationRange(this.db, conversationId, from, to).keys();
    const held = keys.map((key) => (key as unknown as [ConversationId, number])[1]);
    const requests = historyRequests(missingRanges(held, from, to), LIMITS.historyPageMax);
    if (requests.length === 0) return true;
    if (!fetch) return false;
    for (const { beforeSeq, limit } of requests) await this.syncer.fetchHistory(conversationId, beforeSeq, limit);
    return true;
  }
}

/** How long opening a conversation waits for the messages its replies quote before it paints without them. */
const QUOTES_BEFORE_PAINT_MS = 1000;

/** A message's text as sent or edited: trimmed, and never empty. */
function nonEmpty(body: string): string {
  const text = body.trim();
  if (text.length === 0) throw new ChatError('INVALID_INPUT', 'A message cannot be empty.', { field: 'body' });
  return text;
}

export interface OpenedWindow extends WindowBounds {
  /** The first message from someone else above my read marker when it opened. */
  firstUnreadSeq: number | null;
}
