/**
 * `?demo=NAME` in sim mode: a scripted demo (public/demos/NAME.json) played over its scenario, the
 * same way every time. Part of the composition root, like main.tsx, which imports it only for a
 * demo's URL: neither its code nor the demo machinery it loads weighs on anyone's first visit.
 */
import { t } from '@lingui/core/macro';
import type { ReactNode } from 'react';
import type { BuildProgress, DemoApp, DemoControls, RunningDemo } from '../adapters/sim';
import type { AppProps } from './app/App';
import { StartupFrame } from './app/StartupFrame';
import { hashForConversation } from './app/useConversationRoute';
import { type ChatClient, createChatClient, MemoryStorage } from './client';
import { ProgressStatus } from './ui/ProgressStatus';
import { ThemeProvider } from './ui/theme/ThemeProvider';

/** What main.tsx lends the demo: its one React root and how it starts a client with the app on screen. */
export interface DemoHost {
  render(node: ReactNode): void;
  started(client: ChatClient, app: Omit<AppProps, 'client'>): Promise<ChatClient>;
  /** The scenario's frame while its backend is built, with how far the build is. */
  showBuild(progress?: BuildProgress): void;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Polls `done` until it holds: what the app shows is derived from state with no event to wait on (as
 * main.tsx's scenario start does). Stops (rejects) once `signal` aborts: the demo player has given up
 * waiting for a step to settle, and a poll left running would go on for ever.
 */
async function until(done: () => boolean | Promise<boolean>, signal?: AbortSignal): Promise<void> {
  while (!(await done())) {
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startScriptedDemo(host: DemoHost): Promise<void> {
  const search = location.search;
  host.showBuild();
  const [sim, { ScenarioProblem, SimulationTools }] = await Promise.all([import('../adapters/sim'), import('./features/simulation')]);
  let demo: RunningDemo;
  try {
    demo = await sim.startDemoFromUrl(search, { onProgress: (progress) => host.showBuild(progress) });
  } catch (error) {
    if (!(error instanceof sim.ScenarioFileError)) throw error;
    // The demo's file or its scenario's with a mistake: which file, what and where, not a blank page.
    const kind = error.url === sim.demoFileFromUrl(search)?.url ? 'demo' : 'scenario';
    return host.render(
      <ThemeProvider>
        <ScenarioProblem problem={error} kind={kind} />
      </ThemeProvider>,
    );
  }
  const { scenario, clock } = demo;
  const { transport, build } = scenario;
  history.replaceState(null, '', location.pathname + search + (build.open ? hashForConversation(build.open, build.info ?? null) : ''));
  const client = createChatClient({
    transport,
    storage: new MemoryStorage(),
    initialSession: scenario.session,
    now: () => clock.now(),
    random: scenario.random,
    timing: { typingExpiryMs: demo.typingLastsMs },
  });
  const connection = client.stores.connection;
  const online = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (connection.getState().status === 'online') return resolve();
      const stop = connection.subscribe((state) => {
        if (state.status !== 'online') return;
        stop();
        signal?.removeEventListener('abort', abandon);
        resolve();
      });
      const abandon = () => {
        stop();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', abandon, { once: true });
    });
  /** The app's cache holds everything the server had when asked: the changes and the directory. */
  const synced = async (signal?: AbortSignal) => {
    const server = await scenario.serverState();
    await until(async () => {
      const progress = await client.syncProgress();
      return (progress?.cursor ?? 0) >= server.rev && (progress?.users ?? 0) >= server.users;
    }, signal);
  };
  /** My messages and changes on their way (a refused one waits for the person, not for the network). */
  const sending = async () => (await client.engine.getState()?.db.outbox.toArray())?.filter((row) => row.state !== 'failed').length ?? 0;
  /**
   * Quiet after a step: the simulation has done what it started; online, what I sent is out and the
   * app has caught up with the server (again, until a round changes nothing: a receipt of mine moves
   * the server on); nothing on screen is loading, and it has painted. Offline, what the app shows is
   * what it has. The player bounds it (DEMO_SETTLE_LIMIT_MS) and aborts `signal` when it gives up.
   */
  const settle = async (signal?: AbortSignal) => {
    for (;;) {
      await transport.sim.settled();
      signal?.throwIfAborted();
      if (!transport.sim.getState().online) break;
      await online(signal);
      await until(async () => (await sending()) === 0, signal);
      const before = (await scenario.serverState()).rev;
      await synced(signal);
      await transport.sim.settled();
      if ((await scenario.serverState()).rev === before) break;
    }
    await until(() => !document.querySelector('[aria-busy="true"]'), signal);
    await nextFrame();
    await nextFrame();
  };
  const app: DemoApp = {
    send: (conversationId, body, options) => client.actions.send(conversationId, body, options),
    react: (message, emoji, on) => client.actions.react(message, emoji, on),
    createGroup: (input) => client.actions.createGroup(input),
    open: (conversationId) => {
      location.hash = hashForConversation(conversationId);
    },
  };
  // Restart: the demo's URL loaded again from step 0 (without `step`, nor the open conversation's hash),
  // so the scenario is built afresh; paused unless it was playing (see demoRestartSearch).
  const controls = demo.controls(app, settle, ({ playing }) => location.replace(location.pathname + sim.demoRestartSearch(search, { playing })));
  // The panel marks the scenario the demo starts from among the build's scenarios (its Restart opens it without the demo).
  const base = demo.file.scenario;
  await host.started(client, {
    splash: <StartupFrame status={<ProgressStatus text={t`Opening the demo`} />} />,
    tools: <SimulationTools controls={transport.sim} scenario={base} demo={controls} />,
  });
  await scenario.play({ send: (conversationId, body) => client.actions.send(conversationId, body), online, synced });
  await settle();
  markProgress(controls);
  await begin(controls, new URLSearchParams(search));
}

/**
 * For tests and screenshot tools, on the root element: `data-demo-step`, the steps done, and
 * `data-demo-state` (busy while a step is carried out and settles, then playing, paused or finished).
 */
function markProgress(controls: DemoControls): void {
  const root = document.documentElement;
  const mark = () => {
    const state = controls.getState();
    root.dataset.demoState = state.busy ? 'busy' : state.playing ? 'playing' : state.done >= state.total ? 'finished' : 'paused';
    if (!state.busy) root.dataset.demoStep = String(state.done);
  };
  mark();
  controls.subscribe(mark);
}

/**
 * `?demo=NAME` plays at once; `&paused` waits at the start; `&step=K` takes K steps (each at exactly its
 * time) and waits there. Restart drops `step` and sets `paused` from how the demo was going.
 */
async function begin(controls: DemoControls, params: URLSearchParams): Promise<void> {
  const steps = Number(params.get('step') ?? 0);
  if (Number.isInteger(steps) && steps > 0) {
    for (let i = 0; i < steps; i++) await controls.step();
    return;
  }
  if (!params.has('paused')) controls.toggle();
}
