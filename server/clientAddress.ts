import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client's address as the server can know it, for per-address limits:
 * the connection's peer, or behind `trustedProxies` proxies (each appending
 * the address it saw to X-Forwarded-For), the entry that many hops back. Only
 * the entries our own proxies wrote count: anything further left is whatever
 * the client put there.
 */
export function clientAddress(request: { headers: IncomingHttpHeaders; socket: { remoteAddress?: string } }, trustedProxies: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // Nearest first: the peer (our last proxy), then what each proxy before it saw.
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedProxies, chain.length - 1)]!;
}
