import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryHub } from '../../src/backend/hub';
import { MemoryPresence } from '../../src/backend/presence';
import { ChatService } from '../../src/backend/service';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { SqliteStore } from '../store/sqliteStore';
import { Argon2Hasher } from './argon2Hasher';
import { authRoutes } from './authRoutes';
import { JwtSessions } from './jwtSessions';

// The auth routes on their own, as the server mounts them when the HTTP API does not serve these paths.
describe('authRoutes', () => {
  const app = Fastify();
  const sessionsStore = new SqliteStore(':memory:');
  const service = new ChatService({
    store: new MemoryStore(),
    hasher: new Argon2Hasher(),
    sessions: new JwtSessions('auth-routes-test-secret-of-32-bytes!', sessionsStore),
    publisher: new MemoryHub(),
    presence: new MemoryPresence(),
    limits: { loginPerAccount: { points: 2, durationSec: 100 } },
  });
  beforeAll(async () => {
    await app.register(authRoutes, { service });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await sessionsStore.close();
  });

  const json = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    app.inject({ method, url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('registers, signs in, checks and ends a session', async () => {
    const created = await json('POST', '/api/auth/register', { username: 'Routes_User', email: 'r@example.com', password: 'long enough password' });
    expect(created.statusCode).toBe(201);
    const { token, user } = created.json() as { token: string; user: { username: string } };
    expect(user.username).toBe('routes_user');
    expect((await json('POST', '/api/auth/login', { username: 'routes_user', password: 'long enough password' })).statusCode).toBe(200);
    expect((await json('GET', '/api/auth/session', undefined, token)).json()).toMatchObject({ token, user: { username: 'routes_user' } });
    expect((await json('POST', '/api/auth/logout', {}, token)).statusCode).toBe(204);
    const after = await json('GET', '/api/auth/session', undefined, token);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it.each([
    { name: 'a taken username', url: '/api/auth/register', body: { username: 'routes_user', email: 'x@example.com', password: 'long enough password' }, status: 409, code: 'USERNAME_TAKEN' },
    { name: 'an invalid email', url: '/api/auth/register', body: { username: 'other_user', email: 'nope', password: 'long enough password' }, status: 400, code: 'INVALID_INPUT' },
    { name: 'no body', url: '/api/auth/login', body: undefined, status: 400, code: 'INVALID_INPUT' },
    { name: 'a wrong password', url: '/api/auth/login', body: { username: 'routes_user', password: 'wrong password' }, status: 401, code: 'INVALID_CREDENTIALS' },
  ])('$name is $status $code', async ({ url, body, status, code }) => {
    const response = await json('POST', url, body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { code } });
  });

  it('maps RATE_LIMITED to 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await json('POST', '/api/auth/login', { username: 'routes_user', password: `guess ${i}` });
    const limited = await json('POST', '/api/auth/login', { username: 'routes_user', password: 'guess again' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a session check without a token is 401 UNAUTHENTICATED', async () => {
    const response = await json('GET', '/api/auth/session');
    expect(response.statusCode).toBe(401);
  });
});
