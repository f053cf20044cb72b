import { systemClock } from '../../src/backend/clock';
import { browserLocks } from '../../src/protocol/locks/webLocks';
import { type ChatTransport, windowOnlineSource } from '../../src/transport';
import { openControlChannel } from './controlChannel';
import { type SimController, SimControllerImpl } from './controller';
import { followPageLifecycle } from './pageLifecycle';
import { createRandom, randomSeed } from './random';
import { ServiceTransport } from './serviceTransport';
import { endIfSignedOut } from './signedOutConnection';
import { DEFAULT_SIM_DB_NAME } from './simDatabase';
import { SimLink } from './simLink';
import type { SimOptions } from './simOptions';
import { openSimServer } from './simServer';
import { Teardown } from './teardown';
import { TeamLeadership } from './teamLeadership';
import { SimulatedTeam } from './teammates';
import { simOptionsFromUrl } from './urlOptions';

export type SimTransport = ChatTransport & { sim: SimController };

/**
 * One simulated tab: a ChatService of its own over the shared sim database,
 * its presence and events shared with the other tabs, behind a simulated
 * network. What main.tsx loads in `sim` mode. Here the parts are put
 * together; each job is in the file named for it.
 */
export async function createSimTransport(explicit: SimOptions = {}): Promise<SimTransport> {
  // In a browser the URL may pick a scenario or knobs (a designer's link); what the code passes wins.
  const options: SimOptions = { ...(typeof location !== 'undefined' ? simOptionsFromUrl(location.search) : {}), ...explicit };
  const dbName = options.dbName ?? DEFAULT_SIM_DB_NAME;
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? randomSeed();
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  const teammatesEnabled = options.teammates ?? true;
  const teardown = new Teardown();
  try {
    const server = await openSimServer({ ...options, dbName, clock, locks, welcome: options.welcomeNewUsers ?? teammatesEnabled });
    teardown.add(() => server.close());
    await server.fill();
    const { backend } = server;

    // Separate random streams, so turning a network knob does not change what the team decides.
    const link = new SimLink({
      random: createRandom(seed),
      clock,
      latency: options.latency,
      failureRate: options.failureRate,
      offline: options.offline,
      timeoutMs: options.timeoutMs,
      browser: (options.followBrowser ?? true) ? windowOnlineSource() : null,
    });
    teardown.add(() => link.dispose());
    const transport = new ServiceTransport(backend.service, backend.hub, link, 'sim', clock);
    teardown.add(() => transport.dispose());
    const team = new SimulatedTeam({
      service: backend.service,
      store: backend.store,
      presence: backend.presence,
      feed: backend.hub,
      clock,
      random: createRandom(seed + 1),
      timing: options.teammateTiming,
    });
    await team.load();
    const leadership = new TeamLeadership(team, locks, `${dbName}:teammates`, () => controller.changed());
    teardown.add(() => leadership.stepDown());
    const lead = () => {
      if (teammatesEnabled) leadership.stand();
    };

    /** After a reset from any tab: the team is new, and this tab's session is no longer valid. */
    const afterReset = async () => {
      await leadership.stepDown();
      await team.load();
      lead();
      await transport.reconnect('The demo data was reset.');
      controller.dataReset();
    };
    const control = openControlChannel(dbName, () => void afterReset());
    teardown.add(() => control.close());
    teardown.add(backend.onSignedOut((sessionId) => void endIfSignedOut(transport, backend.sessions, sessionId)));
    teardown.add(followPageLifecycle(transport));

    const controller = new SimControllerImpl({
      tabId: backend.tabId,
      link,
      team,
      store: backend.store,
      presence: backend.presence,
      teammatesEnabled,
      currentUserId: () => transport.currentSession()?.user.id ?? null,
      now: () => clock.now(),
      sweep: () => backend.keeper.beatNow(),
      reset: async () => {
        await leadership.stepDown();
        await server.refill();
        control.announceReset();
        await afterReset();
      },
      dispose: () => teardown.run(),
    });
    lead();
    return Object.assign(transport, { sim: controller as SimController });
  } catch (error) {
    // A tab that failed to start holds no lock, channel or database.
    await teardown.run();
    throw error;
  }
}
