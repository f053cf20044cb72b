import Database from 'better-sqlite3';
import fc from 'fast-check';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';

import { HTTP_STATUS_FOR_ERROR, type RouteName, httpRoutes, pathParams, routeNames } from '../../src/protocol/http';
import { errorBodySchema } from '../../src/protocol/schemas';
import { type AckResponse, SOCKET_REQUESTS, type SocketRequest, socketRequestSchemas } from '../../src/protocol/socket';
import { isErrorCode } from '../../src/transport/errors';
import type { Conversation, Session } from '../../src/transport';
import { PASSWORD, uniqueName } from '../contract/harness';
import { type TestServer, startTestServer } from '../support/testServer';

// Random malformed payloads, built from the protocol's own schemas, sent to
// every REST route and every socket event of a real server: each answer is a
// typed 4xx error, the server stays up, and the database does not change.

type Kind = 'string' | 'number' | 'boolean' | 'array';
interface Field {
  name: string;
  kind: Kind;
  optional: boolean;
}

/** The fields of a request schema (an object of strings, numbers, booleans and arrays, some optional). */
function fieldsOf(schema: z.ZodMiniType): Field[] {
  const shape = (schema as z.ZodMiniObject).shape as Record<string, z.ZodMiniType>;
  return Object.entries(shape).map(([name, field]) => {
    const optional = field.def.type === 'optional';
    const inner = optional ? ((field as z.ZodMiniOptional).def.innerType as z.ZodMiniType) : field;
    return { name, kind: kindOf(inner.def.type), optional };
  });
}

/** A title is text piped into its checks, a visibility one of a few strings: both are strings on the wire. */
function kindOf(type: string): Kind {
  return type === 'pipe' || type === 'enum' ? 'string' : (type as Kind);
}

/** What makes a payload invalid, whatever else it holds. */
type Defect =
  | { kind: 'not an object'; value: unknown }
  | { kind: 'wrong type'; field: string; value: unknown }
  | { kind: 'missing'; field: string }
  | { kind: 'bad text'; field: string; value: string }
  | { kind: 'bad number'; field: string; value: number };

function nesting(arrays: fc.Arbitrary<boolean>): fc.Arbitrary<unknown> {
  return fc.tuple(fc.integer({ min: 20, max: 300 }), arrays).map(([depth, asArrays]) => {
    let value: unknown = 'core';
    for (let i = 0; i < depth; i++) value = asArrays ? [value] : { deeper: value };
    return value;
  });
}
/** Arrays or objects nested hundreds deep. */
const nested = nesting(fc.boolean());
const nestedArrays = nesting(fc.constant(true));
/** Not a number, and not digits a query string would read as one. */
const nonNumericText = fc.string({ maxLength: 20 }).filter((s) => !/^-?\d{1,15}$/.test(s));
const smallJson = fc.jsonValue({ maxDepth: 2 });
const wrongFor: Record<Kind, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(smallJson, { maxLength: 3 }), fc.object({ maxDepth: 1 }), nested),
  number: fc.oneof(nonNumericText, fc.boolean(), fc.constant(null), fc.array(smallJson, { minLength: 1, maxLength: 3 }), fc.object({ maxDepth: 1 }), nested),
  boolean: fc.oneof(nonNumericText, fc.integer(), fc.constant(null), fc.array(smallJson, { maxLength: 3 }), fc.object({ maxDepth: 1 }), nested),
  array: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.object({ maxDepth: 1 }), nested),
};
/** NUL or a lone surrogate somewhere in otherwise plain text. */
const badText = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'), fc.string({ maxLength: 20 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);
const badQueryText = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([before, after]) => `${before}\u0000${after}`);
/** Numbers no field takes: negative, fractional, past the safe integers, huge. */
const badNumber = fc.constantFrom(-1, -0.5, 1.5, 2 ** 53, 1e308, -1e308, Number.MAX_VALUE);

/**
 * A defect for a payload of `fields`; `fixed` fields (path parameters) can only carry bad text. In a
 * query string (`inQuery`) every value is text, so a string field cannot have the wrong type there.
 */
