import { createStore, type StoreApi } from 'zustand/vanilla';
import { MemoryLocks } from '../protocol/locks/memoryLocks';
import { browserLocks, type WebLocks } from '../protocol/locks/webLocks';
import { ChatError, type ChatTransport, type Session, type Unsubscribe, type UserId } from '../transport';
import type { ChatActions } from './api';
import { DraftJournal } from './drafts/draftJournal';
import { DEFAULT_TIMING, documentVisibility, type EngineTiming, type Visibility } from './engine/context';
import type { SyncProgress, UserEngine } from './engine/userEngine';
import { openSignOutChannel, type SignOutChannel } from './session/signOutChannel';
import { clearStoredSession, MemoryStorage, readStoredSession, writeStoredSession } from './session/storedSession';
import { createClientStores, type ClientStores } from './stores';

export interface ChatClientOptions {
  transport: ChatTransport;
  /** Where the tab keeps its session: sessionStorage by default, so each tab can be a different user. */
  storage?: Storage;
  /** navigator.locks by default (one outbox drainer per user across tabs). */
  locks?: WebLocks;
  visibility?: Visibility;
  timing?: Partial<EngineTiming>;
  /** For backoff jitter; Math.random by default. */
  random?: () => number;
  /** Unexpected failures, for logging; console.warn by default. */
  onError?: (error: unknown) => void;
  /**
   * Start signed in as this session on an empty local cache, whatever the
   * storage holds: a designer scenario whose backend was just built for it.
   */
  initialSession?: Session;
  /** The time the engine stamps (a pending message's time) and the UI counts from; Date.now by default. */
  now?: () => number;
  /** Opens the line to this origin's other tabs, which sign out together; a BroadcastChannel by default. */
  openSignOutChannel?: () => SignOutChannel;
}

export interface ChatClient {
  readonly transport: ChatTransport;
  /** Restores the tab's session (painting the cache at once), then connects. */
  start(): Promise<void>;
  /** Stops the engine and disconnects, keeping the session and the cache: what a reload does (the tab stops hearing the others too). */
  stop(): Promise<void>;
  readonly actions: ChatActions;
  readonly stores: ClientStores;
  /** The signed-in user's engine: its views read the local cache. null while signed out. */
  readonly engine: StoreApi<UserEngine | null>;
  /** What time it is for this client (a scenario runs from a fixed instant). */
  readonly now: () => number;
  /** How far the signed-in user's cache has caught up with the server (a scenario waits for it); null while signed out. */
  syncProgress(): Promise<SyncProgress | null>;
}

/**
 * Where the platform has no Web Locks (Node, old browsers): one outbox sender
 * per user within the realm. Across tabs without them, the server's
 * idempotency by clientId keeps a double send from making a duplicate.
 */
const realmLocks = new MemoryLocks();

/**
 * The engine and its database (Dexie, sync, the outbox) are needed once
 * someone is signed in, not to paint the sign-in form: they load then.
 */
const loadEngine = () => import('./engine/userEngine');
const loadClientDb = () => import('./db/clientDb');

