import { type HttpRoute, type RouteInput, type RouteName, type RouteOutput, httpRoutes, pathParams } from '../../src/protocol/http';
import { parseOutput } from '../../src/protocol/parse';
import { exceedsPayloadLimit, payloadTooLarge } from '../../src/protocol/rules/payloadSize';
import { ChatError } from '../../src/transport/errors';
import { errorFromFetchFailure, errorFromResponse } from './errors';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ApiClientOptions {
  /** The server's origin (and path prefix, if any); '' for the page's own origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request, after which it fails with TIMEOUT. */
  timeoutMs?: number;
}

export interface WireRequest {
  /** Path with parameters filled in and the query string, if any. */
  url: string;
  /** JSON, for every method but GET. */
  body: string | undefined;
}

/**
 * Lays a route's input out on the wire: `:name` path segments from the field
 * of that name (text, or a number such as a seq), the rest as query (GET) or
 * JSON body (POST, PATCH, DELETE). The input is not validated here: the
 * backend answers bad input with a typed error.
 */
export function toWireRequest(route: HttpRoute, input: unknown): WireRequest {
  const rest: Record<string, unknown> = typeof input === 'object' && input !== null ? { ...(input as Record<string, unknown>) } : {};
  let path = route.path;
  for (const name of pathParams(route.path)) {
    const value = rest[name];
    const segment = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof segment !== 'string' || segment === '') {
      throw new ChatError('INVALID_INPUT', `${name} is missing or of the wrong type.`, { field: name });
    }
    path = path.replace(`:${name}`, encodeURIComponent(segment));
    delete rest[name];
  }
  if (route.method !== 'GET') return { url: path, body: JSON.stringify(typeof input === 'object' && input !== null ? rest : input) };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) query.set(key, String(value));
  const search = query.toString();
  return { url: search ? `${path}?${search}` : path, body: undefined };
}

/**
 * Calls routes of the HTTP API and returns their answers parsed with protocol/
 * schemas; a refusal is a ChatError carrying the server's code, message and
 * wait (Retry-After). The http adapter calls every route through it, the
 * socket adapter its sign-up, sign-in, session check and sign-out.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // Bound so a platform fetch is not called with the client as `this`.
    const platformFetch = options.fetch ?? globalThis.fetch;
    this.fetch = (input, init) => platformFetch(input, init);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  url(path: string): string {
    return this.baseUrl + path;
  }

  async call<K extends RouteName>(name: K, input: RouteInput<K>, token?: string): Promise<RouteOutput<K>> {
    const route: HttpRoute = httpRoutes[name];
    const wire = toWireRequest(route, input);
    // Refuse here what the server would refuse anyway, without sending megabytes first.
    if (wire.body !== undefined && exceedsPayloadLimit(wire.body)) throw payloadTooLarge();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (wire.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;

    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      response = await this.fetch(this.url(wire.url), { method: route.method, headers, body: wire.body, signal });
      // Reading the body is part of the request: the timeout and network failures apply to it too.
      text = await response.text();
    } catch (error) {
      throw errorFromFetchFailure(error);
    }
    const body = parseJson(text);
    if (!response.ok) throw errorFromResponse(response.status, body, response.headers.get('retry-after'));
    if (route.response === null) return undefined as RouteOutput<K>;
    return parseOutput(route.response, body, route.what) as RouteOutput<K>;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
