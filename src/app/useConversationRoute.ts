import { useCallback, useSyncExternalStore } from 'react';

const PREFIX = '#/c/';

/** The open conversation lives in the URL hash, so reload and the browser's back button keep working. */
export function conversationIdFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  const id = decodeURIComponent(hash.slice(PREFIX.length));
  return id.length > 0 ? id : null;
}

export function hashForConversation(id: string | null): string {
  return id ? `${PREFIX}${encodeURIComponent(id)}` : '#/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useConversationRoute(): [string | null, (id: string | null) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  const navigate = useCallback((id: string | null) => {
    const next = hashForConversation(id);
    if (window.location.hash !== next) window.location.hash = next;
  }, []);
  return [conversationIdFromHash(hash), navigate];
}
