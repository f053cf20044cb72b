import type { Logger } from 'pino';
import { z } from 'zod';
import type { Publisher } from '../../src/backend/ports';
import { idSchema } from '../../src/protocol/schemas';
import type { ChatEvent, UserId } from '../../src/transport/types';

/**
 * What one node tells the others, on one Redis channel (`<prefix>events`):
 * a publication (the service's event and who gets it) or a sign-out (the
 * session whose sockets and event streams end). Each message crosses Redis
 * once, whatever the number of recipients, and every node delivers it to its
 * own sockets and streams; the sender has already delivered it to its own.
 */
export type BusMessage = { kind: 'event'; recipients: UserId[]; event: ChatEvent } | { kind: 'signOut'; jti: string };

/**
 * Only the envelope is checked on receipt: the event was built by a node from
 * what the store wrote, after the service had validated its input, so parsing
 * every field again on every node, for every event, would only repeat that
 * work. The envelope is what the receiving node itself relies on (who gets it,
 * that it is an event at all), so a stray or mangled message is dropped there.
 */
const busMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), recipients: z.array(idSchema).max(10_000), event: z.looseObject({ type: z.string() }) }),
  z.object({ kind: z.literal('signOut'), jti: idSchema }),
]);

/** The most messages one publication carries; more go in the next. */
export const BUS_BATCH_LIMIT = 256;
/** And the most recipients, all its messages together: a few events to big groups make a publication of their own. */
export const BUS_BATCH_RECIPIENTS = 10_000;

const busBatchSchema = z.union([busMessageSchema.transform((message) => [message]), z.array(busMessageSchema).min(1).max(BUS_BATCH_LIMIT)]);

/**
 * The wire form: the sending node's id, a space, then the messages as JSON: one
 * as an object, several as an array, in the order they were sent. The id comes
 * first so a node skips its own without parsing.
 */
export function encodeBusMessages(nodeId: string, messages: readonly BusMessage[]): string {
  return `${nodeId} ${JSON.stringify(messages.length === 1 ? messages[0] : messages)}`;
}

/** `own` for this node's own publication (Redis hands a subscriber what its node published), null for anything malformed. */
export function decodeBusMessages(raw: string, ownNodeId: string): BusMessage[] | 'own' | null {
  const space = raw.indexOf(' ');
  if (space <= 0) return null;
  if (space === ownNodeId.length && raw.startsWith(ownNodeId)) return 'own';
  let json: unknown;
  try {
    json = JSON.parse(raw.slice(space + 1));
  } catch {
    return null;
  }
  const parsed = busBatchSchema.safeParse(json);
  if (!parsed.success) return null;
  // The events' own fields were checked by the node that wrote them (see above).
  return parsed.data as BusMessage[];
}

/** This node's part of the cluster: where publications and sign-outs from the other nodes go. */
export interface LocalDelivery {
  /** This node's sockets (io.local) and event streams. */
  publisher: Publisher;
  /** Ends this node's sockets and event streams of a signed-out session. */
  endSession(jti: string): void;
}

/** What the bus needs of Redis: one connection to publish on (the subscriber is the caller's). */
export interface BusRedis {
  publish(channel: string, message: string): Promise<unknown>;
}

/**
 * The service's publisher on a node of a cluster: delivers here at once, then
 * publishes on the channel for the other nodes; and the receiving end for
 * what they publish (`receive`, wired to the subscriber connection).
 * What this node sends in one turn of its event loop goes out as one
 * publication (a busy node's sends finish together, a batch of appends at a
 * time): one Redis command and one message for every node to read, instead of
 * one per event. The wait is that turn, no longer.
 */
export class ClusterBus implements Publisher {
  private pending: BusMessage[] = [];
  private pendingRecipients = 0;

  constructor(
    private readonly redis: BusRedis,
    private readonly channel: string,
    private readonly nodeId: string,
    private readonly local: LocalDelivery,
    private readonly logger: Logger,
  ) {}

  publish(recipients: readonly UserId[], event: ChatEvent): void {
    if (recipients.length === 0) return;
    this.local.publisher.publish(recipients, event);
    this.send({ kind: 'event', recipients: [...recipients], event });
  }

  /** A session signed out on this node (which ended its own sockets and streams): the other nodes end theirs. */
  signedOut(jti: string): void {
    this.send({ kind: 'signOut', jti });
  }

  receive(raw: string): void {
    const messages = decodeBusMessages(raw, this.nodeId);
    if (messages === 'own') return;
    if (messages === null) {
      this.logger.warn('ignored a malformed message from another node');
      return;
    }
    for (const message of messages) {
      // Each on its own: one that cannot be delivered here costs the others of its publication nothing.
      try {
        if (message.kind === 'event') this.local.publisher.publish(message.recipients, message.event);
        else this.local.endSession(message.jti);
      } catch (error) {
        this.logger.warn({ err: error, kind: message.kind }, 'could not deliver a message from another node');
      }
    }
  }

  private send(message: BusMessage): void {
    const recipients = message.kind === 'event' ? message.recipients.length : 0;
    if (this.pending.length > 0 && this.pendingRecipients + recipients > BUS_BATCH_RECIPIENTS) this.flush();
    this.pending.push(message);
    this.pendingRecipients += recipients;
    if (this.pending.length === BUS_BATCH_LIMIT || this.pendingRecipients >= BUS_BATCH_RECIPIENTS) this.flush();
    else if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const messages = this.pending;
    this.pending = [];
    this.pendingRecipients = 0;
    // Not awaited: a publication is best effort, as a socket's emit is; a client that misses one catches up.
    this.redis.publish(this.channel, encodeBusMessages(this.nodeId, messages)).catch((error: unknown) => {
      this.logger.warn({ err: error, messages: messages.length }, 'could not publish to the other nodes');
    });
  }
}
