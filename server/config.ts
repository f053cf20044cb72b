import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LevelWithSilent } from 'pino';
import { z } from 'zod';
import type { AbuseLimits } from '../src/backend/limits/abuseLimits';
import { DEFAULT_ABUSE_LIMITS } from '../src/backend/limits/abuseLimits';
import type { LimitRule } from '../src/backend/limits/rateLimit';
import { SERVER_DEFAULTS, type ServerOptions } from './app';
import { MIN_SECRET_BYTES } from './auth/jwtSessions';
import { DEFAULT_KEY_PREFIX, DEFAULT_NODE_TTL_MS } from './cluster/redisCluster';
import { DEV_ORIGINS, parseOrigins } from './origins';

/**
 * The server's configuration: every environment variable and argument it
 * reads, parsed once, here. A bad value is refused with one line naming the
 * variable (and the process exits with EXIT_CONFIG), rather than a default
 * quietly taking its place. `.env.example` lists the same variables with the
 * same defaults (a test holds the two together).
 */

/** The exit status of a refused configuration (sysexits' EX_CONFIG): a supervisor need not retry it as it is. */
export const EXIT_CONFIG = 78;

export interface ServerConfig {
  /** What createServer is given (besides the store and the logger, which main.ts opens). */
  server: ServerOptions & Required<Pick<ServerOptions, 'port' | 'host' | 'dataDir' | 'devSecret' | 'trustedProxies' | 'corsOrigins' | 'limits'>>;
  /** PostgreSQL instead of the embedded SQLite file. */
  database?: { url: string; schema?: string };
  logLevel: LevelWithSilent;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A variable's text to its value; a refusal's message completes the sentence "<NAME> …". */
type Reader<T> = z.ZodType<T, string>;

interface Setting<T> {
  /** The value when the variable is unset or empty, as `.env.example` writes it ('' for none). */
  fallback: string;
  read: Reader<T>;
  /** A credential, or a URL that may hold one: never repeated in an error. */
  secret?: boolean;
}

function setting<T>(fallback: string, read: Reader<T>, options: { secret?: boolean } = {}): Setting<T> {
  return { fallback, read, ...options };
}

function refuse(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER, unit = ''): Reader<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? `, at least ${min}` : ` from ${min} to ${max}`;
  return z.string().transform((text, ctx) => {
    const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    return Number.isSafeInteger(value) && value >= min && value <= max ? value : refuse(ctx, `must be a whole number${unit}${range}`);
  });
}

const milliseconds = (min: number) => wholeNumber(min, Number.MAX_SAFE_INTEGER, ' of milliseconds');

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

/** A rate limit as `<count>/<window>`: 30/3s, 5/15m, 10/1h (seconds when the unit is left out). */
export function formatRule(rule: LimitRule): string {
  const { durationSec: d } = rule;
  const window = d % 3600 === 0 ? `${d / 3600}h` : d % 60 === 0 ? `${d / 60}m` : `${d}s`;
  return `${rule.points}/${window}`;
}

const rule: Reader<LimitRule> = z.string().transform((text, ctx) => {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*([smh]?)\s*$/.exec(text);
  const points = Number(match?.[1]);
  const durationSec = Number(match?.[2]) * UNIT_SECONDS[(match?.[3] || 's') as keyof typeof UNIT_SECONDS];
  if (match && Number.isSafeInteger(points) && points >= 1 && Number.isSafeInteger(durationSec) && durationSec >= 1) return { points, durationSec };
  return refuse(ctx, 'must be a count per window, like 30/3s, 5/15m or 10/1h');
});

/** Unset or empty: none. */
function optional<T>(read: Reader<T>): Reader<T | undefined> {
  return z.string().transform((text, ctx) => {
    if (text === '') return undefined;
    const result = read.safeParse(text);
    return result.success ? result.data : refuse(ctx, result.error.issues[0]!.message);
  });
}

function url(protocols: readonly string[], example: string): Reader<string> {
  return z.string().transform((text, ctx) => {
    const parsed = URL.canParse(text) ? new URL(text) : null;
    return parsed && protocols.includes(parsed.protocol) ? text : refuse(ctx, `must be a URL like ${example}`);
  });
}

const origins = z.string().transform((text, ctx) => {
  const list = parseOrigins(text);
  const bad = list === '*' ? undefined : list.find((origin) => !URL.canParse(origin) || new URL(origin).origin !== origin);
  return bad === undefined ? list : refuse(ctx, 'must be "*" or origins separated by commas, like https://chat.example.com');
});

const LIMIT_PREFIX = 'LIMIT_';

