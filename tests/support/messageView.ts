import { vi } from 'vitest';
import type { MessagesWindow, MessageView } from '../../src/client';

/** A hand-built MessageView's message-action fields for a plain message: no reply, never edited or deleted, no reactions. */
export const PLAIN_MESSAGE: Pick<MessageView, 'replyTo' | 'editedAt' | 'deleted' | 'reactions' | 'saving' | 'actionError'> = {
  replyTo: null,
  editedAt: null,
  deleted: false,
  reactions: [],
  saving: false,
  actionError: null,
};

/** My sent message "Hello" (seq 1, clientId c1) in conversation `conv`, with what a test changes. */
export function messageView(overrides: Partial<MessageView> = {}): MessageView {
  return {
    clientId: 'c1',
    id: 'm1',
    conversationId: 'conv',
    senderId: 'me',
    body: 'Hello',
    createdAt: new Date(2026, 10, 25, 9, 41).toISOString(),
    seq: 1,
    status: 'sent',
    mine: true,
    error: null,
    system: null,
    ...PLAIN_MESSAGE,
    ...overrides,
  };
}

/** A window holding `messages` that has opened, with nothing beyond it; its calls recorded. */
export function messagesWindow(messages: MessageView[], extra: Partial<MessagesWindow> = {}): MessagesWindow {
  return {
    messages,
    opening: false,
    hasOlder: false,
    olderNeedNetwork: false,
    loadingOlder: false,
    olderError: null,
    loadOlder: vi.fn(async () => {}),
    hasNewer: false,
    loadingNewer: false,
    newerError: null,
    loadNewer: vi.fn(async () => {}),
    jumpToLatest: vi.fn(async () => {}),
    showing: vi.fn(),
    epoch: 0,
    firstUnreadSeq: null,
    jumpTo: vi.fn(async () => {}),
    focusSeq: null,
    ...extra,
  };
}
