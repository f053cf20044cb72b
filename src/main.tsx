/**
 * The composition root: the one place that picks a transport. Each adapter is
 * imported dynamically behind a check of the build-time flag, so a build
 * carries only the adapter it was made for.
 */
import { t } from '@lingui/core/macro';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BuildProgress, RunningScenario } from '../adapters/sim';
import { App, type AppProps } from './app/App';
import { StartupFrame } from './app/StartupFrame';
import { StartupError } from './app/StartupError';
import { hashForConversation } from './app/useConversationRoute';
import { type ChatClient, type ChatClientOptions, createChatClient, MemoryStorage } from './client';
import { registerPwa } from './client/pwa';
import { deferredTransport, type TransportFactory } from './transport';
import { countedProgress } from './ui/format/progress';
import { activateLocale, loadAppMessages } from './ui/i18n/i18n';
import { keepLanguage, pickLocale } from './ui/i18n/locale';
import { ProgressStatus } from './ui/ProgressStatus';
import { ThemeProvider } from './ui/theme/ThemeProvider';
import './ui/theme/tokens.css';
import './ui/ui.css';
import './app/app.css';

const TRANSPORTS = ['sim', 'msw', 'socket'] as const;
type TransportName = (typeof TRANSPORTS)[number];

function isTransportName(value: string): value is TransportName {
  return (TRANSPORTS as readonly string[]).includes(value);
}

/** Vite writes the flag in at build time, so the branches not taken (and their imports) drop out of the bundle. */
const FLAG: string = import.meta.env.VITE_CHAT_TRANSPORT || 'sim';

async function loadTransport(): Promise<TransportFactory> {
  if (FLAG === 'msw') {
    const { startMockServiceWorker } = await import('../mocks/browser');
    await startMockServiceWorker();
    return (await import('../adapters/http')).default;
  }
  return (await import('../adapters/socketio')).default;
}

/** The simulation panel, gallery and overlay, with the messages they speak (not in the first paint's shell). */
const loadSimulationTools = () => Promise.all([import('./features/simulation'), loadAppMessages()]).then(([tools]) => tools);

const container = document.getElementById('root')!;
const root = createRoot(container);
const render = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);

async function start(): Promise<void> {
  // The language before anything paints: `?lang=`, else the browser's; another than English loads its catalogue first.
  await activateLocale(pickLocale(location.search, navigator.languages), document.documentElement, { shellOnly: true }).catch((error: unknown) => {
    console.error('[violetchat] the language could not be loaded; English instead', error);
  });
  const flag = FLAG;
  if (!isTransportName(flag)) {
    const valid = TRANSPORTS.join(', ');
    console.error(`[violetchat] Unknown VITE_CHAT_TRANSPORT "${flag}". Valid values are: ${valid}.`);
    render(<StartupError title={t`VioletChat cannot start`} message={t`Unknown VITE_CHAT_TRANSPORT "${flag}". Valid values are: ${valid}.`} />);
    return;
  }
  try {
    if (flag === 'sim') return await startSim();
    const factory = await loadTransport();
    await run({ transport: await factory() });
  } catch (error) {
    console.error('[violetchat] start-up failed', error);
    const detail = error instanceof Error ? error.message : String(error);
    render(<StartupError title={t`VioletChat cannot start`} message={t`The ${flag} transport failed to load: ${detail}`} />);
  }
}

async function run(options: ChatClientOptions, app: Omit<AppProps, 'client'> = {}): Promise<ChatClient> {
  return started(createChatClient(options), app);
}

async function started(client: ChatClient, app: Omit<AppProps, 'client'> = {}): Promise<ChatClient> {
  render(<App client={client} {...app} />);
  // The offline app shell; in msw mode MSW's worker owns the page's one service worker scope.
  void registerPwa({ enabled: FLAG !== 'msw' });
  await client.start();
  return client;
}

/**
 * The demo: the app paints at once (the sign-in form, or a returning person's
 * cached list) over a transport that waits for the sim, whose code and
 * backend (a database opened and seeded, a password hashed) would otherwise
 * stand between a first visit and its first paint. The sim's code is fetched
 * once that screen has painted; nothing before it waits on the transport
 * (reading the stored session and opening the cache do not), so the two
 * cannot wait on each other. The simulation panel joins when the sim is
 * there; a sim that fails to start says so, as before.
 */
async function startDemo(): Promise<void> {
  let firstScreen = (): void => undefined;
  const loading = new Promise<void>((resolve) => (firstScreen = resolve)).then(() =>
    Promise.all([import('../adapters/sim'), loadSimulationTools()]),
  );
  const coming = loading.then(([sim]) => sim.default());
  const client = createChatClient({ transport: deferredTransport('sim', coming) });
  const starting = started(client, { onFirstScreen: firstScreen });
  const [[, { SimulationTools }], transport] = await Promise.all([loading, coming]);
  render(<App client={client} tools={<SimulationTools controls={transport.sim} />} />);
  await starting;
}

