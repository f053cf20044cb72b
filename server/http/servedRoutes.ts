import type { FastifyInstance } from 'fastify';
import { unmatchedRequestResponse } from '../../src/backend/http/apiHandler';

/** A route Fastify answers: its method and its URL pattern (`:name` parameters, `*` for anything). */
export interface ServedRoute {
  method: string;
  url: string;
}

/**
 * Every route registered on `app` from now on, as Fastify has it (HEAD beside
 * each GET, the CORS preflight's OPTIONS *): what the node actually serves,
 * whatever registered it. Call before registering anything.
 */
export function trackServedRoutes(app: FastifyInstance): readonly ServedRoute[] {
  const routes: ServedRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  return routes;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * What matches no route is answered in the API's own error shape: 405
 * METHOD_NOT_ALLOWED with an Allow header where the path is served under
 * other methods, 404 NOT_FOUND where it is not served at all. The CORS
 * preflight answers OPTIONS on every path, so OPTIONS alone does not make a
 * path known.
 */
export function answerUnmatchedRequests(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
    const known = allowed.some((method) => method !== 'OPTIONS');
    const answer = unmatchedRequestResponse(known ? allowed : []);
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  });
}
