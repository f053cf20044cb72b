import type { Server } from 'socket.io';
import type { MemoryHub } from '../../src/backend/hub';
import type { Publisher } from '../../src/backend/ports';
import type { ChatEvent, UserId } from '../../src/transport/types';

/** The room every live socket of a user joins. */
export function userRoom(userId: UserId): string {
  return `user:${userId}`;
}

/**
 * Delivers the service's events to the users' live sockets on this node
 * (`io.local`: in a cluster the other nodes deliver to theirs, told once over
 * Redis by server/cluster/clusterBus.ts) and to this node's HTTP event-stream
 * clients through the hub.
 */
export class SocketPublisher implements Publisher {
  constructor(
    private readonly io: Pick<Server, 'local'>,
    private readonly hub: MemoryHub,
  ) {}

  publish(recipients: readonly UserId[], event: ChatEvent): void {
    if (recipients.length === 0) return;
    this.io.local.to(recipients.map(userRoom)).emit('event', event);
    this.hub.publish(recipients, event);
  }
}