function defects(fields: Field[], options: { objectMayBreak: boolean; fixed: readonly string[]; inQuery?: boolean }): fc.Arbitrary<Defect> {
  const choices: fc.Arbitrary<Defect>[] = [];
  if (options.objectMayBreak) {
    choices.push(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(smallJson, { maxLength: 3 }), nestedArrays).map((value) => ({ kind: 'not an object' as const, value })));
  }
  for (const field of fields) {
    const name = field.name;
    // A lone surrogate cannot travel in a query string (URLSearchParams sends U+FFFD in its place): NUL can.
    const bad = options.inQuery && !options.fixed.includes(name) ? badQueryText : badText;
    if (field.kind === 'string') choices.push(bad.map((value) => ({ kind: 'bad text' as const, field: name, value })));
    if (options.fixed.includes(name)) continue;
    if (!(options.inQuery && field.kind === 'string')) choices.push(wrongFor[field.kind].map((value) => ({ kind: 'wrong type' as const, field: name, value })));
    if (!field.optional) choices.push(fc.constant({ kind: 'missing' as const, field: name }));
    if (field.kind === 'number') choices.push(badNumber.map((value) => ({ kind: 'bad number' as const, field: name, value })));
  }
  return fc.oneof(...choices);
}

/** Keys no schema names, with any JSON in them: never enough to make a payload valid or invalid. */
function extraKeys(fields: Field[]): fc.Arbitrary<Record<string, unknown>> {
  const taken = new Set(fields.map((f) => f.name));
  return fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !taken.has(key) && key !== '__proto__'),
    smallJson,
    { maxKeys: 3 },
  );
}

function applyDefect(valid: Record<string, unknown>, defect: Defect, extra: Record<string, unknown>): unknown {
  if (defect.kind === 'not an object') return defect.value;
  const payload: Record<string, unknown> = { ...extra, ...valid };
  if (defect.kind === 'missing') delete payload[defect.field];
  else payload[defect.field] = defect.value;
  return payload;
}

