import type { ScenarioDefinition } from './catalog';

// The message-action scenarios: replies (one quoting a message far back in the history) and
// reactions (counts, mine highlighted, a message with many emoji); edited and deleted messages
// (tombstones, a reply to a deleted message). Their builds (messageActionBuilds.ts) load when one
// is opened.

const THURSDAY = '2026-03-12T14:30:00.000Z';

export const MESSAGE_ACTION_SCENARIOS: readonly ScenarioDefinition[] = [
  {
    name: 'replies-and-reactions',
    startsAt: THURSDAY,
    build: async (w) => (await import('./messageActionBuilds')).buildRepliesAndReactions(w),
  },
  {
    name: 'edited-and-deleted',
    startsAt: THURSDAY,
    build: async (w) => (await import('./messageActionBuilds')).buildEditedAndDeleted(w),
  },
];
