import { ChatError, type ChatTransport, type ConnectionState, type ConversationId, type Session, type Unsubscribe, type UserId } from '../../transport';
import { type ClientDb, closeWhenDeleted, conversationRange, openClientDb } from '../db/clientDb';
import { DraftJournal } from '../drafts/draftJournal';
import type { LockManagerLike } from '../outbox/locks';
import { discardFailed, enqueue, OutboxWorker, requeue } from '../outbox/outboxWorker';
import { mergeConversation } from '../rules/merge';
import type { ClientStores } from '../stores';
import type { ApplyOutcome } from '../sync/apply';
import { Markers } from '../sync/markers';
import { Syncer } from '../sync/syncer';
import { Typing } from '../typing/typing';
import { localViews, type LocalViews } from '../views';
import type { EngineContext, EngineTiming, Visibility } from './context';

export interface UserEngineOptions {
  transport: ChatTransport;
  session: Session;
  stores: ClientStores;
  locks: LockManagerLike;
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

  async send(conversationId: ConversationId, body: string): Promise<string> {
    const text = body.trim();
    if (text.length === 0) throw new ChatError('INVALID_INPUT', 'A message cannot be empty.', { field: 'body' });
    const clientId = crypto.randomUUID();
    await enqueue(this.db, this.me, conversationId, text, clientId, new Date(this.ctx.now()).toISOString());
    this.options.stores.ui.setState((state) => ({ drafts: { ...state.drafts, [conversationId]: '' } }));
    this.typing.stop(false);
    this.outbox.wake();
    return clientId;
  }

  /** My messages not sent yet, pending or failed: the outbox every tab of mine shares. */
  countUnsent(): Promise<number> {
    return this.db.outbox.count();
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

  async openDirect(userId: UserId): Promise<ConversationId> {
    // Offline-first: a conversation this device already knows opens without the network.
    const known = await this.db.conversations.filter((c) => c.members.length === 2 && c.members.some((m) => m.userId === userId)).first();
    if (known) return known.id;
    const conversation = await this.options.transport.openDirect(userId);
    await this.db.transaction('rw', this.db.conversations, async () => {
      await this.db.conversations.put(mergeConversation(await this.db.conversations.get(conversation.id), conversation));
    });
    return conversation.id;
  }

  /**
   * Makes sure the cache holds a page of messages older than the newest
   * `shown`, fetching from the server what it lacks. The window then grows by
   * `pageSize`; decided on the cache as it is now, not as the last render saw it.
   */
  async loadOlder(conversationId: ConversationId, shown: number, pageSize: number): Promise<void> {
    const [older, oldest] = await Promise.all([
      conversationRange(this.db, conversationId).reverse().offset(shown).limit(pageSize).toArray(),
      conversationRange(this.db, conversationId).first(),
    ]);
    const oldestSeq = oldest?.seq ?? null;
    if (older.length >= pageSize || oldestSeq === null || oldestSeq <= 1) return;
    await this.syncer.fetchHistory(conversationId, oldestSeq, pageSize - older.length);
  }
}
