import { z } from 'zod';
import { CrossTabPublisher } from '../src/backend/crossTabPublisher';
import { MemoryHub } from '../src/backend/hub';
import { Pbkdf2Hasher } from '../src/backend/pbkdf2Hasher';
import type { SessionIssuer } from '../src/backend/ports';
import { MemoryPresence } from '../src/backend/presence';
import { ChatService, type ServiceOptions } from '../src/backend/service';
import type { Store } from '../src/backend/store';
import { MemorySessionRecords, type SessionRecords, TokenSessions } from '../src/backend/tokenSessions';
import { ChatError } from '../src/transport/errors';
import { SessionStreams } from '../server/http/sessionStreams';
import { MemoryStreamTickets, type StreamTickets } from '../server/http/streamTickets';

export interface MockBackendOptions {
  store: Store;
  /** Where session tokens live; persistent in the browser so a reload keeps one signed in. */
  sessionRecords?: SessionRecords;
  typingTtlMs?: number;
  /**
   * Share events with the other tabs' mock servers over this BroadcastChannel
   * (browser): each tab answers its own requests, all over one database.
   */
  crossTabChannel?: string;
  /** Rule knobs (rate limits) for tests. */
  limits?: Pick<ServiceOptions, 'loginAttempts' | 'sendRate'>;
}

export interface MockBackend {
  service: ChatService;
  hub: MemoryHub;
  presence: MemoryPresence;
  tickets: StreamTickets;
  /** The open event streams by session: signing a session out ends its streams, as on the server. */
  streams: SessionStreams;
  dispose(): void;
}

/** What one tab tells the others when a session signed out there (which one stays in that tab). */
const signedOutSchema = z.object({ type: z.literal('signed-out') });

/**
 * The backend MSW answers from: the same ChatService the server runs, over a
 * store of the caller's choosing, with WebCrypto hashing and opaque tokens
 * (no Node-only argon2 or JWT secret in a browser).
 */
export function createMockBackend(options: MockBackendOptions): MockBackend {
  const crossTab = options.crossTabChannel ? new CrossTabPublisher(options.crossTabChannel) : null;
  const hub = crossTab?.hub ?? new MemoryHub();
  const presence = new MemoryPresence();
  const tokens = new TokenSessions(options.sessionRecords ?? new MemorySessionRecords());
  // A stream's session is its token here (see MemoryStreamTickets): signed out once the token no longer verifies.
  const streams = new SessionStreams((token) =>
    tokens.verify(token).then(
      () => false,
      (error: unknown) => error instanceof ChatError && error.code === 'UNAUTHENTICATED',
    ),
  );
  // Another tab's sign-out names no session (tokens stay in their tab): each tab ends the streams whose session is gone.
  const signOuts = options.crossTabChannel && typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${options.crossTabChannel}:sign-outs`) : null;
  signOuts?.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (signedOutSchema.safeParse(message.data).success) void streams.endRevoked();
  });
  const sessions: SessionIssuer = {
    issue: (userId) => tokens.issue(userId),
    verify: (token) => tokens.verify(token),
    async revoke(token) {
      await tokens.revoke(token);
      streams.endSession(token);
      signOuts?.postMessage({ type: 'signed-out' } satisfies z.infer<typeof signedOutSchema>);
    },
  };
  const service = new ChatService({
    ...options.limits,
    store: options.store,
    hasher: new Pbkdf2Hasher(),
    sessions,
    publisher: crossTab ?? hub,
    presence,
    typingTtlMs: options.typingTtlMs,
  });
  return {
    service,
    hub,
    presence,
    tickets: new MemoryStreamTickets((token) => service.authenticate(token)),
    streams,
    dispose: () => {
      service.dispose();
      crossTab?.close();
      signOuts?.close();
    },
  };
}
