import { errorForClient } from '../clientErrors';
import type { Caller } from '../limits/caller';
import type { ChatService } from '../service';
import { LIMITS } from '../../protocol/limits';
import { HTTP_STATUS_FOR_ERROR, type RouteName, bearerToken, decodeWireValues, httpRoutes, mergeRouteInput, paramEntries } from '../../protocol/http';
import { requireObjectInput } from '../../protocol/parse';
import { ChatError } from '../../transport/errors';
import type { UserId } from '../../transport/types';
import type { StreamTickets } from './streamTickets';

/**
 * The HTTP API's request -> service mapping, written once and free of any
 * HTTP library: the Fastify server (server/http/api.ts) and the MSW mocks
 * (mocks/handlers.ts) both call it, so the two cannot drift.
 */

export interface ApiDeps {
  service: ChatService;
  tickets: StreamTickets;
}

/** A request as any HTTP library sees it, before the API reads it. */
export interface ApiRequest {
  /** The Authorization header, if any. */
  authorization: string | null | undefined;
  params: unknown;
  query: Iterable<[string, string]>;
  /** The parsed JSON body; undefined for GET. */
  body: unknown;
  /** Who sends it, as the transport edge knows it (the connection, trusted proxies), never from the request's content. */
  caller: Caller;
  /** Names the request in the log, and in what a client is told of an internal failure. */
  requestId: string;
}

export interface ApiResponse {
  status: number;
  /** JSON-serialisable; undefined for 204. */
  body: unknown;
  headers: Record<string, string>;
  /** An internal failure the client was told nothing of: the edge logs it under `reference`. */
  failure?: { error: unknown; reference: string };
}

/** API answers are one session's data or its credentials: no cache may keep them. */
const PRIVATE = { 'cache-control': 'no-store' } as const;

type Authed = (deps: ApiDeps, userId: UserId, input: unknown, token: string) => Promise<unknown>;
type Public = (deps: ApiDeps, input: unknown, caller: Caller) => Promise<unknown>;

const publicHandlers = {
  register: ({ service }, input, caller) => service.register(input, caller),
  login: ({ service }, input, caller) => service.login(input, caller),
} satisfies Partial<Record<RouteName, Public>>;

const authedHandlers = {
  logout: ({ service }, _userId, _input, token) => service.logout(token),
  session: ({ service }, _userId, _input, token) => service.resume(token),
  users: ({ service }, userId) => service.users(userId),
  conversations: ({ service }, userId) => service.conversations(userId),
  openDirect: ({ service }, userId, input) => service.openDirect(userId, input),
  history: ({ service }, userId, input) => service.history(userId, input),
  send: ({ service }, userId, input) => service.send(userId, input),
  editMessage: ({ service }, userId, input) => service.editMessage(userId, input),
  deleteMessage: ({ service }, userId, input) => service.deleteMessage(userId, input),
  react: ({ service }, userId, input) => service.react(userId, input),
  markDelivered: ({ service }, userId, input) => service.markDelivered(userId, input),
  markRead: ({ service }, userId, input) => service.markRead(userId, input),
  typing: ({ service }, userId, input) => service.setTyping(userId, input),
  bootstrap: ({ service }, userId) => service.bootstrap(userId),
  catchUp: ({ service }, userId, input) => service.catchUp(userId, input),
  createGroup: ({ service }, userId, input) => service.createGroup(userId, input),
  addMembers: ({ service }, userId, input) => service.addMembers(userId, input),
  removeMember: ({ service }, userId, input) => service.removeMember(userId, input),
  leaveGroup: ({ service }, userId, input) => service.leaveGroup(userId, input),
  renameGroup: ({ service }, userId, input) => service.renameGroup(userId, input),
  browseChannels: ({ service }, userId, input) => service.browseChannels(userId, input),
  joinChannel: ({ service }, userId, input) => service.joinChannel(userId, input),
  messageInfo: ({ service }, userId, input) => service.messageInfo(userId, input),
  streamTicket: ({ tickets }, userId, _input, token) => tickets.issue(userId, token),
} satisfies Partial<Record<RouteName, Authed>>;

