import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../transport/errors';
import { EVENTS_PATH, HTTP_STATUS_FOR_ERROR, type HttpMethod, OPENAPI_PATH, STREAM_EVENTS, httpRoutes, pathParams, routeNames } from './http';
import { type JsonSchema, type OpenApiOperation, jsonSchemaOf, openApiDocument, openApiPath } from './openapi';
import { SOCKET_REQUESTS, socketRequestSchemas } from './socket';

const doc = openApiDocument({ version: '1.2.3' });

function operation(method: string, path: string): OpenApiOperation {
  const found = doc.paths[openApiPath(path)]?.[method.toLowerCase() as Lowercase<HttpMethod>];
  if (!found) throw new Error(`${method} ${path} is not documented`);
  return found;
}

const fieldsOf = (schema: JsonSchema) => Object.keys((schema.properties ?? {}) as object);

/** Every `$ref` anywhere under `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner)));
}

function resolvePointer(pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), doc);
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and plain JSON, with the version it is given', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('1.2.3');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it.each(routeNames)('describes the route %s from the route table: method, path, session, parameters, body and answer', (name) => {
    const route = httpRoutes[name];
    const op = operation(route.method, route.path);
    expect(op.operationId).toBe(name);
    expect(op.security).toEqual(route.auth ? [{ bearer: [] }] : []);

    const inPath = pathParams(route.path);
    const rest = fieldsOf(jsonSchemaOf(route.request, 'input')).filter((field) => !inPath.includes(field));
    expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(inPath);
    if (route.method === 'GET') {
      expect(op.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(rest);
      expect(op.requestBody).toBeUndefined();
    } else {
      expect(fieldsOf(op.requestBody!.content['application/json'].schema)).toEqual(rest);
    }

    const success = op.responses[String(route.status)]!;
    if (route.response === null) expect(success.content).toBeUndefined();
    else expect(success.content).toEqual({ 'application/json': { schema: jsonSchemaOf(route.response, 'output') } });
    expect(op.responses.default).toEqual({ $ref: '#/components/responses/Error' });
  });

  it('says which query fields a GET route requires, and whether a body is required', () => {
    expect(operation('GET', httpRoutes.history.path).parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['conversationId', 'path', true],
      ['beforeSeq', 'query', false],
      ['limit', 'query', true],
    ]);
    expect(operation('POST', httpRoutes.send.path).requestBody?.required).toBe(true);
    expect(operation('POST', httpRoutes.logout.path).requestBody?.required).toBe(false);
  });

  it('describes the event stream and its named events, and itself', () => {
    const stream = operation('GET', EVENTS_PATH);
    expect(stream.parameters.map((p) => p.name)).toEqual(['ticket', 'since', 'Last-Event-ID']);
    expect(Object.keys(stream['x-stream-events'] as object)).toEqual(['message', ...Object.values(STREAM_EVENTS)]);
    expect(operation('GET', OPENAPI_PATH).operationId).toBe('openapi');
  });

  it('names each operation once', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every error code with its status', () => {
    expect(doc['x-error-codes']).toEqual(HTTP_STATUS_FOR_ERROR);
    const error = doc.components.schemas.Error as { properties: { error: { properties: { code: JsonSchema } } } };
    expect(error.properties.error.properties.code.enum).toEqual([...ERROR_CODES]);
  });

  it.each(SOCKET_REQUESTS)('describes the socket request %s: its payload and its acknowledgement', (event) => {
    const socket = doc['x-socket-events'] as { requests: Record<string, { payload: JsonSchema; ack: { anyOf: JsonSchema[] } }> };
    const described = socket.requests[event]!;
    const schemas = socketRequestSchemas(event);
    expect(described.payload).toEqual(jsonSchemaOf(schemas.request, 'input'));
    const answered = described.ack.anyOf[0] as { properties: { data: JsonSchema } };
    expect(answered.properties.data).toEqual(schemas.response ? jsonSchemaOf(schemas.response, 'output') : { type: 'null' });
  });

  it('a socket request named like a route takes that route’s schemas', () => {
    expect(socketRequestSchemas('send')).toBe(httpRoutes.send);
    expect(socketRequestSchemas('markRead').response).toBeNull();
  });

  it('every reference points at something in the document', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolvePointer(ref), ref).toBeDefined();
  });
});
