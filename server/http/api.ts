import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { version } from '../../package.json';
import type { MemoryHub } from '../../src/backend/hub';
import type { Caller } from '../../src/backend/limits/caller';
import type { ChatService } from '../../src/backend/service';
import { EVENTS_PATH, OPENAPI_PATH, httpRoutes, routeNames } from '../../src/protocol/http';
import { openApiDocument } from '../../src/protocol/openapi';
import { LIMITS } from '../../src/protocol/limits';
import { ChatError } from '../../src/transport/errors';
import { clientAddress } from '../clientAddress';
import { type ApiResponse, errorResponse, handleApiRequest, tooLarge } from '../../src/backend/http/apiHandler';
import { EVENT_STREAM_HEADERS, openEventStream, resolveStreamRequest, sseFrame } from '../../src/backend/http/eventStream';
import type { SessionStreams } from '../../src/backend/http/sessionStreams';
import type { StreamTickets } from '../../src/backend/http/streamTickets';

/** What the HTTP API needs from the server that mounts it. */
export interface HttpApiDeps {
  service: ChatService;
  /** Events for this node's HTTP event-stream clients (the server publishes into it). */
  hub: MemoryHub;
  /** What opens the event stream: SignedStreamTickets in the server (any node redeems them), MemoryStreamTickets in tests. */
  tickets: StreamTickets;
  /** This node's open streams by session: whoever hears of a sign-out ends that session's streams through it. */
  streams: SessionStreams;
  /** Ping interval of the event stream; tests shorten it. */
  heartbeatMs?: number;
  /** Proxies in front of the server whose X-Forwarded-For entries name the client (see clientAddress); default none. */
  trustedProxies?: number;
}

/**
 * The HTTP API (auth, directory, conversations, history, send, read, typing,
 * catch-up, event stream) beside Socket.IO, on the route table of
 * src/protocol/http.ts and the handler shared with mocks/.
 */
export async function registerHttpApi(app: FastifyInstance, deps: HttpApiDeps): Promise<void> {
  // A plugin scope, so the error handler below covers these routes and no one else's.
  await app.register(async (scope) => {
    const tickets = deps.tickets;
    const api = { service: deps.service, tickets };
    /** How to end each open stream: presence off, response ended. */
    const open = new Set<() => Promise<void>>();

    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.statusCode === 413) return send(reply, errorResponse(tooLarge()));
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return send(reply, errorResponse(new ChatError('INVALID_INPUT', 'The request could not be read: send a JSON body.')));
      }
      return send(reply, errorResponse(error, request.id));
    });

    for (const name of routeNames) {
      const route = httpRoutes[name];
      scope.route({
        method: route.method,
        url: route.path,
        bodyLimit: LIMITS.payloadMaxBytes,
        handler: async (request, reply) =>
          send(
            reply,
            await handleApiRequest(api, name, {
              authorization: request.headers.authorization,
              params: request.params,
              query: Object.entries(queryOf(request)),
              body: request.body,
              caller: callerOf(request),
              requestId: request.id,
            }),
          ),
      });
    }

    scope.get(EVENTS_PATH, async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      let target: Awaited<ReturnType<typeof resolveStreamRequest>>;
      let release: () => void;
      try {
        target = await resolveStreamRequest(tickets, Object.entries(queryOf(request)), typeof lastEventId === 'string' ? lastEventId : undefined);
        // Counted with the user's sockets against the connection caps, until the stream ends.
        release = deps.service.admitConnection(target.userId, callerOf(request));
      } catch (error) {
        return send(reply, errorResponse(error, request.id));
      }
      // From here Node's response is ours: headers set by hooks (CORS) are carried over by hand.
      reply.hijack();
      const raw = reply.raw;
      // `connection: close`: the socket of a finished stream is not worth keeping alive, and an idle
      // keep-alive socket left behind would hold up the server's shutdown.
      for (const [name, value] of Object.entries({ ...reply.getHeaders(), ...EVENT_STREAM_HEADERS, connection: 'close' })) {
        if (value !== undefined) raw.setHeader(name, value);
      }
      raw.writeHead(200);
      raw.flushHeaders();
      const stream = openEventStream({
        service: deps.service,
        hub: deps.hub,
        streams: deps.streams,
        ...target,
        heartbeatMs: deps.heartbeatMs,
        write: (message) => {
          if (raw.destroyed || raw.writableEnded) throw new Error('stream closed');
          raw.write(sseFrame(message));
        },
        end: () => void end(),
      });
      const end = () => {
        release();
        open.delete(end);
        if (!raw.writableEnded) raw.end();
        return stream.close();
      };
      open.add(end);
      request.raw.once('close', () => void end());
      raw.once('close', () => void end());
      stream.opened.catch((error: unknown) => {
        request.log.error({ err: error }, 'event stream failed to open');
        void end();
      });
    });

    // Built once: it describes the code, which does not change while the server runs.
    const description = openApiDocument({ version });
    scope.get(OPENAPI_PATH, async (_request, reply) => reply.header('cache-control', 'no-cache').send(description));

    // Open streams never go idle: end them before the server waits for its connections to close.
    scope.addHook('preClose', async () => {
      await Promise.all([...open].map((end) => end()));
    });

    function callerOf(request: FastifyRequest): Caller {
      return { address: clientAddress(request.raw, deps.trustedProxies ?? 0) };
    }
  });
}

function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const query = request.query;
  if (typeof query !== 'object' || query === null) return out;
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') out[key] = value;
  return out;
}

function send(reply: FastifyReply, response: ApiResponse): FastifyReply {
  // The request's logger carries its id, the reference the client was given.
  if (response.failure) reply.log.error({ err: response.failure.error, reference: response.failure.reference }, 'HTTP API request failed');
  reply.code(response.status).headers(response.headers);
  return response.body === undefined ? reply.send() : reply.send(response.body);
}
