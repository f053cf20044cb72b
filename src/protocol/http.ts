import { z } from 'zod/mini';
import type { ErrorCode } from '../transport/errors';
import {
  bootstrapResultSchema,
  catchUpInputSchema,
  catchUpResultSchema,
  conversationSchema,
  conversationSummarySchema,
  credentialsSchema,
  historyInputSchema,
  historyPageSchema,
  markInputSchema,
  messageSchema,
  openDirectInputSchema,
  registrationSchema,
  sendInputSchema,
  seqSchema,
  sessionSchema,
  typingInputSchema,
  userWithPresenceSchema,
} from './schemas';
import {
  addMembersInputSchema,
  browseChannelsInputSchema,
  channelListingSchema,
  createGroupInputSchema,
  groupInputSchema,
  messageInfoInputSchema,
  messageInfoSchema,
  removeMemberInputSchema,
  renameGroupInputSchema,
} from './groups';
import { editInputSchema, messageOperationSchema, reactInputSchema } from './messageActions';
import { text } from './text';

/**
 * The HTTP API, described once: the http adapter builds requests from it, and
 * the server (Fastify) and mocks/ (MSW) answer it with the same handler code.
 *
 * A route's input travels as path parameters (`:name` segments, taken from the
 * input field of that name), then as the query string (GET) or a JSON body
 * (every other method, DELETE included). The server merges the three back into
 * one object and hands it to the service, which parses it with `request`: the
 * route does not parse it first, so the service's own precedence
 * (PAYLOAD_TOO_LARGE before INVALID_INPUT) holds on every transport. Identity
 * is the bearer token, never a field.
 */
/** Every schema of the protocol is written with zod/mini. */
export type Schema = z.ZodMiniType;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface HttpRoute<Req extends Schema = Schema, Res extends Schema | null = Schema | null> {
  method: HttpMethod;
  path: string;
  /** Needs `Authorization: Bearer <token>`. */
  auth: boolean;
  request: Req;
  /** The success body, or null for 204 No Content. */
  response: Res;
  status: 200 | 201 | 204;
  /** What the body is, in words, for error messages about a malformed answer. */
  what: string;
}

const noInput = z.object({});

export const streamTicketSchema = z.object({
  /** Opaque to the client; the server's is a signed token of about 300 characters. */
  ticket: z.string().check(z.minLength(16), z.maxLength(1024)),
  expiresInMs: z.number().check(z.int(), z.positive()),
});

function route<Req extends Schema, Res extends Schema | null>(spec: HttpRoute<Req, Res>): HttpRoute<Req, Res> {
  return spec;
}

