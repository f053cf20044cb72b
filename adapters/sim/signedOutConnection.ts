import type { TokenSessions } from '../../src/backend/tokenSessions';
import type { ServiceTransport } from './serviceTransport';

/**
 * Called by the browser backend's sign-out hook (`sessionId` the token signed
 * out in this tab, null for one signed out in another): if this tab's
 * connection runs on that session, it ends and stays ended, as the server
 * disconnects a signed-out session's sockets everywhere.
 */
export async function endIfSignedOut(transport: ServiceTransport, sessions: Pick<TokenSessions, 'isRevoked'>, sessionId: string | null): Promise<void> {
  const session = transport.wantedSession();
  if (!session) return;
  const signedOut = sessionId === null ? await sessions.isRevoked(session.token) : sessionId === session.token;
  if (signedOut && transport.wantedSession() === session) void transport.disconnect('This session has been signed out.');
}
