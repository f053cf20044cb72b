import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_LIMITS } from '../src/backend/limits/abuseLimits';
import { SERVER_DEFAULTS } from './app';
import { EXIT_CONFIG, SETTINGS, formatRule, parseConfig } from './config';
import { DEV_ORIGINS } from './origins';

const SECRET = 'a-secret-for-the-config-tests-of-32-bytes';

async function refusal(env: Record<string, string | undefined>, argv: string[] = ['--dev']): Promise<string> {
  const result = await parseConfig(env, argv, '/srv/chat');
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(env)}`);
  return result.message;
}

async function accepted(env: Record<string, string | undefined>, argv: string[] = ['--dev']) {
  const result = await parseConfig(env, argv, '/srv/chat');
  if (!result.ok) throw new Error(result.message);
  return result.config;
}

describe('the configuration', () => {
  it('falls back to the server defaults, the abuse limits and the dev origins', async () => {
    const config = await accepted({});
    expect(config).toEqual({
      logLevel: 'info',
      database: undefined,
      server: {
        ...SERVER_DEFAULTS,
        dataDir: '/srv/chat/data',
        jwtSecret: undefined,
        devSecret: true,
        trustedProxies: 0,
        corsOrigins: DEV_ORIGINS,
        limits: DEFAULT_ABUSE_LIMITS,
        redis: undefined,
      },
    });
  });

  it('reads every kind of value', async () => {
    const config = await accepted(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: 'var/chat',
        LOG_LEVEL: 'warn',
        JWT_SECRET: SECRET,
        CORS_ORIGINS: 'https://chat.example.com, https://admin.example.com/',
        TRUSTED_PROXIES: '2',
        DATABASE_URL: 'postgres://chat:pw@db:5432/chat',
        DATABASE_SCHEMA: 'violetchat',
        REDIS_URL: 'rediss://cache:6380',
        REDIS_KEY_PREFIX: 'staging:',
        CLUSTER_NODE_TTL_MS: '5000',
        IDLE_TIMEOUT_MS: '90000',
        LIMIT_SENDS_PER_USER: '10/1m',
        LIMIT_LOGIN_PER_ACCOUNT: '3 / 2h',
        LIMIT_TYPING_PER_CONVERSATION: '2/5',
        LIMIT_HASHING_PER_ADDRESS: '2',
      },
      [],
    );
    expect(config.logLevel).toBe('warn');
    expect(config.database).toEqual({ url: 'postgres://chat:pw@db:5432/chat', schema: 'violetchat' });
    expect(config.server).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/chat/var/chat',
      jwtSecret: SECRET,
      devSecret: false,
      trustedProxies: 2,
      corsOrigins: ['https://chat.example.com', 'https://admin.example.com'],
      idleTimeoutMs: 90_000,
      redis: { url: 'rediss://cache:6380', keyPrefix: 'staging:', nodeTtlMs: 5000 },
    });
    expect(config.server.limits).toEqual({
      ...DEFAULT_ABUSE_LIMITS,
      sendsPerUser: { points: 10, durationSec: 60 },
      loginPerAccount: { points: 3, durationSec: 7200 },
      typingPerConversation: { points: 2, durationSec: 5 },
      hashing: { ...DEFAULT_ABUSE_LIMITS.hashing, perKey: 2 },
    });
  });

  it('takes an empty variable as unset', async () => {
    expect(await accepted({ PORT: '', DATABASE_URL: '', LIMIT_SENDS_PER_USER: '' })).toEqual(await accepted({}));
  });

  it('is in development mode with --dev or NODE_ENV=development only', async () => {
    expect((await accepted({ NODE_ENV: 'development' }, [])).server.devSecret).toBe(true);
    expect((await accepted({ JWT_SECRET: SECRET, NODE_ENV: 'production' }, [])).server.devSecret).toBe(false);
  });

  it.each([
    { env: { PORT: 'abc' }, line: 'PORT must be a whole number from 0 to 65535 (got "abc").' },
    { env: { PORT: '65536' }, line: 'PORT must be a whole number from 0 to 65535 (got "65536").' },
    { env: { PORT: '80.5' }, line: 'PORT must be a whole number from 0 to 65535 (got "80.5").' },
    { env: { HOST: ' ' }, line: 'HOST must name an address to listen on (got " ").' },
    { env: { LOG_LEVEL: 'loud' }, line: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").' },
    { env: { TRUSTED_PROXIES: '-1' }, line: 'TRUSTED_PROXIES must be a whole number, at least 0 (got "-1").' },
    { env: { CLUSTER_NODE_TTL_MS: '100' }, line: 'CLUSTER_NODE_TTL_MS must be a whole number of milliseconds, at least 300 (got "100").' },
    { env: { CORS_ORIGINS: 'chat.example.com' }, line: 'CORS_ORIGINS must be "*" or origins separated by commas, like https://chat.example.com (got "chat.example.com").' },
    { env: { LIMIT_SENDS_PER_USER: '30' }, line: 'LIMIT_SENDS_PER_USER must be a count per window, like 30/3s, 5/15m or 10/1h (got "30").' },
    { env: { LIMIT_SENDS_PER_USER: '0/3s' }, line: 'LIMIT_SENDS_PER_USER must be a count per window, like 30/3s, 5/15m or 10/1h (got "0/3s").' },
    { env: { LIMIT_SEND_PER_USER: '30/3s' }, line: 'LIMIT_SEND_PER_USER is not a limit the server knows; the limits are listed in .env.example.' },
    { env: { HEADERS_TIMEOUT_MS: '40000' }, line: 'HEADERS_TIMEOUT_MS (40000) must not be longer than REQUEST_TIMEOUT_MS (30000): the headers are part of the request.' },
    { env: { REDIS_URL: 'redis://cache:6379' }, line: 'REDIS_URL runs this server as one of several nodes, which must share a database: set DATABASE_URL too.' },
    // Credentials are never repeated back.
    { env: { JWT_SECRET: 'too-short' }, line: 'JWT_SECRET must be at least 32 bytes long.' },
    { env: { DATABASE_URL: 'mysql://root:hunter2@db/chat' }, line: 'DATABASE_URL must be a URL like postgres://user:password@host:5432/database.' },
    { env: { DATABASE_URL: 'postgres://db/chat', DATABASE_SCHEMA: 'Chat-App' }, line: 'DATABASE_SCHEMA: Invalid PostgreSQL schema name "Chat-App": use lower-case letters, digits and _.' },
  ])('refuses $env in one line naming the variable', async ({ env, line }) => {
    expect(await refusal(env)).toBe(line);
  });

  it('requires JWT_SECRET unless in development, and refuses an unknown argument', async () => {
    expect(await refusal({}, [])).toMatch(/^JWT_SECRET must be set/);
    expect(await refusal({ JWT_SECRET: SECRET }, ['--production'])).toBe("Unknown option '--production' (the server takes only --dev).");
  });

  it.each([
    { rule: { points: 30, durationSec: 3 }, text: '30/3s' },
    { rule: { points: 5, durationSec: 900 }, text: '5/15m' },
    { rule: { points: 10, durationSec: 3600 }, text: '10/1h' },
    { rule: { points: 1, durationSec: 90 }, text: '1/90s' },
  ])('writes the rate $rule as $text, which reads back the same', async ({ rule, text }) => {
    expect(formatRule(rule)).toBe(text);
    expect((await accepted({ LIMIT_SENDS_PER_USER: text })).server.limits.sendsPerUser).toEqual(rule);
  });
});

describe('.env.example', () => {
  const lines = readFileSync(new URL('../.env.example', import.meta.url), 'utf8').split('\n');
  const listed = lines.filter((line) => /^[A-Z_]+=/.test(line)).map((line) => line.split(/=(.*)/s) as [string, string]);

  it('lists every setting once, with its default', () => {
    expect(listed.map(([name]) => name)).toEqual(Object.keys(SETTINGS));
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(Object.entries(SETTINGS).map(([name, setting]) => [name, setting.fallback])));
  });

  it('configures what no configuration does', async () => {
    expect(await accepted(Object.fromEntries(listed))).toEqual(await accepted({}));
  });
});

describe('server/main.ts with a bad setting', () => {
  it('exits with EXIT_CONFIG and one line on stderr naming the variable, before listening', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'eighty', JWT_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(EXIT_CONFIG);
    expect(stderr).toBe('violetchat: PORT must be a whole number from 0 to 65535 (got "eighty").\n');
    expect(stdout).toBe('');
  });
});
