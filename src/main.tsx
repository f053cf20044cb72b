/**
 * The composition root: the one place that picks a transport. Each adapter is
 * imported dynamically behind a check of the build-time flag, so a build
 * carries only the adapter it was made for.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { StartupError } from './app/StartupError';
import { createChatClient } from './client';
import { registerPwa } from './client/pwa';
import type { TransportFactory } from './transport';
import './ui/theme/tokens.css';
import './ui/ui.css';
import './app/app.css';

export const TRANSPORTS = ['sim', 'msw', 'socket'] as const;
type TransportName = (typeof TRANSPORTS)[number];

function isTransportName(value: string): value is TransportName {
  return (TRANSPORTS as readonly string[]).includes(value);
}

/** Vite writes the flag in at build time, so the branches not taken (and their imports) drop out of the bundle. */
const FLAG: string = import.meta.env.VITE_CHAT_TRANSPORT || 'sim';

async function loadTransport(): Promise<TransportFactory> {
  if (FLAG === 'sim') return (await import('../adapters/sim')).default;
  if (FLAG === 'msw') {
    const { startMockServiceWorker } = await import('../mocks/browser');
    await startMockServiceWorker();
    return (await import('../adapters/http')).default;
  }
  return (await import('../adapters/socketio')).default;
}

const container = document.getElementById('root')!;
const root = createRoot(container);
const render = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);

async function start(): Promise<void> {
  const flag = FLAG;
  if (!isTransportName(flag)) {
    const message = `Unknown VITE_CHAT_TRANSPORT "${flag}". Valid values are: ${TRANSPORTS.join(', ')}.`;
    console.error(`[violetchat] ${message}`);
    render(<StartupError title="VioletChat cannot start" message={message} />);
    return;
  }
  try {
    const factory = await loadTransport();
    const client = createChatClient({ transport: await factory() });
    render(<App client={client} />);
    // The offline app shell; in msw mode MSW's worker owns the page's one service worker scope.
    void registerPwa({ enabled: flag !== 'msw' });
    await client.start();
  } catch (error) {
    console.error('[violetchat] start-up failed', error);
    const detail = error instanceof Error ? error.message : String(error);
    render(<StartupError title="VioletChat cannot start" message={`The ${flag} transport failed to load: ${detail}`} />);
  }
}

void start();
