import type { ScenarioDefinition } from './catalog';

// The group scenarios: the demo team in a public #general, a private design group and a launch
// channel; a 200-person group with Message info; channels to browse and join. Their builds
// (groupBuilds.ts) load when one is opened.

const THURSDAY = '2026-03-12T14:30:00.000Z';

export const GROUP_SCENARIOS: readonly ScenarioDefinition[] = [
  {
    name: 'group-chat',
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
    startsAt: THURSDAY,
    build: async (w) => (await import('./groupBuilds')).buildBigGroup(w),
  },
  {
    name: 'channels',
    startsAt: THURSDAY,
    build: async (w) => (await import('./groupBuilds')).buildChannels(w),
  },
];
