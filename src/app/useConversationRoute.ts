import { useCallback, useSyncExternalStore } from 'react';

const PREFIX = '#/c/';
const INFO = '/info/';

/**
 * The open conversation lives in the URL hash, so reload and the browser's back button keep working;
 * `#/c/<id>/info/<seq>` also opens Message info on one message (a link a designer can share, and
 * how the big-group scenario opens with it shown). Ids are URI-encoded, so a `/` in one is no separator.
 */
export function routeFromHash(hash: string): { conversationId: string | null; infoSeq: number | null } {
  if (!hash.startsWith(PREFIX)) return { conversationId: null, infoSeq: null };
  const [encoded = '', info] = hash.slice(PREFIX.length).split(INFO);
  const id = safeDecode(encoded);
  const seq = info !== undefined && /^[1-9]\d{0,15}$/.test(info) ? Number(info) : null;
  return id ? { conversationId: id, infoSeq: seq } : { conversationId: null, infoSeq: null };
}

function safeDecode(text: string): string | null {
  try {
    const decoded = decodeURIComponent(text);
    return decoded.length > 0 ? decoded : null;
  } catch {
    // A hand-typed hash with a broken escape opens nothing rather than throwing.
    return null;
  }
}

export function conversationIdFromHash(hash: string): string | null {
  return routeFromHash(hash).conversationId;
}

export function hashForConversation(id: string | null, infoSeq: number | null = null): string {
  if (!id) return '#/';
  return `${PREFIX}${encodeURIComponent(id)}${infoSeq === null ? '' : `${INFO}${infoSeq}`}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The open conversation, how to open another, and the message whose info the URL asks to show (null for none). */
export function useConversationRoute(): [string | null, (id: string | null) => void, number | null] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  const navigate = useCallback((id: string | null) => {
    const next = hashForConversation(id);
    if (window.location.hash !== next) window.location.hash = next;
  }, []);
  const { conversationId, infoSeq } = routeFromHash(hash);
  return [conversationId, navigate, infoSeq];
}