export const httpRoutes = {
  register: route({ method: 'POST', path: '/api/auth/register', auth: false, request: registrationSchema, response: sessionSchema, status: 201, what: 'session' }),
  login: route({ method: 'POST', path: '/api/auth/login', auth: false, request: credentialsSchema, response: sessionSchema, status: 200, what: 'session' }),
  logout: route({ method: 'POST', path: '/api/auth/logout', auth: true, request: noInput, response: null, status: 204, what: 'logout' }),
  /** Checks the bearer token and answers the session it belongs to: resume. */
  session: route({ method: 'GET', path: '/api/auth/session', auth: true, request: noInput, response: sessionSchema, status: 200, what: 'session' }),
  users: route({ method: 'GET', path: '/api/users', auth: true, request: noInput, response: z.array(userWithPresenceSchema), status: 200, what: 'user list' }),
  conversations: route({ method: 'GET', path: '/api/conversations', auth: true, request: noInput, response: z.array(conversationSummarySchema), status: 200, what: 'conversation list' }),
  openDirect: route({ method: 'POST', path: '/api/conversations/direct', auth: true, request: openDirectInputSchema, response: conversationSchema, status: 200, what: 'conversation' }),
  history: route({ method: 'GET', path: '/api/conversations/:conversationId/messages', auth: true, request: historyInputSchema, response: historyPageSchema, status: 200, what: 'history page' }),
  /** Idempotent by clientId: a retry answers the stored message. */
  send: route({ method: 'POST', path: '/api/conversations/:conversationId/messages', auth: true, request: sendInputSchema, response: messageSchema, status: 200, what: 'message' }),
  markDelivered: route({ method: 'POST', path: '/api/conversations/:conversationId/delivered', auth: true, request: markInputSchema, response: null, status: 204, what: 'receipt' }),
  markRead: route({ method: 'POST', path: '/api/conversations/:conversationId/read', auth: true, request: markInputSchema, response: null, status: 204, what: 'receipt' }),
  typing: route({ method: 'POST', path: '/api/conversations/:conversationId/typing', auth: true, request: typingInputSchema, response: null, status: 204, what: 'typing' }),
  /** A device's first sync: summaries, directory and the cursor to catch up from, in one answer. */
  bootstrap: route({ method: 'GET', path: '/api/bootstrap', auth: true, request: noInput, response: bootstrapResultSchema, status: 200, what: 'bootstrap' }),
  /** Idempotent by clientId: a retry answers the group made first. */
  createGroup: route({ method: 'POST', path: '/api/groups', auth: true, request: createGroupInputSchema, response: conversationSchema, status: 200, what: 'group' }),
  addMembers: route({ method: 'POST', path: '/api/groups/:conversationId/members', auth: true, request: addMembersInputSchema, response: conversationSchema, status: 200, what: 'group' }),
  removeMember: route({ method: 'POST', path: '/api/groups/:conversationId/members/remove', auth: true, request: removeMemberInputSchema, response: conversationSchema, status: 200, what: 'group' }),
  leaveGroup: route({ method: 'POST', path: '/api/groups/:conversationId/leave', auth: true, request: groupInputSchema, response: null, status: 204, what: 'leave' }),
  renameGroup: route({ method: 'POST', path: '/api/groups/:conversationId/title', auth: true, request: renameGroupInputSchema, response: conversationSchema, status: 200, what: 'group' }),
  /** Public channels the caller is not in, by title. */
  browseChannels: route({ method: 'GET', path: '/api/channels', auth: true, request: browseChannelsInputSchema, response: z.array(channelListingSchema), status: 200, what: 'channel list' }),
  joinChannel: route({ method: 'POST', path: '/api/channels/:conversationId/join', auth: true, request: groupInputSchema, response: conversationSchema, status: 200, what: 'group' }),
  /**
   * Message actions on one message, named by its conversation and seq; each carries the client's
   * opId in its body (applied at most once) and answers the message as it now is.
   */
  editMessage: route({ method: 'PATCH', path: '/api/conversations/:conversationId/messages/:seq', auth: true, request: editInputSchema, response: messageSchema, status: 200, what: 'message' }),
  deleteMessage: route({ method: 'DELETE', path: '/api/conversations/:conversationId/messages/:seq', auth: true, request: messageOperationSchema, response: messageSchema, status: 200, what: 'message' }),
  /** Adds (`on`) or takes back the caller's emoji. */
  react: route({ method: 'POST', path: '/api/conversations/:conversationId/messages/:seq/reactions', auth: true, request: reactInputSchema, response: messageSchema, status: 200, what: 'message' }),
  /** Who has read, or only received, one message (by its seq, in the query), with times. */
  messageInfo: route({ method: 'GET', path: '/api/conversations/:conversationId/receipts', auth: true, request: messageInfoInputSchema, response: messageInfoSchema, status: 200, what: 'message info' }),
  catchUp: route({ method: 'GET', path: '/api/changes', auth: true, request: catchUpInputSchema, response: catchUpResultSchema, status: 200, what: 'catch-up page' }),
  /**
   * A short-lived, single-use ticket for opening the event stream: a browser's
   * EventSource cannot send an Authorization header, and the session token
   * itself does not belong in a URL (URLs end up in logs).
   */
  streamTicket: route({ method: 'POST', path: '/api/events/ticket', auth: true, request: noInput, response: streamTicketSchema, status: 201, what: 'stream ticket' }),
} as const;

export type HttpRoutes = typeof httpRoutes;
export type RouteName = keyof HttpRoutes;
export type RouteInput<K extends RouteName> = z.input<HttpRoutes[K]['request']>;
export type RouteOutput<K extends RouteName> = HttpRoutes[K]['response'] extends Schema ? z.output<HttpRoutes[K]['response']> : void;

export const routeNames = Object.keys(httpRoutes) as RouteName[];

/** The methods the table uses: what a CORS preflight must allow. */
export const routeMethods: readonly HttpMethod[] = [...new Set(routeNames.map((name) => httpRoutes[name].method))];