/**
 * Sim mode: the demo, a designer scenario (`?scenario=NAME`) or the gallery
 * of scenarios (`?scenarios`), with the simulation panel. Only reached when
 * the flag is `sim`, so the other builds carry none of it.
 */
/** A scenario's backend is built before the app can start: its frame, and how far the build is, meanwhile. */
function showScenarioBuild(progress?: BuildProgress): void {
  const status = progress ? (
    <ProgressStatus text={countedProgress('building-scenario', progress.done, progress.total)} progress={progress} />
  ) : (
    <ProgressStatus text={t`Building the scenario`} />
  );
  render(
    <ThemeProvider>
      <StartupFrame status={status} />
    </ThemeProvider>,
  );
}

async function startSim(): Promise<void> {
  const params = new URLSearchParams(location.search);
  // A scripted demo: its code (src/scriptedDemo.tsx) and machinery load only for its URL.
  if (params.has('demo')) {
    // The frame at once, as for a scenario; then the demo's code with the rest of the language's messages
    // (the demo's own words and its panel are not in the shell).
    showScenarioBuild();
    const [{ startScriptedDemo }] = await Promise.all([import('./scriptedDemo'), loadAppMessages()]);
    return startScriptedDemo({ render, started, showBuild: showScenarioBuild });
  }
  if (!params.has('scenario') && !params.has('scenarios')) return startDemo();
  // The frame at once, while the sim's code loads: a scenario is what this URL asks for.
  if (params.has('scenario')) showScenarioBuild();
  const [sim, { ScenarioGallery, SimulationTools, ScenarioProblem }] = await Promise.all([import('../adapters/sim'), loadSimulationTools()]);
  const search = location.search;
  if (sim.galleryFromUrl(search)) {
    render(
      <ThemeProvider>
        <ScenarioGallery demoHref={keepLanguage(location.pathname, location.search)} />
      </ThemeProvider>,
    );
    return;
  }
  const name = params.get('scenario');
  if (!name) {
    const transport = await sim.default();
    await run({ transport }, { tools: <SimulationTools controls={transport.sim} /> });
    return;
  }
  let scenario: RunningScenario;
  try {
    scenario = await sim.startScenarioFromUrl(search, { onProgress: showScenarioBuild });
  } catch (error) {
    if (!(error instanceof sim.ScenarioFileError)) throw error;
    // A designer's file with a mistake: what and where, not a blank page.
    return render(
      <ThemeProvider>
        <ScenarioProblem problem={error} />
      </ThemeProvider>,
    );
  }
  const { definition, transport, build } = scenario;
  history.replaceState(null, '', location.pathname + search + (build.open ? hashForConversation(build.open, build.info ?? null) : ''));
  const client = await run(
    {
      transport,
      storage: new MemoryStorage(),
      initialSession: scenario.session ?? undefined,
      now: scenario.now,
      random: scenario.random,
      timing: definition.typingLastsMs ? { typingExpiryMs: definition.typingLastsMs } : undefined,
    },
    {
      signInPreview: definition.signInForm,
      theme: definition.theme,
      splash: <StartupFrame status={<ProgressStatus text={t`Opening the scenario`} />} />,
      tools: <SimulationTools controls={transport.sim} scenario={name} />,
    },
  );
  const ready = () => (document.documentElement.dataset.scenarioReady = name);
  if (!scenario.session) return void ready();
  const connection = client.stores.connection;
  /** The app's cache holds everything the server had when asked: the changes and the directory. */
  const synced = async () => {
    const server = await scenario.serverState();
    const caughtUp = async () => {
      const progress = await client.syncProgress();
      return (progress?.cursor ?? 0) >= server.rev && (progress?.users ?? 0) >= server.users;
    };
    while (!(await caughtUp())) await new Promise((r) => setTimeout(r, 50));
  };
  await scenario.play({
    send: (conversationId, body) => client.actions.send(conversationId, body),
    online: () =>
      new Promise<void>((resolve) => {
        if (connection.getState().status === 'online') return resolve();
        const stop = connection.subscribe((state) => {
          if (state.status !== 'online') return;
          stop();
          resolve();
        });
      }),
    synced,
  });
  // For a screenshot tool (and the e2e catalogue): the scenario's state is all on screen. History
  // loads on demand, so the open conversation's page may still be on its way after the sync: the
  // app marks what is loading with aria-busy, and a screenshot waits until nothing is.
  if (transport.sim.getState().online) {
    await synced();
    while (document.querySelector('[aria-busy="true"]')) await new Promise((r) => setTimeout(r, 50));
  }
  ready();
}

void start();
