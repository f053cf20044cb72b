import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState, ConversationId, UserId } from '../transport';
import type { SessionState } from './api';

/** Who is typing where: expiry times, so a lost "stopped typing" cannot leave someone typing forever. */
export type TypingState = Record<ConversationId, Record<UserId, number>>;

export interface UiState {
  activeConversationId: ConversationId | null;
  typing: TypingState;
  /** Drafts as typed, ahead of their write to the cache, so a controlled input never lags. */
  drafts: Record<ConversationId, string>;
}

/** Ephemeral state only: everything durable lives in the user's Dexie database. */
export interface ClientStores {
  session: StoreApi<SessionState>;
  connection: StoreApi<ConnectionState>;
  ui: StoreApi<UiState>;
}

export function createClientStores(): ClientStores {
  return {
    session: createStore<SessionState>(() => ({ status: 'restoring' })),
    connection: createStore<ConnectionState>(() => ({ status: 'offline', reason: 'Not signed in.' })),
    ui: createStore<UiState>(() => ({ activeConversationId: null, typing: {}, drafts: {} })),
  };
}
