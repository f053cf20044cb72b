import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState, ConversationId, UserId } from '../transport';
import type { SessionState } from './api';
import type { Progress } from './rules/progress';

/** Who is typing where: expiry times, so a lost "stopped typing" cannot leave someone typing forever. */
export type TypingState = Record<ConversationId, Record<UserId, number>>;

export interface UiState {
  activeConversationId: ConversationId | null;
  typing: TypingState;
  /** Drafts as typed, ahead of their write to the cache, so a controlled input never lags. */
  drafts: Record<ConversationId, string>;
}

/** Long sync work under way in this tab, for a progress line. */
export interface SyncActivity {
  /** How far, when the work is counted in steps; null otherwise (or when there is none). */
  progress: Progress | null;
}

/** Ephemeral state only: everything durable lives in the user's Dexie database. */
export interface ClientStores {
  session: StoreApi<SessionState>;
  connection: StoreApi<ConnectionState>;
  ui: StoreApi<UiState>;
  sync: StoreApi<SyncActivity>;
}

export function createClientStores(): ClientStores {
  return {
    session: createStore<SessionState>(() => ({ status: 'restoring' })),
    connection: createStore<ConnectionState>(() => ({ status: 'offline', reason: 'Not signed in.' })),
    ui: createStore<UiState>(() => ({ activeConversationId: null, typing: {}, drafts: {} })),
    sync: createStore<SyncActivity>(() => ({ progress: null })),
  };
}
