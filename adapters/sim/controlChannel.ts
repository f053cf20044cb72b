import { z } from 'zod/mini';

/** What one tab tells the others about the simulation itself: the data was reset. */
const controlMessageSchema = z.object({ type: z.literal('reset') });

export interface ControlChannel {
  /** Tells the other tabs this one reset the data. */
  announceReset(): void;
  close(): void;
}

/** The sim's channel between the tabs of database `dbName`; `onReset` runs when another tab resets the data. */
export function openControlChannel(dbName: string, onReset: () => void): ControlChannel {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${dbName}:control`) : null;
  channel?.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (controlMessageSchema.safeParse(message.data).success) onReset();
  });
  return {
    announceReset: () => channel?.postMessage({ type: 'reset' } satisfies z.infer<typeof controlMessageSchema>),
    close: () => channel?.close(),
  };
}