export function createChatClient(options: ChatClientOptions): ChatClient {
  const { transport } = options;
  const storage = options.storage ?? defaultStorage();
  const stores = createClientStores();
  const engineStore = createStore<UserEngine | null>(() => null);
  const timing: EngineTiming = { ...DEFAULT_TIMING, ...options.timing };
  const onError = options.onError ?? ((error: unknown) => console.warn('[violetchat client]', error));
  const now = options.now ?? (() => Date.now());
  let stopConnectionWatch: Unsubscribe | null = null;
  let otherTabs: SignOutChannel | null = null;
  /** Serializes session changes so a sign-out never races a restore. */
  let sessionChange: Promise<unknown> = Promise.resolve();

  const serialized = <T>(change: () => Promise<T>): Promise<T> => {
    const next = sessionChange.then(change, change);
    sessionChange = next.catch(() => undefined);
    return next;
  };

  async function endEngine(): Promise<void> {
    const engine = engineStore.getState();
    if (!engine) return;
    engineStore.setState(null, true);
    await engine.stop();
  }

  /** Opens the user's cache and shows it at once; the network catches up behind it. */
  async function begin(session: Session): Promise<void> {
    const current = engineStore.getState();
    if (current?.me !== session.user.id) {
      // Another person signs in on this tab: the old connection must not carry their events.
      if (current) transport.disconnect();
      await endEngine();
      const { UserEngine } = await loadEngine();
      const engine = new UserEngine({
        transport,
        session,
        stores,
        locks: options.locks ?? browserLocks() ?? realmLocks,
        timing,
        visibility: options.visibility ?? documentVisibility,
        random: options.random ?? Math.random,
        now,
        onUnauthenticated: () => void expire(),
        onDeletedElsewhere: () => void signedOutElsewhere(session.user.id),
        onError,
        storage,
      });
      engineStore.setState(engine, true);
      engine.start();
    }
    writeStoredSession(storage, session);
    stores.session.setState({ status: 'signed-in', session }, true);
  }

  /**
   * The server no longer accepts the session: the tab signs out but keeps the
   * cache, so an unsent message goes out when the same person signs in again.
   */
  function expire(): Promise<void> {
    return serialized(async () => {
      if (stores.session.getState().status === 'signed-out') return;
      transport.disconnect();
      await endEngine();
      clearStoredSession(storage);
      stores.session.setState({ status: 'signed-out' }, true);
    });
  }

  /**
   * The person signed out in another tab, which deletes their local data: this
   * tab signs out too, with no question (that tab asked), and leaves the
   * deletion to that tab. Its engine stops first, so nothing here writes to the
   * database being deleted.
   */
  function signedOutElsewhere(userId: UserId): Promise<void> {
    return serialized(async () => {
      const state = stores.session.getState();
      if (state.status !== 'signed-in' || state.session.user.id !== userId) return;
      await endEngine();
      // Ends this tab's own session on the server too (a tab signed in separately has a token of its own).
      await transport.logout().catch(() => undefined);
      clearStoredSession(storage);
      new DraftJournal(storage, userId).clear();
      stores.session.setState({ status: 'signed-out' }, true);
    });
  }

  /** Paints the stored session's cache at once; checking it with the server happens behind. */
  async function restore(): Promise<Session | null> {
    const stored = readStoredSession(storage);
    if (!stored) {
      stores.session.setState({ status: 'signed-out' }, true);
      return null;
    }
    await begin(stored);
    return stored;
  }

  function stillSignedInAs(session: Session): boolean {
    const state = stores.session.getState();
    return state.status === 'signed-in' && state.session.token === session.token;
  }

  async function resume(stored: Session): Promise<void> {
    try {
      const resumed = await transport.resume(stored);
      await serialized(async () => {
        if (!stillSignedInAs(stored)) return;
        await begin(resumed);
        transport.connect(resumed);
      });
    } catch (error) {
      if (error instanceof ChatError && error.code === 'UNAUTHENTICATED') return expire();
      // Offline or the server is down: keep the session and the cache; the transport connects when it can.
      await serialized(async () => {
        if (stillSignedInAs(stored)) transport.connect(stored);
      });
    }
  }

  const requireEngine = (): UserEngine => {
    const engine = engineStore.getState();
    if (!engine) throw new ChatError('UNAUTHENTICATED', 'Sign in first.');
    return engine;
  };

  const signedIn = (session: Session) =>
    serialized(async () => {
      await begin(session);
      transport.connect(session);
      return session;
    });

  const actions: ChatActions = {
    register: async (input) => signedIn(await transport.register(input)),
    signIn: async (input) => signedIn(await transport.login(input)),
    signOut: () =>
      serialized(async () => {
        const engine = engineStore.getState();
        await endEngine();
        // The person's other tabs sign out now, not after the server has answered.
        if (engine) otherTabs?.announce(engine.me);
        await transport.logout().catch(() => undefined);
        clearStoredSession(storage);
        if (engine) {
          await (await loadClientDb()).deleteClientDb(engine.me);
          new DraftJournal(storage, engine.me).clear();
        }
        stores.session.setState({ status: 'signed-out' }, true);
      }),
    countUnsent: async () => {
      const engine = engineStore.getState();
      return engine ? engine.countUnsent() : { messages: 0, changes: 0 };
    },
    browseDirectory: () => engineStore.getState()?.browseDirectory(),
    openDirect: (userId) => requireEngine().openDirect(userId),
    send: async (conversationId, body, options) => requireEngine().send(conversationId, body, options),
    editMessage: async (message, body) => requireEngine().editMessage(message, body),
    deleteMessage: async (message) => requireEngine().deleteMessage(message),
    react: async (message, emoji, on) => requireEngine().react(message, emoji, on),
    retry: async (clientId) => requireEngine().retry(clientId),
    discard: async (clientId) => requireEngine().discard(clientId),
    setDraft: (conversationId, text) => engineStore.getState()?.setDraft(conversationId, text),
    typing: (conversationId) => engineStore.getState()?.keystroke(conversationId),
    setActiveConversation: (conversationId) => stores.ui.setState({ activeConversationId: conversationId }),
    reached: (conversationId, seq) => engineStore.getState()?.reached(conversationId, seq),
    createGroup: async (input) => (await requireEngine().groups()).create(input),
    addMembers: async (conversationId, userIds) => (await requireEngine().groups()).addMembers(conversationId, userIds),
    removeMember: async (conversationId, userId) => (await requireEngine().groups()).removeMember(conversationId, userId),
    leaveGroup: async (conversationId) => (await requireEngine().groups()).leave(conversationId),
    renameGroup: async (conversationId, title) => (await requireEngine().groups()).rename(conversationId, title),
    browseChannels: async (search) => (await requireEngine().groups()).browseChannels(search),
    joinChannel: async (conversationId) => {
      await (await requireEngine().groups()).join(conversationId);
      return conversationId;
    },
    messageInfo: async (conversationId, seq) => (await requireEngine().groups()).messageInfo(conversationId, seq),
  };

  return {
    transport,
    actions,
    stores,
    engine: engineStore,
    now,
    syncProgress: async () => (await engineStore.getState()?.syncProgress()) ?? null,
    start: async () => {
      const stored = await serialized(async () => {
        if (options.initialSession) {
          await (await loadClientDb()).deleteClientDb(options.initialSession.user.id);
          writeStoredSession(storage, options.initialSession);
        }
        stopConnectionWatch?.();
        stores.connection.setState(transport.connectionState(), true);
        stopConnectionWatch = transport.onConnection((state) => stores.connection.setState(state, true));
        otherTabs?.close();
        otherTabs = (options.openSignOutChannel ?? openSignOutChannel)();
        otherTabs.onSignOut((userId) => void signedOutElsewhere(userId));
        return restore();
      });
      if (stored) void resume(stored);
    },
    stop: () =>
      serialized(async () => {
        stopConnectionWatch?.();
        stopConnectionWatch = null;
        otherTabs?.close();
        otherTabs = null;
        transport.disconnect();
        await endEngine();
      }),
  };
}

function defaultStorage(): Storage {
  try {
    if (typeof sessionStorage !== 'undefined') return sessionStorage;
  } catch {
    // Storage can throw when the browser blocks it; the session then lives as long as the page.
  }
  return new MemoryStorage();
}
