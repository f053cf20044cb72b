/**
 * Who is asking, as the transport edge knows it: the server from the
 * connection (and trusted proxies), a browser backend a fixed local address.
 * Never taken from a payload. The user, when there is one, comes from the
 * session and is passed on its own.
 */
export interface Caller {
  /** The client's network address. */
  address: string;
}

/** Every caller of an in-browser backend (sim, MSW): one person's own browser. */
export const LOCAL_CALLER: Caller = Object.freeze({ address: 'local' });

/**
 * The key per-address limits count under: an IPv4 address as it is (also when
 * written IPv4-mapped, ::ffff:a.b.c.d), an IPv6 address as its /64, which one
 * subscriber usually holds whole; anything else as given.
 */
export function addressKey(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (mapped) return mapped[1]!;
  const groups = ipv6Groups(bare);
  if (!groups) return address;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

function ipv6Groups(address: string): string[] | null {
  if (!address.includes(':') || !/^[0-9a-f:]+$/.test(address)) return null;
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const part = (text: string | undefined) => (text ? text.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups : null;
}
