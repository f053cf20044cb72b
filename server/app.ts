import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyReply } from 'fastify';
import { join } from 'node:path';
import type { LevelWithSilent, Logger } from 'pino';
import { MemoryHub } from '../src/backend/hub';
import type { AbuseLimits } from '../src/backend/limits/abuseLimits';
import type { PasswordHasher, PresenceRegistry } from '../src/backend/ports';
import { MemoryPresence } from '../src/backend/presence';
import { ChatService } from '../src/backend/service';
import { routeMethods } from '../src/protocol/http';
import { LIMITS } from '../src/protocol/limits';
import { ChatError } from '../src/transport/errors';
import { Argon2Hasher } from './auth/argon2Hasher';
import { loadOrCreateDevSecret } from './auth/devSecret';
import { JwtSessions } from './auth/jwtSessions';
import { type ClusterOptions, openClusterNode } from './cluster/redisCluster';
import { registerHttpApi } from './http/api';
import { type ServedRoute, answerUnmatchedRequests, trackServedRoutes } from './http/servedRoutes';
import { errorResponse } from '../src/backend/http/apiHandler';
import { SessionStreams } from '../src/backend/http/sessionStreams';
import { SignedStreamTickets } from './http/signedStreamTickets';
import { MemoryRedeemedTickets } from './http/redeemedTickets';
import { createLogger } from './logger';
import { type AllowedOrigins, DEV_ORIGINS, originAllowed } from './origins';
import { InFlight } from './socket/inflight';
import { SocketPublisher } from './socket/socketPublisher';
import { createSocketServer, handleSockets } from './socket/socketServer';
import type { ServerStore } from './store/serverStore';
import { SqliteStore } from './store/sqliteStore';

/** On every response: a browser must not read an answer as anything but the type it says it is. */
const NO_SNIFF = { 'x-content-type-options': 'nosniff' } as const;

/** What the server does for an option not given: createServer's defaults, and so the configuration's (server/config.ts). */
export const SERVER_DEFAULTS = {
  port: 3001,
  /** This machine only: listening on every interface (0.0.0.0) is a deliberate choice (HOST). */
  host: '127.0.0.1',
  idleTimeoutMs: 75_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
  shutdownGraceMs: 10_000,
} as const;

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where the database and the development JWT secret live (default ./data). */
  dataDir?: string;
  /** The SQLite file (default <dataDir>/violetchat.db); ignored when `store` is given. */
  dbPath?: string;
  /** A store to use instead of SQLite (closed with the server). */
  store?: ServerStore;
  /** At least 32 bytes. Required unless `devSecret`. */
  jwtSecret?: string;
  /** Without `jwtSecret`, sign with a development secret kept (and created) under dataDir; asked for explicitly. */
  devSecret?: boolean;
  corsOrigins?: AllowedOrigins;
  typingTtlMs?: number;
  /** Abuse limits other than the defaults (DEFAULT_ABUSE_LIMITS). */
  limits?: Partial<AbuseLimits>;
  /**
   * How many proxies in front of the server append to X-Forwarded-For: the
   * client address per-address limits count under is taken that many hops
   * back (default 0: the connection's peer).
   */
  trustedProxies?: number;
  /**
   * A connection with nothing sent or received for this long is closed
   * (default 75 s: above the event stream's 15 s ping, Socket.IO's 25 s
   * long-poll and a load balancer's usual 60 s idle timeout, so it closes first).
   */
  idleTimeoutMs?: number;
  /** A request must have sent its headers within this long (default 10 s)... */
  headersTimeoutMs?: number;
  /** ...and all of itself within this long (default 30 s). */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection between requests is closed after this long (default 72 s, Fastify's, above a balancer's 60 s). */
  keepAliveTimeoutMs?: number;
  presence?: PresenceRegistry;
  hasher?: PasswordHasher;
  logLevel?: LevelWithSilent;
  logger?: Logger;
  /** How long close() lets open HTTP connections finish before cutting them (default 10 s). */
  shutdownGraceMs?: number;
  /** One of several nodes sharing rooms, events and presence through Redis (REDIS_URL); pair it with a shared store. */
  redis?: ClusterOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  service: ChatService;
  store: ServerStore;
  logger: Logger;
  /** Every route this node's HTTP server answers (Socket.IO's own path aside). */
  routes: readonly ServedRoute[];
  /** Stops accepting, finishes in-flight requests, records presence, closes the store. */
  close(): Promise<void>;
}