// --- the event stream (Server-Sent Events) ---

/**
 * GET with `?ticket=...` and optionally `&since=<rev>`; a reconnecting
 * EventSource's Last-Event-ID header wins over `since`. Durable changes come as
 * unnamed events whose id is their rev; ephemeral ones (presence, typing) have
 * no id, so the last event id stays the last rev. Changes after the cursor are
 * replayed first, then live events follow without a gap or a duplicate.
 */
export const EVENTS_PATH = '/api/events';

export const eventStreamQuerySchema = z.object({
  ticket: text().check(z.minLength(1), z.maxLength(1024)),
  since: z.optional(seqSchema),
});

/** Named events besides the chat events (which use the default `message` type). */
export const STREAM_EVENTS = {
  /** The server counts the connection (presence) and has replayed the missed changes. */
  ready: 'ready',
  /** Keeps proxies from closing an idle stream and lets the client notice a dead one. */
  ping: 'ping',
  /**
   * The session that opened the stream was signed out (here or on another
   * device): the server ends the stream after it, and the client must not
   * reconnect, as a Socket.IO client does not after the server disconnects it.
   */
  signedOut: 'signed-out',
} as const;

export const streamReadySchema = z.object({
  /** How often a ping comes: silence for a few of these means the stream is dead. */
  heartbeatMs: z.number().check(z.int(), z.positive()),
});

export const streamSignedOutSchema = z.object({
  /** Why the stream ended, for the person: the client shows it as its offline reason. */
  message: z.string().check(z.minLength(1), z.maxLength(500)),
});

// --- the API's own description ---

/** The OpenAPI document of this API, the Socket.IO events included (see openapi.ts). */
export const OPENAPI_PATH = '/api/openapi.json';

// --- errors ---

/** The HTTP status each error code travels with; the body is `errorBodySchema`. */
export const HTTP_STATUS_FOR_ERROR: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  USERNAME_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  OFFLINE: 503,
  TIMEOUT: 504,
};

/** For an error answer without a usable body (a proxy's page, a truncated body). */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 415:
    case 422:
      return 'INVALID_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'USERNAME_TAKEN';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 408:
    case 504:
      return 'TIMEOUT';
    case 502:
    case 503:
      return 'OFFLINE';
    default:
      return 'INTERNAL';
  }
}

// --- mapping between a route's input and the wire ---

/** Path parameter names of a route path, e.g. ['conversationId']. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]\w*)/g)].map((m) => m[1]!);
}

/**
 * Query values and path parameters are strings on the wire; the fields the
 * input schema declares as numbers (cursors, seqs, limits) are numbers in the
 * API, so decoded they parse with the same schema as a JSON body. Integers
 * only: anything else stays text, for the schema to refuse. A text field keeps
 * its digits as text (a channel search for "2024").
 */
export function decodeWireValues(schema: Schema, values: Iterable<[string, string]>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of values) out[key] = isNumberField(schema, key) && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
  return out;
}

/** Whether the object schema's field `key` (optional or not) is a number. */
function isNumberField(schema: Schema, key: string): boolean {
  const shape = (schema as Partial<z.ZodMiniObject>).shape as Record<string, Schema> | undefined;
  let field = shape && Object.hasOwn(shape, key) ? shape[key] : undefined;
  if (field?._zod.def.type === 'optional') field = (field as z.ZodMiniOptional)._zod.def.innerType as Schema;
  return field?._zod.def.type === 'number';
}

/** A request's path parameters as strings, whatever the library handed over (none: an empty list). */
export function paramEntries(params: unknown): [string, string][] {
  if (typeof params !== 'object' || params === null) return [];
  return Object.entries(params).flatMap(([key, value]): [string, string][] => (typeof value === 'string' ? [[key, value]] : []));
}

/**
 * The one input object the service parses: body, then query, then path
 * parameters (which win). A body that is not an object (`null` included: it
 * is a body, not its absence) is passed on as it is, to be refused.
 */
export function mergeRouteInput(params: unknown, query: unknown, body: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (body !== undefined && !isObject(body)) return body;
  return { ...(isObject(body) ? body : {}), ...(isObject(query) ? query : {}), ...(isObject(params) ? params : {}) };
}

/** The token from an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
