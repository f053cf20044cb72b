import { HttpResponse, delay, http, matchRequestUrl, type HttpHandler } from 'msw';
import { LOCAL_CALLER } from '../src/backend/limits/caller';
import { EVENTS_PATH, type HttpMethod, httpRoutes, routeNames } from '../src/protocol/http';
import type { OnlineSource } from '../src/transport/onlineSource';
import { type ApiResponse, errorResponse, handleApiRequest, parseRequestBody, unmatchedRequestResponse } from '../src/backend/http/apiHandler';
import { EVENT_STREAM_HEADERS, type EventStream, openEventStream, resolveStreamRequest, sseFrame } from '../src/backend/http/eventStream';
import type { MockBackend } from './backend';

export interface Latency {
  minMs: number;
  maxMs: number;
}

/** Like the simulation's network: noticeable, uneven, never zero in the browser. */
export const BROWSER_LATENCY: Latency = { minMs: 40, maxMs: 160 };

export interface HandlerOptions {
  /** Origin (and prefix) the API is served at; '' for the page's own origin. */
  baseUrl?: string;
  latency?: Latency;
  heartbeatMs?: number;
  /**
   * The device's network (the browser's online/offline events): while it is
   * down the mocked API is unreachable, as a real server would be. Mock
   * Service Worker answers inside the browser, which its offline switch does
   * not touch. null: always reachable (Node).
   */
  online?: OnlineSource | null;
}

/** MSW's handler for each method of the route table. */
const MSW_METHOD = { GET: 'get', POST: 'post', PATCH: 'patch', DELETE: 'delete' } as const satisfies Record<HttpMethod, keyof typeof http>;

/**
 * MSW handlers for the HTTP API of src/protocol/http.ts. The request ->
 * service mapping and the event stream are the server's own code
 * (src/backend/http: apiHandler.ts, eventStream.ts); only the MSW glue is here,
 * and the network's part: latency, and no answer at all while offline.
 */
export function createHandlers(backend: MockBackend, options: HandlerOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const latency = options.latency ?? { minMs: 0, maxMs: 0 };
  const wait = () => delay(Math.round(latency.minMs + Math.random() * (latency.maxMs - latency.minMs)));
  const api = { service: backend.service, tickets: backend.tickets };
  const device = options.online ?? null;
  const reachable = () => device?.online() ?? true;

  const routes = routeNames.map((name) => {
    const route = httpRoutes[name];
    return http[MSW_METHOD[route.method]](base + route.path, async ({ request, params }) => {
      // Offline, the request never leaves: fetch fails as on a network error.
      if (!reachable()) return HttpResponse.error();
      await wait();
      let body: unknown;
      if (route.method !== 'GET') {
        const parsed = parseRequestBody(await request.text());
        if (!parsed.ok) return toResponse(parsed.response);
        body = parsed.body;
      }
      const query = new URL(request.url).searchParams;
      const requestId = crypto.randomUUID();
      const response = await handleApiRequest(api, name, { authorization: request.headers.get('authorization'), params, query, body, caller: LOCAL_CALLER, requestId });
      // The network dropped while it was handled: the work is done, the answer lost (what idempotent sends are for).
      return reachable() ? toResponse(response) : HttpResponse.error();
    });
  });

  const events = http.get(base + EVENTS_PATH, async ({ request }) => {
    if (!reachable()) return HttpResponse.error();
    await wait();
    let target: Awaited<ReturnType<typeof resolveStreamRequest>>;
    let release: () => void;
    try {
      target = await resolveStreamRequest(backend.tickets, new URL(request.url).searchParams, request.headers.get('last-event-id'));
      // Counted against the connection caps until the stream ends, as on the server.
      release = backend.service.admitConnection(target.userId, LOCAL_CALLER);
    } catch (error) {
      return toResponse(errorResponse(error));
    }
    if (!reachable()) {
      release();
      return HttpResponse.error();
    }
    const encoder = new TextEncoder();
    let stream: EventStream | undefined;
    let stopWatchingDevice: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const end = () => {
          stopWatchingDevice?.();
          release();
          void stream?.close();
          try {
            controller.close();
          } catch {
            // Already closed or cancelled by the reader.
          }
        };
        stream = openEventStream({
          service: backend.service,
          hub: backend.hub,
          streams: backend.streams,
          ...target,
          heartbeatMs: options.heartbeatMs,
          write: (message) => controller.enqueue(encoder.encode(sseFrame(message))),
          end,
        });
        stream.opened.catch(end);
        // The client closing its EventSource aborts the request; that ends the connection for presence.
        request.signal.addEventListener('abort', end, { once: true });
        // The network going down drops the stream, on both sides.
        stopWatchingDevice = device?.subscribe(() => {
          if (!reachable()) end();
        });
      },
      cancel() {
        stopWatchingDevice?.();
        release();
        void stream?.close();
      },
    });
    return new HttpResponse(body, { status: 200, headers: EVENT_STREAM_HEADERS });
  });

  // What no route takes is answered as the server answers it (server/http/servedRoutes.ts), not passed
  // through to the network: 405 with an Allow header where the path is served under other methods, else 404.
  const served = [...routeNames.map((name) => ({ method: httpRoutes[name].method, path: httpRoutes[name].path })), { method: 'GET', path: EVENTS_PATH }];
  const unmatched = http.all(`${base}/api/*`, async ({ request }) => {
    if (!reachable()) return HttpResponse.error();
    await wait();
    const url = new URL(request.url);
    const allowed = [...new Set(served.filter((route) => matchRequestUrl(url, base + route.path).matches).map((route) => route.method))];
    return toResponse(unmatchedRequestResponse(allowed));
  });

  return [...routes, events, unmatched];
}

function toResponse(response: ApiResponse): Response {
  // The mock's console is its log: what the client was told nothing of shows there.
  if (response.failure) console.error(`[mocks] request failed (reference ${response.failure.reference})`, response.failure.error);
  if (response.body === undefined) return new HttpResponse(null, { status: response.status, headers: response.headers });
  return HttpResponse.json(response.body, { status: response.status, headers: response.headers });
}