/** Every abuse limit (src/backend/limits), one variable each; the fallbacks are DEFAULT_ABUSE_LIMITS. */
const D = DEFAULT_ABUSE_LIMITS;
const LIMITS = {
  LIMIT_LOGIN_PER_ACCOUNT: setting(formatRule(D.loginPerAccount), rule),
  LIMIT_LOGIN_PER_ADDRESS: setting(formatRule(D.loginPerAddress), rule),
  LIMIT_REGISTRATIONS_PER_ADDRESS: setting(formatRule(D.registrationsPerAddress), rule),
  LIMIT_SENDS_PER_USER: setting(formatRule(D.sendsPerUser), rule),
  LIMIT_READS_PER_USER: setting(formatRule(D.readsPerUser), rule),
  LIMIT_DIRECTORY_PER_USER: setting(formatRule(D.directoryPerUser), rule),
  LIMIT_MARKERS_PER_USER: setting(formatRule(D.markersPerUser), rule),
  LIMIT_TYPING_PER_CONVERSATION: setting(formatRule(D.typingPerConversation), rule),
  LIMIT_PRESENCE_QUIET_MS: setting(String(D.presenceQuietMs), milliseconds(0)),
  LIMIT_CONNECTIONS_PER_USER: setting(String(D.connectionsPerUser), wholeNumber(1)),
  LIMIT_CONNECTIONS_PER_ADDRESS: setting(String(D.connectionsPerAddress), wholeNumber(1)),
  LIMIT_HASHING_CONCURRENT: setting(String(D.hashing.concurrent), wholeNumber(1)),
  LIMIT_HASHING_QUEUED: setting(String(D.hashing.queued), wholeNumber(0)),
  LIMIT_HASHING_PER_ADDRESS: setting(String(D.hashing.perKey), wholeNumber(1)),
};