// Every route has exactly one handler: a route added to the table without one fails to compile.
type Missing = Exclude<RouteName, keyof typeof publicHandlers | keyof typeof authedHandlers>;
const _everyRouteHandled: [Missing] extends [never] ? true : Missing = true;

export async function handleApiRequest(deps: ApiDeps, name: RouteName, request: ApiRequest): Promise<ApiResponse> {
  const route = httpRoutes[name];
  const input = mergeRouteInput(decodeWireValues(route.request, paramEntries(request.params)), decodeWireValues(route.request, request.query), request.body);
  try {
    let result: unknown;
    if (name in publicHandlers) {
      result = await publicHandlers[name as keyof typeof publicHandlers](deps, input, request.caller);
    } else {
      const token = bearerToken(request.authorization);
      if (!token) throw new ChatError('UNAUTHENTICATED', 'Sign in first.');
      const user = await deps.service.authenticate(token);
      requireObjectInput(input);
      result = await authedHandlers[name as keyof typeof authedHandlers](deps, user.id, input, token);
    }
    if (route.response === null) return { status: 204, body: undefined, headers: { ...PRIVATE } };
    // Parsing on the way out strips any field the schema does not name: nothing private leaks by accident.
    const parsed = route.response.safeParse(result);
    if (!parsed.success) throw new Error(`the ${route.what} did not match its schema`);
    return { status: route.status, body: parsed.data, headers: { ...PRIVATE } };
  } catch (error) {
    return errorResponse(error, request.requestId);
  }
}

/**
 * An error as the API answers it: its status, the error body and, when rate
 * limited, Retry-After. An internal failure's own text never reaches the
 * client: it is answered as a bare INTERNAL naming `reference`, and handed
 * back in `failure` for the edge to log.
 */
export function errorResponse(error: unknown, reference: string = crypto.randomUUID()): ApiResponse {
  const chatError = errorForClient(error, reference);
  const headers: Record<string, string> = { ...PRIVATE };
  if (chatError.details.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(chatError.details.retryAfterMs / 1000)));
  }
  const details = Object.keys(chatError.details).length > 0 ? chatError.details : undefined;
  return {
    status: HTTP_STATUS_FOR_ERROR[chatError.code],
    body: { error: { code: chatError.code, message: chatError.message, ...(details ? { details } : {}) } },
    headers,
    ...(chatError.code === 'INTERNAL' ? { failure: { error, reference } } : {}),
  };
}

/**
 * The answer to a request no route takes, on the server and in the mocks alike: 405
 * METHOD_NOT_ALLOWED with an Allow header when the path is served under `allowed`
 * methods, 404 NOT_FOUND when it is not served at all.
 */
export function unmatchedRequestResponse(allowed: readonly string[]): ApiResponse {
  if (allowed.length === 0) return errorResponse(new ChatError('NOT_FOUND', 'There is nothing at this address.'));
  const answer = errorResponse(new ChatError('METHOD_NOT_ALLOWED', `This address takes ${allowed.join(', ')}.`));
  answer.headers.allow = allowed.join(', ');
  return answer;
}

/** A raw request body for transports that do not parse it themselves (MSW): size first, then JSON. */
export function parseRequestBody(text: string): { ok: true; body: unknown } | { ok: false; response: ApiResponse } {
  if (new TextEncoder().encode(text).byteLength > LIMITS.payloadMaxBytes) {
    return { ok: false, response: errorResponse(tooLarge()) };
  }
  if (text.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: errorResponse(new ChatError('INVALID_INPUT', 'The request body is not valid JSON.')) };
  }
}

export function tooLarge(): ChatError {
  return new ChatError('PAYLOAD_TOO_LARGE', `A request can be at most ${Math.round(LIMITS.payloadMaxBytes / 1024)} KB.`);
}
