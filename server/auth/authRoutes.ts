import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatService } from '../../src/backend/service';
import { HTTP_STATUS_FOR_ERROR, bearerToken } from '../../src/protocol/http';
import { ChatError, toChatError } from '../../src/transport/errors';

export interface AuthRoutesOptions {
  service: ChatService;
}

export function sendError(reply: FastifyReply, error: ChatError): FastifyReply {
  if (error.details.retryAfterMs !== undefined) reply.header('retry-after', Math.ceil(error.details.retryAfterMs / 1000));
  return reply.status(HTTP_STATUS_FOR_ERROR[error.code]).send({ error: error.toJSON() });
}

const ROUTES = [
  { method: 'POST', url: '/api/auth/register' },
  { method: 'POST', url: '/api/auth/login' },
  { method: 'POST', url: '/api/auth/logout' },
  { method: 'GET', url: '/api/auth/session' },
] as const;

/**
 * Sign-up, sign-in, session check and sign-out over HTTP, for the socket
 * adapter (the full REST API lives in server/http/). A route the HTTP API
 * already serves is left to it.
 */
export async function authRoutes(app: FastifyInstance, { service }: AuthRoutesOptions): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ChatError) return sendError(reply, error);
    if (error.statusCode === 413) return sendError(reply, new ChatError('PAYLOAD_TOO_LARGE', 'The request is too large.'));
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, new ChatError('INVALID_INPUT', 'The request body must be JSON.'));
    }
    request.log.error({ err: error }, 'auth request failed');
    return sendError(reply, toChatError(error));
  });

  const handlers: Record<(typeof ROUTES)[number]['url'], (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>> = {
    '/api/auth/register': async (request, reply) => reply.status(201).send(await service.register(request.body, { address: request.ip })),
    '/api/auth/login': async (request) => service.login(request.body, { address: request.ip }),
    '/api/auth/logout': async (request, reply) => {
      await service.logout(bearerToken(request.headers.authorization));
      return reply.status(204).send();
    },
    '/api/auth/session': async (request) => service.resume(bearerToken(request.headers.authorization)),
  };

  for (const route of ROUTES) {
    if (app.hasRoute(route)) continue;
    app.route({ method: route.method, url: route.url, handler: handlers[route.url] });
  }
}
