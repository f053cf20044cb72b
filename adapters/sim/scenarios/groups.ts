import type { ScenarioDefinition } from './catalog';

// The group scenarios: the demo team in a public #general, a private design group and a launch
// channel; a 200-person group with Message info; channels to browse and join. Their builds
// (groupBuilds.ts) load when one is opened.

const THURSDAY = '2026-03-12T14:30:00.000Z';

export const GROUP_SCENARIOS: readonly ScenarioDefinition[] = [
  {
    name: 'group-chat',
    description: 'Groups with the demo team: #general (Maya and Leo typing), a private design group, a launch channel.',
    startsAt: THURSDAY,
    typingLastsMs: 24 * 60 * 60_000,
    build: async (w) => (await import('./groupBuilds')).buildGroupChat(w),
    async play({ build, online }) {
      await online();
      await build.whenOnline?.();
    },
  },
  {
    name: 'big-group',
    description: 'An all-hands group of 200: who has read my announcement, in Message info.',
    startsAt: THURSDAY,
    build: async (w) => (await import('./groupBuilds')).buildBigGroup(w),
  },
  {
    name: 'channels',
    description: 'Browse channels: public channels to search and join, #general already joined.',
    startsAt: THURSDAY,
    build: async (w) => (await import('./groupBuilds')).buildChannels(w),
  },
];
