import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import { errorForClient } from '../../src/backend/clientErrors';
import type { ChatService } from '../../src/backend/service';
import { LIMITS } from '../../src/protocol/limits';
import { requireObjectInput } from '../../src/protocol/parse';
import {
  type AckResponse,
  type ClientToServerEvents,
  type ConnectErrorData,
  SOCKET_REQUESTS,
  type ServerToClientEvents,
  type SocketRequest,
  isSocketRequest,
} from '../../src/protocol/socket';
import { ChatError } from '../../src/transport/errors';
import type { UserId } from '../../src/transport/types';
import type { JwtSessions } from '../auth/jwtSessions';
import { clientAddress } from '../clientAddress';
import { type AllowedOrigins, originAllowed } from '../origins';
import { InFlight } from './inflight';
import { type RequestContext, requestHandlers } from './requestHandlers';
import { userRoom } from './socketPublisher';

interface SocketData {
  userId: UserId;
  jti: string;
  /** Seconds since the epoch: a socket outliving its token stops being served. */
  expiresAt: number;
  /** Presence registration of a live socket, awaited before it is undone. */
  live: Promise<void> | null;
  /** Ends the socket's count against the connection caps. */
  release: () => void;
}

/** Nodes talk over their own Redis channel (server/cluster/clusterBus.ts), not through Socket.IO. */
type InterServerEvents = Record<string, never>;

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketLayerOptions {
  origins: AllowedOrigins;
  logger: Logger;
  /** While shutting down, new connections are refused as a network failure, which clients retry. */
  isClosing(): boolean;
}

/**
 * Socket.IO's heartbeat, which the handshake passes on to clients. A client
 * declares the connection lost when no ping came for pingInterval +
 * pingTimeout (8 s), the server when a pong is pingTimeout late (time enough
 * for a slow mobile network). Socket.IO's defaults (25 s + 20 s) let a
 * silently stalled connection, a network that drops packets without closing
 * anything or a frozen server, look alive for 45 s.
 */
export const SOCKET_HEARTBEAT = { pingInterval: 3_000, pingTimeout: 5_000 } as const;

/** Socket.IO on the server's port: the transport only; every rule is the service's. */
export function createSocketServer(httpServer: HttpServer, options: SocketLayerOptions): ChatServer {
  const io: ChatServer = new Server(httpServer, {
    ...SOCKET_HEARTBEAT,
    // A bigger frame closes the connection; the client refuses such payloads before sending.
    maxHttpBufferSize: LIMITS.payloadMaxBytes,
    cors: { origin: (origin, cb) => cb(null, originAllowed(options.origins, origin)) },
    // The CORS headers above only bind polling; a WebSocket upgrade is checked here.
    allowRequest: (req, cb) => {
      if (options.isClosing()) return cb(null, false);
      const ok = originAllowed(options.origins, req.headers.origin);
      if (!ok) options.logger.warn({ origin: req.headers.origin }, 'socket refused: origin not allowed');
      cb(null, ok);
    },
    serveClient: false,
  });
  return io;
}

export interface SocketHandlersOptions {
  service: ChatService;
  sessions: JwtSessions;
  logger: Logger;
  inflight: InFlight;
  /** Proxies in front of the server whose X-Forwarded-For entries name the client (see clientAddress). */
  trustedProxies?: number;
}

