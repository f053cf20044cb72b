import type { ChatService } from '../../src/backend/service';
import type { Store } from '../../src/backend/store';
import type { User } from '../../src/transport';
import { DEMO_TEAM, WELCOMERS } from './demoTeam';

/**
 * A newly registered user opens a living app: a couple of teammates have
 * already said hello (unread). They speak through the service, so every rule
 * (membership, limits, seq, rev) applies as to anyone else.
 */
export async function welcomeNewcomer(service: ChatService, store: Store, newcomer: User): Promise<void> {
  for (const username of WELCOMERS) {
    const persona = DEMO_TEAM.find((t) => t.username === username);
    const teammate = await store.getUserByUsername(username);
    if (!persona || !teammate || teammate.id === newcomer.id) continue;
    const conversation = await service.openDirect(teammate.id, { userId: newcomer.id });
    for (const line of persona.greeting) {
      await service.send(teammate.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body: line.replaceAll('{name}', newcomer.displayName) });
    }
  }
}
