import type { MemoryHub } from '../hub';
import type { ChatService } from '../service';
import { STREAM_EVENTS, decodeWireValues, eventStreamQuerySchema } from '../../protocol/http';
import { seqSchema } from '../../protocol/schemas';
import { ChatError } from '../../transport/errors';
import type { ChatEvent, UserId } from '../../transport/types';
import type { SessionStreams } from './sessionStreams';
import type { StreamGrant, StreamTickets } from './streamTickets';

/**
 * A ping on an idle stream this often. The client counts the stream dead
 * after three missed (adapters/http/eventStreamClient.ts), so a stalled
 * stream is noticed within 9 s; a ping is a few bytes.
 */
export const DEFAULT_HEARTBEAT_MS = 3_000;

/** What a stream ended by a sign-out tells its client (STREAM_EVENTS.signedOut). */
export const SIGNED_OUT_MESSAGE = 'This session has been signed out.';

/** Response headers of the event stream; `no-transform` and X-Accel-Buffering keep proxies from buffering it. */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

/** One Server-Sent Events message before it is written out. */
export interface SseMessage {
  id?: number;
  event?: string;
  data: unknown;
}

/** The text of one message. JSON never contains a raw newline, so `data` fits on one line. */
export function sseFrame(frame: SseMessage): string {
  const lines: string[] = [];
  if (frame.event) lines.push(`event: ${frame.event}`);
  if (frame.id !== undefined) lines.push(`id: ${frame.id}`);
  lines.push(`data: ${JSON.stringify(frame.data)}`);
  return lines.join('\n') + '\n\n';
}

/** Durable changes carry their rev as the event id, so Last-Event-ID is a catch-up cursor. */
function chatEventMessage(event: ChatEvent): SseMessage {
  return 'rev' in event ? { id: event.rev, data: event } : { data: event };
}

/**
 * Who opens the stream and from where: the ticket names the user and the
 * session; a reconnecting EventSource's Last-Event-ID wins over the `since` query.
 */
export async function resolveStreamRequest(
  tickets: StreamTickets,
  rawQuery: Iterable<[string, string]>,
  lastEventId: string | null | undefined,
): Promise<StreamGrant & { since: number | undefined }> {
  const query = decodeWireValues(eventStreamQuerySchema, rawQuery);
  const parsed = eventStreamQuerySchema.safeParse(query);
  if (!parsed.success) {
    if (typeof query.ticket !== 'string') throw new ChatError('UNAUTHENTICATED', 'The event stream needs a ticket.');
    throw new ChatError('INVALID_INPUT', 'The event stream cursor is not valid.', { field: 'since' });
  }
  let since = parsed.data.since;
  if (lastEventId !== null && lastEventId !== undefined && lastEventId !== '') {
    const resumed = seqSchema.safeParse(Number(lastEventId));
    if (!resumed.success) throw new ChatError('INVALID_INPUT', 'The Last-Event-ID is not a valid cursor.', { field: 'Last-Event-ID' });
    since = resumed.data;
  }
  return { ...(await tickets.redeem(parsed.data.ticket)), since };
}

export interface EventStreamOptions {
  service: ChatService;
  hub: Pick<MemoryHub, 'subscribe'>;
  userId: UserId;
  /** The session whose ticket opened the stream: signing it out ends the stream. */
  sessionId: string;
  /** Where this process keeps its open streams for sign-outs to find. */
  streams: SessionStreams;
  /** Replay durable changes after this rev before the live ones; undefined: live only. */
  since: number | undefined;
  heartbeatMs?: number;
  /** Sends a message to the client (format it with sseFrame); throwing means the client is gone. */
  write(message: SseMessage): void;
  /**
   * Ends the HTTP response: the server's side ends the stream (its session
   * was signed out, the client told so). The stream is closed already.
   */
  end(): void;
}

export interface EventStream {
  /** Settles once the connection counts for presence and the replay is written. */
  readonly opened: Promise<void>;
  /** Idempotent; ends presence for this connection. */
  close(): Promise<void>;
}

/**
 * One client's event stream, independent of the HTTP library: subscribe first,
 * count the connection, replay what was missed, then flush what arrived
 * meanwhile, skipping changes the replay already carried. So a resumed stream
 * is gap-free and duplicate-free. Signing its session out ends it: the client
 * is told (STREAM_EVENTS.signedOut, so it does not reconnect), nothing more
 * is written, and the response ends.
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const { service, hub, userId, since } = options;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const connectionId = crypto.randomUUID();
  let closed = false;
  let closing: Promise<void> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let buffer: ChatEvent[] | null = [];

  const write = (message: SseMessage) => {
    if (closed) return;
    try {
      options.write(message);
    } catch {
      void close();
    }
  };

  const unsubscribe = hub.subscribe(userId, (event) => {
    if (buffer) buffer.push(event);
    else write(chatEventMessage(event));
  });

  const release = options.streams.add(options.sessionId, () => {
    write({ event: STREAM_EVENTS.signedOut, data: { message: SIGNED_OUT_MESSAGE } });
    void close();
    options.end();
  });

  const opened = (async () => {
    await service.connect(userId, connectionId);
    let replayedUpTo = since ?? 0;
    if (since !== undefined) {
      for (let more = true; more && !closed; ) {
        const page = await service.catchUp(userId, { since: replayedUpTo });
        for (const change of page.changes) write(chatEventMessage(change));
        replayedUpTo = page.cursor;
        more = page.hasMore;
      }
    }
    const pending = buffer ?? [];
    buffer = null;
    for (const event of pending) {
      if ('rev' in event && since !== undefined && event.rev <= replayedUpTo) continue;
      write(chatEventMessage(event));
    }
    write({ event: STREAM_EVENTS.ready, data: { heartbeatMs } });
    if (!closed) heartbeat = setInterval(() => write({ event: STREAM_EVENTS.ping, data: {} }), heartbeatMs);
  })();

  function close(): Promise<void> {
    closing ??= (async () => {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      unsubscribe();
      release();
      // connect() may still be running: disconnect only after it, or presence would stay online.
      await opened.catch(() => undefined);
      await service.disconnect(userId, connectionId);
    })();
    return closing;
  }

  return { opened, close };
}
