import { z } from 'zod/mini';
import { ERROR_CODES } from '../transport/errors';
import {
  EVENTS_PATH,
  HTTP_STATUS_FOR_ERROR,
  type HttpMethod,
  type HttpRoute,
  OPENAPI_PATH,
  STREAM_EVENTS,
  eventStreamQuerySchema,
  httpRoutes,
  pathParams,
  routeNames,
  streamReadySchema,
  streamSignedOutSchema,
} from './http';
import { chatEventSchema, errorBodySchema } from './schemas';
import { SOCKET_REQUESTS, connectErrorDataSchema, socketAuthSchema, socketRequestSchemas } from './socket';

/**
 * The API described as OpenAPI 3.1, generated from what the code itself
 * uses: the route table (http.ts), the zod schemas every side parses with,
 * the socket requests (socket.ts). Nothing here is written per operation, so
 * an operation added to the tables is documented as it is added. The
 * Socket.IO protocol, which OpenAPI has no words for, is the extension
 * `x-socket-events`; the event stream's named events are `x-stream-events`
 * on its operation.
 */

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  security: { bearer: [] }[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, JsonSchema>;
  [extension: `x-${string}`]: unknown;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  'x-error-codes': Record<string, number>;
  'x-socket-events': JsonSchema;
}

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): as a client
 * sends it (`input`: before trimming and defaults) or as the server answers
 * it (`output`). A recursive schema fails here, loudly, rather than leaving
 * references that point nowhere in the document.
 */
export function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', cycles: 'throw' });
  return rest;
}

/** `/api/conversations/:conversationId/messages` as OpenAPI writes it: `/api/conversations/{conversationId}/messages`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]\w*)/g, '{$1}');
}

/** The error every refusal carries, its code one of ERROR_CODES. */
const typedErrorSchema = z.extend(errorBodySchema.shape.error, { code: z.enum(ERROR_CODES) });
const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };
const BEARER = [{ bearer: [] as [] }];

/** Named events of the event stream besides the chat events; every one of STREAM_EVENTS has its payload here. */
const STREAM_EVENT_SCHEMAS = {
  ready: streamReadySchema,
  ping: z.object({}),
  signedOut: streamSignedOutSchema,
} satisfies Record<keyof typeof STREAM_EVENTS, z.ZodMiniType>;

/** One route of the table: path parameters and the query (GET) or the JSON body (any other method) are all drawn from its one input schema. */
function routeOperation(name: string, route: HttpRoute): OpenApiOperation {
  const input = jsonSchemaOf(route.request, 'input');
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const inPath = pathParams(route.path);
  const parameters: OpenApiParameter[] = inPath.map((param) => ({ name: param, in: 'path', required: true, schema: properties[param] ?? { type: 'string' } }));
  const rest = Object.entries(properties).filter(([field]) => !inPath.includes(field));
  const restRequired = [...required].filter((field) => !inPath.includes(field));
  let requestBody: OpenApiOperation['requestBody'];
  if (route.method === 'GET') {
    parameters.push(...rest.map(([field, schema]): OpenApiParameter => ({ name: field, in: 'query', required: required.has(field), schema })));
  } else {
    // An input that is not an object with fields (none today) goes as the body whole.
    const { properties: _all, required: _allRequired, ...object } = input;
    const body = input.properties ? { ...object, properties: Object.fromEntries(rest), ...(restRequired.length > 0 ? { required: restRequired } : {}) } : input;
    requestBody = { required: restRequired.length > 0, content: { 'application/json': { schema: body } } };
  }
  const success =
    route.response === null
      ? { description: `Done (the ${route.what}); no content.` }
      : { description: `The ${route.what}.`, content: { 'application/json': { schema: jsonSchemaOf(route.response, 'output') } } };
  return {
    operationId: name,
    summary: `${name}: answers ${route.response === null ? 'no content' : `a ${route.what}`}`,
    security: route.auth ? BEARER : [],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: { [String(route.status)]: success, default: ERROR_RESPONSE },
  };
}

