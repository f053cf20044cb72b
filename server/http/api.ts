import type { FastifyInstance } from 'fastify';
import type { ChatService } from '../../src/backend/service';
import type { MemoryHub } from '../../src/backend/hub';

/** What the HTTP API needs from the server that mounts it. */
export interface HttpApiDeps {
  service: ChatService;
  /** Events for this node's HTTP event-stream clients (the server publishes into it). */
  hub: MemoryHub;
}

/**
 * The HTTP API (auth, directory, conversations, history, send, read, typing,
 * event stream) beside Socket.IO. Placeholder until the HTTP adapter issue
 * fills it in; the server mounts it already.
 */
export async function registerHttpApi(_app: FastifyInstance, _deps: HttpApiDeps): Promise<void> {}