/** Every variable the server reads, with its fallback. */
export const SETTINGS = {
  PORT: setting(String(SERVER_DEFAULTS.port), wholeNumber(0, 65535)),
  HOST: setting(SERVER_DEFAULTS.host, z.string().trim().min(1, 'must name an address to listen on')),
  DATA_DIR: setting('./data', z.string()),
  LOG_LEVEL: setting('info', z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  JWT_SECRET: setting(
    '',
    optional(z.string().refine((secret) => Buffer.byteLength(secret) >= MIN_SECRET_BYTES, `must be at least ${MIN_SECRET_BYTES} bytes long`)),
    { secret: true },
  ),
  CORS_ORIGINS: setting(DEV_ORIGINS.join(','), origins),
  TRUSTED_PROXIES: setting('0', wholeNumber(0)),
  DATABASE_URL: setting('', optional(url(['postgres:', 'postgresql:', 'socket:'], 'postgres://user:password@host:5432/database')), { secret: true }),
  DATABASE_SCHEMA: setting('', z.string()),
  REDIS_URL: setting('', optional(url(['redis:', 'rediss:'], 'redis://host:6379')), { secret: true }),
  REDIS_KEY_PREFIX: setting(DEFAULT_KEY_PREFIX, z.string()),
  CLUSTER_NODE_TTL_MS: setting(String(DEFAULT_NODE_TTL_MS), milliseconds(300)),
  IDLE_TIMEOUT_MS: setting(String(SERVER_DEFAULTS.idleTimeoutMs), milliseconds(1)),
  HEADERS_TIMEOUT_MS: setting(String(SERVER_DEFAULTS.headersTimeoutMs), milliseconds(1)),
  REQUEST_TIMEOUT_MS: setting(String(SERVER_DEFAULTS.requestTimeoutMs), milliseconds(1)),
  KEEP_ALIVE_TIMEOUT_MS: setting(String(SERVER_DEFAULTS.keepAliveTimeoutMs), milliseconds(1)),
  SHUTDOWN_GRACE_MS: setting(String(SERVER_DEFAULTS.shutdownGraceMs), milliseconds(0)),
  ...LIMITS,
};

export type SettingName = keyof typeof SETTINGS;
type Values = { [K in SettingName]: z.output<(typeof SETTINGS)[K]['read']> };

/** A variable as it comes: unset or empty is its fallback, then its reader. */
function withFallback<T>({ fallback, read }: Setting<T>): z.ZodType<T, string | undefined> {
  return z
    .string()
    .optional()
    .transform((text) => (text === undefined || text === '' ? fallback : text))
    .pipe(read);
}

// Object.fromEntries forgets which reader went with which name; the entries above say it.
const environment = z.object(
  Object.fromEntries(Object.entries(SETTINGS).map(([name, spec]) => [name, withFallback<unknown>(spec)])) as unknown as {
    [K in SettingName]: z.ZodType<Values[K], string | undefined>;
  },
);

/**
 * The configuration from `env` (process.env) and the arguments after the
 * script (`--dev`, nothing else), relative paths against `cwd`. Never throws:
 * a refusal is one line that names the variable or argument.
 */
export async function parseConfig(env: Readonly<Record<string, string | undefined>>, argv: readonly string[], cwd: string): Promise<ConfigResult> {
  let dev: boolean;
  try {
    const { values } = parseArgs({ args: [...argv], options: { dev: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
    dev = values.dev || env.NODE_ENV === 'development';
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)} (the server takes only --dev).` };
  }

  const unknownLimit = Object.keys(env).find((name) => name.startsWith(LIMIT_PREFIX) && !(name in LIMITS));
  if (unknownLimit) return { ok: false, message: `${unknownLimit} is not a limit the server knows; the limits are listed in .env.example.` };

  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]) as SettingName;
    const got = SETTINGS[name].secret ? '' : ` (got "${env[name]}")`;
    return { ok: false, message: `${name} ${issue.message}${got}.` };
  }
  const v = parsed.data;

  if (!v.JWT_SECRET && !dev) {
    return { ok: false, message: `JWT_SECRET must be set (at least ${MIN_SECRET_BYTES} bytes); for development, run with --dev to use a secret kept under DATA_DIR.` };
  }
  if (v.REDIS_URL && !v.DATABASE_URL) {
    return { ok: false, message: 'REDIS_URL runs this server as one of several nodes, which must share a database: set DATABASE_URL too.' };
  }
  if (v.HEADERS_TIMEOUT_MS > v.REQUEST_TIMEOUT_MS) {
    return { ok: false, message: `HEADERS_TIMEOUT_MS (${v.HEADERS_TIMEOUT_MS}) must not be longer than REQUEST_TIMEOUT_MS (${v.REQUEST_TIMEOUT_MS}): the headers are part of the request.` };
  }
  let schema: string | undefined;
  if (v.DATABASE_SCHEMA) {
    // The store's own rule for the name. Its module (and pg) load only when PostgreSQL is asked for.
    const { checkedSchemaName } = await import('./store/postgres/postgresStore');
    try {
      schema = checkedSchemaName(v.DATABASE_SCHEMA);
    } catch (error) {
      return { ok: false, message: `DATABASE_SCHEMA: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  const limits: AbuseLimits = {
    loginPerAccount: v.LIMIT_LOGIN_PER_ACCOUNT,
    loginPerAddress: v.LIMIT_LOGIN_PER_ADDRESS,
    registrationsPerAddress: v.LIMIT_REGISTRATIONS_PER_ADDRESS,
    sendsPerUser: v.LIMIT_SENDS_PER_USER,
    readsPerUser: v.LIMIT_READS_PER_USER,
    directoryPerUser: v.LIMIT_DIRECTORY_PER_USER,
    markersPerUser: v.LIMIT_MARKERS_PER_USER,
    typingPerConversation: v.LIMIT_TYPING_PER_CONVERSATION,
    presenceQuietMs: v.LIMIT_PRESENCE_QUIET_MS,
    connectionsPerUser: v.LIMIT_CONNECTIONS_PER_USER,
    connectionsPerAddress: v.LIMIT_CONNECTIONS_PER_ADDRESS,
    hashing: { concurrent: v.LIMIT_HASHING_CONCURRENT, queued: v.LIMIT_HASHING_QUEUED, perKey: v.LIMIT_HASHING_PER_ADDRESS },
  };

  return {
    ok: true,
    config: {
      logLevel: v.LOG_LEVEL,
      database: v.DATABASE_URL ? { url: v.DATABASE_URL, ...(schema ? { schema } : {}) } : undefined,
      server: {
        port: v.PORT,
        host: v.HOST,
        dataDir: resolve(cwd, v.DATA_DIR),
        jwtSecret: v.JWT_SECRET,
        devSecret: dev,
        trustedProxies: v.TRUSTED_PROXIES,
        corsOrigins: v.CORS_ORIGINS,
        limits,
        idleTimeoutMs: v.IDLE_TIMEOUT_MS,
        headersTimeoutMs: v.HEADERS_TIMEOUT_MS,
        requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: v.KEEP_ALIVE_TIMEOUT_MS,
        shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
        redis: v.REDIS_URL ? { url: v.REDIS_URL, keyPrefix: v.REDIS_KEY_PREFIX, nodeTtlMs: v.CLUSTER_NODE_TTL_MS } : undefined,
      },
    },
  };
}
