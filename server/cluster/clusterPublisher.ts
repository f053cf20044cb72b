import type { Logger } from 'pino';
import { z } from 'zod/mini';
import type { MemoryHub } from '../../src/backend/hub';
import type { Publisher } from '../../src/backend/ports';
import { chatEventSchema, idSchema } from '../../src/protocol/schemas';
import type { ChatEvent, UserId } from '../../src/transport/types';
import type { ChatServer } from '../socket/socketServer';

/**
 * The node's own publisher (sockets in the users' rooms through the adapter,
 * which reaches every node, plus this node's hub) and, for the HTTP event
 * streams of other nodes, the same publication as a server-side event. Other
 * nodes hand it to their hub only, so no socket gets an event twice.
 */
export class ClusterPublisher implements Publisher {
  constructor(
    private readonly io: Pick<ChatServer, 'serverSideEmit'>,
    private readonly local: Publisher,
  ) {}

  publish(recipients: readonly UserId[], event: ChatEvent): void {
    if (recipients.length === 0) return;
    this.local.publish(recipients, event);
    this.io.serverSideEmit('publish', [...recipients], event);
  }
}

const recipientsSchema = z.array(idSchema);

/** Hands publications from other nodes to this node's hub; what came over Redis is checked first. */
export function relayPublicationsToHub(io: Pick<ChatServer, 'on'>, hub: MemoryHub, logger: Logger): void {
  io.on('publish', (recipients, event) => {
    const who = recipientsSchema.safeParse(recipients);
    const what = chatEventSchema.safeParse(event);
    if (!who.success || !what.success) {
      logger.warn('ignored a malformed publication from another node');
      return;
    }
    hub.publish(who.data, what.data);
  });
}
