import type { Session } from '../../src/transport';
import type { ServiceTransport } from './serviceTransport';

/**
 * Best effort on close: the connection says goodbye so others see the user
 * leave at once (the tab's lock covers a crash). A page kept in the
 * back/forward cache comes back through pageshow and connects again.
 * Returns the stop; nothing to follow outside a browser.
 */
export function followPageLifecycle(transport: ServiceTransport): () => void {
  if (typeof window === 'undefined') return () => {};
  let hiddenSession: Session | null = null;
  const onPageHide = () => {
    hiddenSession = transport.wantedSession();
    transport.disconnect();
  };
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && hiddenSession) transport.connect(hiddenSession);
    hiddenSession = null;
  };
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);
  return () => {
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('pageshow', onPageShow);
  };
}