/** Percent-encodes a path segment; a lone surrogate, which has no UTF-8, goes as the bytes it would have (WTF-8). */
function encodeSegment(text: string): string {
  return [...text]
    .map((char) => {
      const unit = char.charCodeAt(0);
      if (char.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(char);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');
}

const TABLES = ['users', 'conversations', 'conversation_members', 'messages', 'changes', 'group_departures', 'applied_operations', 'revoked_sessions', 'schema_migrations'] as const;

describe('malformed payloads against a real server', () => {
  let server: TestServer;
  let db: Database.Database;
  let alice: Session;
  let bob: Session;
  let conversation: Conversation;
  let socket: Socket;

  /** A valid payload for each request: the defect is what breaks it. */
  let valid: Record<RouteName | SocketRequest, Record<string, unknown>>;

  beforeAll(async () => {
    const many = { points: 1_000_000, durationSec: 60 };
    server = await startTestServer({ limits: { readsPerUser: many, directoryPerUser: many, markersPerUser: many, sendsPerUser: many } });
    const post = async (path: string, body: unknown, token?: string) =>
      (await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      })).json() as Promise<unknown>;
    alice = (await post('/api/auth/register', { username: uniqueName('alice'), email: 'a@example.com', password: PASSWORD })) as Session;
    bob = (await post('/api/auth/register', { username: uniqueName('bob'), email: 'b@example.com', password: PASSWORD })) as Session;
    conversation = (await post('/api/conversations/direct', { userId: bob.user.id }, alice.token)) as Conversation;
    await post(`/api/conversations/${conversation.id}/messages`, { clientId: crypto.randomUUID(), body: 'before the storm' }, alice.token);
    const inConversation = { conversationId: conversation.id };
    valid = {
      register: { username: uniqueName('newcomer'), email: 'n@example.com', password: PASSWORD, displayName: 'New Comer' },
      login: { username: alice.user.username, password: PASSWORD },
      logout: {},
      session: {},
      users: {},
      conversations: {},
      bootstrap: {},
      live: {},
      openDirect: { userId: bob.user.id },
      history: { ...inConversation, beforeSeq: 5, limit: 10 },
      send: { ...inConversation, clientId: crypto.randomUUID(), body: 'would be stored' },
      markDelivered: { ...inConversation, uptoSeq: 1 },
      markRead: { ...inConversation, uptoSeq: 1 },
      typing: { ...inConversation, typing: true },
      catchUp: { since: 0, limit: 10 },
      streamTicket: {},
      createGroup: { clientId: crypto.randomUUID(), title: 'Would be made', visibility: 'private', memberIds: [bob.user.id] },
      addMembers: { ...inConversation, userIds: [bob.user.id] },
      removeMember: { ...inConversation, userId: bob.user.id },
      leaveGroup: { ...inConversation },
      renameGroup: { ...inConversation, title: 'Renamed' },
      browseChannels: { search: 'launch', limit: 10 },
      joinChannel: { ...inConversation },
      messageInfo: { ...inConversation, seq: 1 },
      editMessage: { ...inConversation, seq: 1, opId: crypto.randomUUID(), body: 'would be edited' },
      deleteMessage: { ...inConversation, seq: 1, opId: crypto.randomUUID() },
      react: { ...inConversation, seq: 1, opId: crypto.randomUUID(), emoji: '👍', on: true },
    };
    db = new Database(server.dbPath, { readonly: true });
    socket = io(server.url, { auth: { token: alice.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
  });

  afterAll(async () => {
    socket?.disconnect();
    db?.close();
    await server?.close();
  });

  function snapshot(): string {
    return JSON.stringify(TABLES.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()));
  }

  function expectTyped4xx(status: number, code: unknown): void {
    expect(isErrorCode(code)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(HTTP_STATUS_FOR_ERROR[code as keyof typeof HTTP_STATUS_FOR_ERROR]).toBe(status);
  }

  it('every REST route answers a typed 4xx and stores nothing', async () => {
    const cases = routeNames.map((name) => {
      const route = httpRoutes[name];
      const fields = fieldsOf(route.request);
      const fixed = pathParams(route.path);
      const payloadDefects = route.method === 'GET' && fields.length === 0 ? [] : [defects(fields, { objectMayBreak: route.method !== 'GET', fixed, inQuery: route.method === 'GET' })];
      // A route that takes a session is also sent a malformed one.
      const authDefects = route.auth
        ? [fc.oneof(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`), fc.constant('Basic YWxpY2U6cGFzc3dvcmQ='))]
        : [];
      return fc.oneof(
        ...payloadDefects.map((defect) => fc.record({ name: fc.constant(name), defect, extra: extraKeys(fields), authorization: fc.constant(`Bearer ${alice.token}`) })),
        ...authDefects.map((authorization) => fc.record({ name: fc.constant(name), defect: fc.constant(null), extra: fc.constant({}), authorization })),
      );
    });
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...cases), async ({ name, defect, extra, authorization }) => {
        const route = httpRoutes[name];
        const payload = defect ? applyDefect(valid[name], defect, extra) : valid[name];
        const isObject = typeof payload === 'object' && payload !== null && !Array.isArray(payload);
        const fields = isObject ? { ...(payload as Record<string, unknown>) } : {};
        let path = route.path;
        for (const param of pathParams(route.path)) {
          path = path.replace(`:${param}`, encodeSegment(String(fields[param])));
          delete fields[param];
        }
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (route.auth) headers.authorization = authorization;
        let url = `${server.url}${path}`;
        let body: string | undefined;
        if (route.method === 'GET') {
          const query = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
          url += `?${query}`;
        } else {
          body = JSON.stringify(isObject ? fields : payload);
        }
        const response = await fetch(url, { method: route.method, headers, body });
        const answer = errorBodySchema.safeParse(await response.json().catch(() => null));
        expect(answer.success).toBe(true);
        expectTyped4xx(response.status, answer.data?.error.code);
        expect(snapshot()).toBe(before);
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('every socket event answers a typed error and stores nothing, and the socket stays', async () => {
    const cases = SOCKET_REQUESTS.map((event) => {
      const fields = fieldsOf(socketRequestSchemas(event).request);
      return fc.record({ event: fc.constant(event), defect: defects(fields, { objectMayBreak: true, fixed: [] }), extra: extraKeys(fields) });
    });
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...cases), async ({ event, defect, extra }) => {
        const answer = (await socket.timeout(5000).emitWithAck(event, applyDefect(valid[event], defect, extra))) as AckResponse<unknown>;
        expect(answer.ok).toBe(false);
        if (answer.ok) return;
        expectTyped4xx(HTTP_STATUS_FOR_ERROR[answer.error.code], answer.error.code);
        expect(socket.connected).toBe(true);
        expect(snapshot()).toBe(before);
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