function eventStreamOperation(): OpenApiOperation {
  const query = jsonSchemaOf(eventStreamQuerySchema, 'input');
  const properties = query.properties as Record<string, JsonSchema>;
  const required = new Set(query.required as string[]);
  return {
    operationId: 'events',
    summary: `Live events (Server-Sent Events), opened with a single-use ticket from ${httpRoutes.streamTicket.method} ${httpRoutes.streamTicket.path}`,
    security: [],
    parameters: [
      ...Object.entries(properties).map(([field, schema]): OpenApiParameter => ({ name: field, in: 'query', required: required.has(field), schema })),
      { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' }, description: 'The rev to resume after; wins over `since`.' },
    ],
    responses: {
      '200': {
        description:
          'An event stream. Durable changes come as unnamed (`message`) events whose id is their rev; presence and typing as unnamed events without an id; the named events are in x-stream-events.',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
      default: ERROR_RESPONSE,
    },
    'x-stream-events': {
      message: jsonSchemaOf(chatEventSchema, 'output'),
      ...Object.fromEntries(Object.entries(STREAM_EVENTS).map(([key, event]) => [event, jsonSchemaOf(STREAM_EVENT_SCHEMAS[key as keyof typeof STREAM_EVENTS], 'output')])),
    },
  };
}

function documentOperation(): OpenApiOperation {
  return {
    operationId: 'openapi',
    summary: 'This document',
    security: [],
    parameters: [],
    responses: { '200': { description: 'The OpenAPI document of the API.', content: { 'application/json': { schema: { type: 'object' } } } }, default: ERROR_RESPONSE },
  };
}

/** What a socket request's acknowledgement holds: the answer, or a typed error. */
function ackSchema(response: z.ZodMiniType | null): JsonSchema {
  return jsonSchemaOf(
    z.union([z.object({ ok: z.literal(true), data: response ?? z.null() }), z.object({ ok: z.literal(false), error: typedErrorSchema })]),
    'output',
  );
}

function socketEvents(): JsonSchema {
  return {
    description:
      'Socket.IO 4 on the same origin and port (path /socket.io/). The handshake carries `auth`; a refused handshake ends in connect_error whose data is `connectError`. ' +
      'Each request is emitted with its payload and answered through its acknowledgement; a live socket (after `live`) receives `event`.',
    path: '/socket.io/',
    auth: jsonSchemaOf(socketAuthSchema, 'input'),
    connectError: jsonSchemaOf(z.extend(connectErrorDataSchema, { code: z.enum(ERROR_CODES) }), 'output'),
    requests: Object.fromEntries(
      SOCKET_REQUESTS.map((event) => {
        const schemas = socketRequestSchemas(event);
        return [event, { payload: jsonSchemaOf(schemas.request, 'input'), ack: ackSchema(schemas.response) }];
      }),
    ),
    events: { event: { payload: jsonSchemaOf(chatEventSchema, 'output') } },
  };
}

export function openApiDocument(info: { version: string }): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const add = (method: HttpMethod, path: string, operation: OpenApiOperation) => {
    const key = openApiPath(path);
    paths[key] = { ...paths[key], [method.toLowerCase()]: operation };
  };
  for (const name of routeNames) add(httpRoutes[name].method, httpRoutes[name].path, routeOperation(name, httpRoutes[name]));
  add('GET', EVENTS_PATH, eventStreamOperation());
  add('GET', OPENAPI_PATH, documentOperation());

  return {
    openapi: '3.1.0',
    info: {
      title: 'VioletChat',
      version: info.version,
      description:
        'The HTTP API and Socket.IO protocol of the VioletChat reference server. Every refusal is an error body whose code sets the status (x-error-codes); ' +
        'a token comes from register or login and goes as `Authorization: Bearer <token>` (the scheme in any case).',
    },
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(z.object({ error: typedErrorSchema }), 'output') },
      responses: {
        Error: {
          description: 'A refusal or a failure: the status is its code’s (x-error-codes). RATE_LIMITED (429) also says Retry-After, in seconds.',
          headers: { 'Retry-After': { description: 'Seconds to wait before trying again (429).', schema: { type: 'integer', minimum: 1 } } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    'x-error-codes': { ...HTTP_STATUS_FOR_ERROR },
    'x-socket-events': socketEvents(),
  };
}
