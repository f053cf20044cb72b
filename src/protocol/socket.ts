import { z } from 'zod/mini';
import type { ChatErrorDetails, ErrorCode } from '../transport/errors';
import { type RouteName, type Schema, httpRoutes } from './http';
import { tokenSchema } from './schemas';
import type {
  BootstrapResult,
  ChannelListing,
  ChannelQuery,
  CreateGroupInput,
  EditInput,
  MessageInfo,
  MessageOperation,
  ReactInput,
  SendInput,
  CatchUpResult,
  ChatEvent,
  Conversation,
  ConversationSummary,
  HistoryPage,
  Message,
  UserWithPresence,
} from '../transport/types';

// The Socket.IO protocol between adapters/socketio and server/. Payloads are
// the same shapes as the HTTP API's (see schemas.ts); the server parses every
// one through the backend service, the client parses every answer.

/** What an acknowledged request answers: the data, or a typed error. */
export type AckResponse<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; details: ChatErrorDetails } };

export type Ack<T> = (response: AckResponse<T>) => void;

/** Requests a client may send, each answered through a Socket.IO acknowledgement. */
export interface ClientToServerEvents {
  /** Starts this socket's event flow and counts it for presence. */
  live: (payload: Record<string, never>, ack: Ack<null>) => void;
  users: (payload: Record<string, never>, ack: Ack<UserWithPresence[]>) => void;
  conversations: (payload: Record<string, never>, ack: Ack<ConversationSummary[]>) => void;
  openDirect: (payload: { userId: string }, ack: Ack<Conversation>) => void;
  history: (payload: { conversationId: string; beforeSeq?: number; limit: number }, ack: Ack<HistoryPage>) => void;
  bootstrap: (payload: Record<string, never>, ack: Ack<BootstrapResult>) => void;
  catchUp: (payload: { since: number; limit?: number }, ack: Ack<CatchUpResult>) => void;
  /** Answered only once the message is committed. */
  send: (payload: SendInput, ack: Ack<Message>) => void;
  /** Message actions, each answering the message as it now is; idempotent by opId. */
  editMessage: (payload: EditInput, ack: Ack<Message>) => void;
  deleteMessage: (payload: MessageOperation, ack: Ack<Message>) => void;
  react: (payload: ReactInput, ack: Ack<Message>) => void;
  markDelivered: (payload: { conversationId: string; uptoSeq: number }, ack: Ack<null>) => void;
  markRead: (payload: { conversationId: string; uptoSeq: number }, ack: Ack<null>) => void;
  typing: (payload: { conversationId: string; typing: boolean }, ack: Ack<null>) => void;
  createGroup: (payload: CreateGroupInput, ack: Ack<Conversation>) => void;
  addMembers: (payload: { conversationId: string; userIds: string[] }, ack: Ack<Conversation>) => void;
  removeMember: (payload: { conversationId: string; userId: string }, ack: Ack<Conversation>) => void;
  leaveGroup: (payload: { conversationId: string }, ack: Ack<null>) => void;
  renameGroup: (payload: { conversationId: string; title: string }, ack: Ack<Conversation>) => void;
  browseChannels: (payload: ChannelQuery, ack: Ack<ChannelListing[]>) => void;
  joinChannel: (payload: { conversationId: string }, ack: Ack<Conversation>) => void;
  messageInfo: (payload: { conversationId: string; seq: number }, ack: Ack<MessageInfo>) => void;
}

export type SocketRequest = keyof ClientToServerEvents;

export const SOCKET_REQUESTS = [
  'live',
  'users',
  'conversations',
  'openDirect',
  'history',
  'bootstrap',
  'catchUp',
  'send',
  'editMessage',
  'deleteMessage',
  'react',
  'markDelivered',
  'markRead',
  'typing',
  'createGroup',
  'addMembers',
  'removeMember',
  'leaveGroup',
  'renameGroup',
  'browseChannels',
  'joinChannel',
  'messageInfo',
] as const satisfies readonly SocketRequest[];

export function isSocketRequest(name: unknown): name is SocketRequest {
  return typeof name === 'string' && (SOCKET_REQUESTS as readonly string[]).includes(name);
}

/** What a socket request's payload is and what its acknowledgement's `data` holds (null for none). */
export interface SocketRequestSchemas {
  request: Schema;
  response: Schema | null;
}

/** The requests that are socket events only, with no HTTP route of the same name. */
const SOCKET_ONLY = {
  live: { request: z.object({}), response: null },
} satisfies Record<Exclude<SocketRequest, RouteName>, SocketRequestSchemas>;

/**
 * A request named like an HTTP route takes that route's input as its payload
 * (path parameters included) and answers its output, null where the route
 * answers 204; so an operation added to both is described once, in httpRoutes.
 */
export function socketRequestSchemas(event: SocketRequest): SocketRequestSchemas {
  return event in SOCKET_ONLY ? SOCKET_ONLY[event as keyof typeof SOCKET_ONLY] : httpRoutes[event as RouteName];
}

export interface ServerToClientEvents {
  /** A durable change or an ephemeral event for this user; only on live sockets. */
  event: (event: ChatEvent) => void;
}

/** What the client puts in the handshake `auth` (never the query string). */
export const socketAuthSchema = z.object({ token: tokenSchema });
export type SocketAuth = z.infer<typeof socketAuthSchema>;

/** The `data` of a refused handshake's connect_error, so the client gets a typed code. */
export interface ConnectErrorData {
  code: ErrorCode;
  message: string;
}

/** Parses an acknowledgement's envelope; the `data` is parsed by the caller with the answer's own schema. */
export const ackEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.object({ field: z.optional(z.string()), retryAfterMs: z.optional(z.number()) })),
    }),
  }),
]);

export const connectErrorDataSchema = z.object({ code: z.string(), message: z.string() });
