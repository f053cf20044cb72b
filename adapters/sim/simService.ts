import type { Caller } from '../../src/backend/limits/caller';
import { ChatService, type ServiceOptions } from '../../src/backend/service';
import type { Session, User } from '../../src/transport';

/**
 * The backend rules plus the sim's server-side hooks. A hook runs before the
 * answer leaves the "server", so a response lost on the simulated network
 * does not lose what the hook did.
 */
export class SimChatService extends ChatService {
  constructor(
    options: ServiceOptions,
    private readonly hooks: {
      onRegistered?: (user: User) => Promise<void>;
      /** After a session was signed out (the token is no longer accepted): the other tabs end its connections. */
      onSignedOut?: () => void;
    } = {},
  ) {
    super(options);
  }

  override async register(input: unknown, caller: Caller): Promise<Session> {
    const session = await super.register(input, caller);
    // A welcome that fails must not fail the registration that already happened.
    await this.hooks.onRegistered?.(session.user).catch((error: unknown) => console.warn('[sim] welcome failed', error));
    return session;
  }

  override async logout(token: unknown): Promise<void> {
    await super.logout(token);
    this.hooks.onSignedOut?.();
  }
}