/** Authenticates handshakes and answers each request through its acknowledgement. */
export function handleSockets(io: ChatServer, { service, sessions, logger, inflight, trustedProxies = 0 }: SocketHandlersOptions): void {
  const handlers = requestHandlers(service);

  io.use(async (socket, next) => {
    try {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
      if (typeof token !== 'string') throw new ChatError('UNAUTHENTICATED', 'Sign in first.');
      const session = await sessions.check(token);
      const user = await service.authenticate(token);
      const release = service.admitConnection(user.id, { address: clientAddress(socket.request, trustedProxies) });
      // Also when the connection closes before the socket counts as connected (then no disconnect comes).
      socket.conn.once('close', release);
      socket.data = { userId: user.id, jti: session.jti, expiresAt: session.expiresAt, live: null, release };
      next();
    } catch (error) {
      const reference = crypto.randomUUID();
      const chatError = errorForClient(error, reference);
      if (chatError.code === 'INTERNAL') logger.error({ err: error, reference }, 'socket handshake failed');
      const refusal = new Error(chatError.message) as Error & { data: ConnectErrorData };
      refusal.data = { code: chatError.code, message: chatError.message };
      next(refusal);
    }
  });

  // This node's sockets; in a cluster the other nodes are told too (server/cluster).
  sessions.onRevoked((jti) => disconnectSessionHere(io, jti));

  io.on('connection', (socket: ChatSocket) => {
    const { userId, jti } = socket.data;
    logger.debug({ userId, socketId: socket.id }, 'socket connected');
    /**
     * The handshake checked the session, but a sign-out landing between that
     * check and this socket joining its session's room finds nothing to
     * disconnect. So: join, then check again (as event streams do). A sign-out
     * recorded before the check is seen by it; one after it finds the socket
     * in the room. Requests wait for the check.
     */
    const admitted = (async () => {
      await socket.join(sessionRoom(jti));
      if (await sessions.isRevoked(jti)) throw new ChatError('UNAUTHENTICATED', 'This session has been signed out.');
    })();
    admitted.catch((error: unknown) => {
      if (error instanceof ChatError) return socket.disconnect(true);
      // Not a sign-out: drop the connection (not the session), and the client reconnects.
      logger.error({ err: error, userId }, 'socket session check failed');
      socket.conn.close();
    });

    const ctx: RequestContext = {
      userId,
      goLive: () => {
        socket.data.live ??= inflight.track(
          (async () => {
            await socket.join(userRoom(userId));
            await service.connect(userId, socket.id);
          })(),
        );
        return socket.data.live;
      },
    };

    // Events nobody handles would otherwise vanish; answer them so the client is not left waiting.
    socket.use(([event, ...args], next) => {
      if (isSocketRequest(event)) return next();
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(failure(new ChatError('INVALID_INPUT', `Unknown request "${String(event)}".`)));
      logger.debug({ userId, event: String(event).slice(0, 64) }, 'unknown socket event');
    });

    for (const name of SOCKET_REQUESTS) {
      socket.on(name, (...args: unknown[]) => {
        void inflight.track(answer(socket, name, args));
      });
    }

    socket.on('disconnect', (reason) => {
      logger.debug({ userId, socketId: socket.id, reason }, 'socket disconnected');
      socket.data.release();
      const live = socket.data.live;
      if (!live) return;
      void inflight.track(
        live
          .then(() => service.disconnect(userId, socket.id))
          .catch((error: unknown) => logger.error({ err: error, userId }, 'presence update failed')),
      );
    });

    async function answer(s: ChatSocket, name: SocketRequest, args: unknown[]): Promise<void> {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (response: AckResponse<unknown>) => void) : undefined;
      const started = performance.now();
      let response: AckResponse<unknown>;
      try {
        if (s.data.expiresAt * 1000 <= Date.now()) throw new ChatError('UNAUTHENTICATED');
        await admitted;
        requireObjectInput(args[0]);
        response = { ok: true, data: await handlers[name](ctx, args[0]) };
      } catch (error) {
        const reference = crypto.randomUUID();
        const chatError = errorForClient(error, reference);
        if (chatError.code === 'INTERNAL') logger.error({ err: error, userId, event: name, reference }, 'socket request failed');
        response = failure(chatError);
      }
      ack?.(response);
      // The hot path: build the log record only when someone reads it.
      if (logger.isLevelEnabled('debug')) {
        const code = response.ok ? undefined : response.error.code;
        logger.debug({ userId, event: name, ok: response.ok, code, ms: Math.round(performance.now() - started) }, 'socket request');
      }
      if (!response.ok && response.error.code === 'UNAUTHENTICATED') s.disconnect(true);
    }
  });
}

function sessionRoom(jti: string): string {
  return `session:${jti}`;
}

/** Disconnects this node's sockets of a signed-out session, telling their clients so. */
export function disconnectSessionHere(io: Pick<ChatServer, 'local'>, jti: string): void {
  io.local.in(sessionRoom(jti)).disconnectSockets(true);
}

function failure(error: ChatError): AckResponse<never> {
  return { ok: false, error: error.toJSON() };
}
