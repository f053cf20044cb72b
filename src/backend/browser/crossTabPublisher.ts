import { z } from 'zod/mini';
import { MemoryHub } from '../hub';
import type { Publisher } from '../ports';
import { chatEventSchema, idSchema } from '../../protocol';
import type { ChatEvent, UserId } from '../../transport/types';

/** What one tab tells the others: an event and who it is for. */
const publicationSchema = z.object({ recipients: z.array(idSchema), event: chatEventSchema });

/**
 * Publishes to this tab's hub at once and to every other tab of the same
 * browser database over a BroadcastChannel, where each tab's hub hands the event to
 * its own connections. Each tab (sim or MSW mock) runs its own ChatService, so together they act
 * as one server whose sockets are spread over tabs.
 */
export class CrossTabPublisher implements Publisher {
  readonly hub = new MemoryHub();
  private readonly channel: BroadcastChannel | null;

  constructor(channelName: string) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.channel?.addEventListener('message', (message: MessageEvent<unknown>) => {
      // Another tab is another program (maybe another version of it): validate before trusting.
      const parsed = publicationSchema.safeParse(message.data);
      if (parsed.success) this.hub.publish(parsed.data.recipients, parsed.data.event as ChatEvent);
    });
  }

  publish(recipients: readonly UserId[], event: ChatEvent): void {
    this.hub.publish(recipients, event);
    this.channel?.postMessage({ recipients: [...recipients], event });
  }

  close(): void {
    this.channel?.close();
  }
}
