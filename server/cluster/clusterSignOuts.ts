import type { Logger } from 'pino';
import { idSchema } from '../../src/protocol/schemas';
import type { JwtSessions } from '../auth/jwtSessions';
import type { SessionStreams } from '../../src/backend/http/sessionStreams';
import type { ChatServer } from '../socket/socketServer';

/**
 * Sign-outs for the event streams of the other nodes. The node that signs a
 * session out ends its own streams (server/app.ts) and the session's sockets
 * on every node (through the Socket.IO adapter); an event stream open on
 * another node hears of it only from here, a server-side event as
 * publications are, and what came over Redis is checked first.
 */
export function relaySignOuts(
  io: Pick<ChatServer, 'serverSideEmit' | 'on'>,
  sessions: Pick<JwtSessions, 'onRevoked'>,
  streams: Pick<SessionStreams, 'endSession'>,
  logger: Logger,
): void {
  sessions.onRevoked((jti) => io.serverSideEmit('sessionSignedOut', jti));
  io.on('sessionSignedOut', (jti) => {
    const parsed = idSchema.safeParse(jti);
    if (!parsed.success) {
      logger.warn('ignored a malformed sign-out from another node');
      return;
    }
    streams.endSession(parsed.data);
  });
}
