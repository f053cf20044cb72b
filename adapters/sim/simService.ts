import type { Caller } from '../../src/backend/limits/caller';
import { ChatService, type ServiceOptions } from '../../src/backend/service';
import type { Session, User } from '../../src/transport';

/**
 * The backend rules plus the sim's welcome: teammates greet a newly
 * registered user. The hook runs before the answer leaves the "server", so a
 * response lost on the simulated network does not lose the welcome.
 */
export class SimChatService extends ChatService {
  constructor(
    options: ServiceOptions,
    private readonly onRegistered: (service: ChatService, user: User) => Promise<void>,
  ) {
    super(options);
  }

  override async register(input: unknown, caller: Caller): Promise<Session> {
    const session = await super.register(input, caller);
    // A welcome that fails must not fail the registration that already happened.
    await this.onRegistered(this, session.user).catch((error: unknown) => console.warn('[sim] welcome failed', error));
    return session;
  }
}