export async function createServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const dataDir = options.dataDir ?? join(process.cwd(), 'data');
  const origins = options.corsOrigins ?? DEV_ORIGINS;
  // Before anything is opened: a server that would sign sessions with a guessable or stray key does not start.
  if (!options.jwtSecret && !options.devSecret) {
    throw new Error('A JWT secret is required (JWT_SECRET); a development secret is used only when asked for (--dev).');
  }
  const store = options.store ?? new SqliteStore(options.dbPath ?? join(dataDir, 'violetchat.db'));

  let jwtSecret = options.jwtSecret;
  if (!jwtSecret) {
    const dev = loadOrCreateDevSecret(dataDir);
    jwtSecret = dev.secret;
    logger.warn({ dataDir, created: dev.created }, 'JWT_SECRET is not set: using a development secret kept in the data directory (--dev)');
  }

  // Fastify's logger type is pino's minus its generics; the instance is the same.
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: LIMITS.payloadMaxBytes,
    // Unique across nodes: it is the reference a client is given for an internal failure.
    genReqId: () => crypto.randomUUID(),
    // Connections that send nothing, or a request slowly, are not kept open for ever.
    connectionTimeout: options.idleTimeoutMs ?? SERVER_DEFAULTS.idleTimeoutMs,
    requestTimeout: options.requestTimeoutMs ?? SERVER_DEFAULTS.requestTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? SERVER_DEFAULTS.keepAliveTimeoutMs,
    // A URL whose escapes do not decode (a lone surrogate, a broken %-sequence) is a malformed request
    // like any other: answered in the API's own shape, not the framework's. No hooks run for it.
    frameworkErrors: (_error, _request, reply: FastifyReply) => {
      const answer = errorResponse(new ChatError('INVALID_INPUT', 'The address of the request is malformed.'));
      void reply.status(answer.status).headers({ ...answer.headers, ...NO_SNIFF }).send(answer.body);
    },
  });
  app.server.headersTimeout = options.headersTimeoutMs ?? SERVER_DEFAULTS.headersTimeoutMs;
  const routes = trackServedRoutes(app);
  answerUnmatchedRequests(app);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(NO_SNIFF);
  });
  // The preflight allows every method the route table uses (the plugin's default stops at GET, HEAD and POST).
  await app.register(cors, { origin: (origin, cb) => cb(null, originAllowed(origins, origin)), methods: [...new Set(['GET', 'HEAD', ...routeMethods])] });

  let closing: Promise<void> | null = null;
  const hub = new MemoryHub();
  const io = createSocketServer(app.server, { origins, logger, isClosing: () => closing !== null });
  // Socket.IO answers its long-polling requests itself, outside Fastify's hooks.
  const noSniff = (headers: Record<string, string>) => void Object.assign(headers, NO_SNIFF);
  io.engine.on('initial_headers', noSniff);
  io.engine.on('headers', noSniff);
  const cluster = options.redis ? await openClusterNode(options.redis, logger) : null;
  const localPublisher = new SocketPublisher(io, hub);
  const sessions = new JwtSessions(jwtSecret, store);
  // Signing out ends the session's event streams here; in a cluster, the other nodes are told to end theirs.
  const streams = new SessionStreams((jti) => sessions.isRevoked(jti));
  sessions.onRevoked((jti) => streams.endSession(jti));
  const service = new ChatService({
    store,
    hasher: options.hasher ?? new Argon2Hasher(),
    sessions,
    publisher: cluster ? cluster.attach(io, { publisher: localPublisher, sessions, streams }) : localPublisher,
    presence: options.presence ?? cluster?.presence ?? new MemoryPresence(),
    typingTtlMs: options.typingTtlMs,
    limits: options.limits,
    rateLimits: cluster?.rateLimits,
    onBackgroundError: (error) => logger.error({ err: error }, 'background work failed'),
  });

  await cluster?.start(service);

  const inflight = new InFlight();
  handleSockets(io, { service, sessions, logger, inflight, trustedProxies: options.trustedProxies });

  app.get('/healthz', async (_request, reply) => {
    try {
      const rev = await store.currentRev();
      return { status: 'ok', rev };
    } catch (error) {
      logger.error({ err: error }, 'health check: store unreachable');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  // Any node redeems a ticket any node issued; Redis remembers the used ones across nodes.
  const tickets = new SignedStreamTickets({ secret: jwtSecret, sessions, redeemed: cluster?.redeemedTickets ?? new MemoryRedeemedTickets() });
  await registerHttpApi(app, { service, hub, tickets, streams, trustedProxies: options.trustedProxies });

  const host = options.host ?? SERVER_DEFAULTS.host;
  await app.listen({ port: options.port ?? SERVER_DEFAULTS.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? SERVER_DEFAULTS.port);
  const url = `http://${reachableHost(host)}:${port}`;
  logger.info({ url }, 'VioletChat server listening');

  async function shutDown(): Promise<void> {
    logger.info('shutting down: finishing in-flight requests');
    // New handshakes are refused from here on; requests already received are answered.
    const graceMs = options.shutdownGraceMs ?? SERVER_DEFAULTS.shutdownGraceMs;
    await inflight.drain();
    // Closing the connection itself (not a Socket.IO "disconnect", which tells a client it was
    // signed out) lets clients reconnect to the next server. A closing connection first flushes
    // what it still has to send (the acks just answered), so the engine closes only after that.
    const sockets = [...io.of('/').sockets.values()];
    const connections = sockets.map((socket) => new Promise((resolve) => socket.conn.once('close', resolve)));
    for (const socket of sockets) socket.conn.close();
    await withDeadline(Promise.all(connections), graceMs);
    io.engine.close();
    // The disconnects above record presence (lastSeen) before the store closes, the quiet ones too.
    await inflight.drain();
    await service.flushPresence();
    // A connection that never finishes (a stream opened as we closed, a stuck client) must not hold the process.
    const cut = setTimeout(() => {
      logger.warn('shutdown grace period over: closing the remaining connections');
      app.server.closeAllConnections();
    }, graceMs);
    await app.close().finally(() => clearTimeout(cut));
    // Typing expiry timers publish: none may fire once Redis and the store are closing.
    service.dispose();
    // After this node's own disconnects: other nodes then reap whatever it still held.
    await cluster?.close();
    await store.close();
    logger.info('shut down');
  }

  return {
    url,
    port,
    service,
    store,
    logger,
    routes,
    close: () => (closing ??= shutDown()),
  };
}

/** Where a client on this machine reaches a server listening on `host`: every interface is reached on the loopback one. */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Waits for `work`, but no longer than `ms`. */
function withDeadline(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work.then(() => undefined), deadline]).finally(() => clearTimeout(timer));
}
