import { ChatError } from '../../transport/errors';
import type { UserId } from '../../transport/types';
import { type Caller, addressKey } from './caller';
import { ConcurrencyGate, type GateLimits } from './concurrencyGate';
import { ConnectionCaps } from './connectionCaps';
import { type LimitRule, MemoryRateLimit, type RateLimit, type RateLimitStore } from './rateLimit';

/**
 * Every abuse limit the backend applies, as plain numbers (so a server's
 * configuration can set them). Rate limits count in fixed windows; shared
 * ones across every node of a deployment, the rest per process.
 */
export interface AbuseLimits {
  /** Sign-in attempts for one account from one address (counted before the password check; a success clears them). */
  loginPerAccount: LimitRule;
  /** Sign-in attempts from one address across accounts, against password spraying (a success gives its own back). */
  loginPerAddress: LimitRule;
  /** New accounts from one address. */
  registrationsPerAddress: LimitRule;
  /** Messages one user sends. */
  sendsPerUser: LimitRule;
  /** History pages, catch-up pages, conversation lists and direct-conversation opens of one user. */
  readsPerUser: LimitRule;
  /** Directory listings (every user with presence) of one user. */
  directoryPerUser: LimitRule;
  /** Delivered and read markers of one user. */
  markersPerUser: LimitRule;
  /** "Typing" announcements per user and conversation (per process: typing lives there). */
  typingPerConversation: LimitRule;
  /** Presence changes of a user go out at most once per this many milliseconds; the last state of a busy spell follows at its end. */
  presenceQuietMs: number;
  /** Open sockets and event streams per user, and per address, on one node. */
  connectionsPerUser: number;
  connectionsPerAddress: number;
  /** Password hashing (sign-up, sign-in) at once on one node, waiting, and per address. */
  hashing: GateLimits;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  loginPerAccount: { points: 5, durationSec: 15 * 60 },
  loginPerAddress: { points: 30, durationSec: 15 * 60 },
  registrationsPerAddress: { points: 10, durationSec: 60 * 60 },
  sendsPerUser: { points: 30, durationSec: 3 },
  readsPerUser: { points: 300, durationSec: 60 },
  directoryPerUser: { points: 60, durationSec: 60 },
  markersPerUser: { points: 600, durationSec: 60 },
  typingPerConversation: { points: 1, durationSec: 1 },
  presenceQuietMs: 2000,
  connectionsPerUser: 20,
  connectionsPerAddress: 200,
  hashing: { concurrent: 4, queued: 32, perKey: 4 },
};

/** What a sign-in attempt, counted before the check, does once the check is done. */
export interface LoginAttempt {
  /** The password was right: the account's count is cleared, the address gets this attempt back. */
  succeeded(): Promise<void>;
  /** The password was never checked (the server was too busy): the attempt does not count. */
  unchecked(): Promise<void>;
}

const BUSY_RETRY_MS = 1000;

/**
 * The backend's abuse rules, written once: what is limited, under which key,
 * and what the refusal says. Where the counts live is the composition's
 * choice (`store`): memory in one process or tab, Redis across nodes.
 */
export class AbuseGuard {
  readonly settings: AbuseLimits;
  private readonly loginPerAccount: RateLimit;
  private readonly loginPerAddress: RateLimit;
  private readonly registrations: RateLimit;
  private readonly sends: RateLimit;
  private readonly reads: RateLimit;
  private readonly directory: RateLimit;
  private readonly markers: RateLimit;
  private readonly typing: MemoryRateLimit;
  private readonly connections: ConnectionCaps;
  private readonly hashing: ConcurrencyGate;

  constructor(settings: Partial<AbuseLimits> = {}, store: RateLimitStore) {
    const s = (this.settings = { ...DEFAULT_ABUSE_LIMITS, ...settings });
    this.loginPerAccount = store.shared('login-account', s.loginPerAccount);
    this.loginPerAddress = store.shared('login-address', s.loginPerAddress);
    this.registrations = store.shared('registration-address', s.registrationsPerAddress);
    this.sends = store.shared('send-user', s.sendsPerUser);
    this.reads = store.shared('read-user', s.readsPerUser);
    this.directory = store.shared('directory-user', s.directoryPerUser);
    this.markers = store.shared('marker-user', s.markersPerUser);
    // Typing state lives in the process that holds the typing timer; no need to ask Redis.
    this.typing = new MemoryRateLimit(s.typingPerConversation);
    this.connections = new ConnectionCaps({ perUser: s.connectionsPerUser, perAddress: s.connectionsPerAddress });
    this.hashing = new ConcurrencyGate(
      s.hashing,
      () => new ChatError('RATE_LIMITED', 'The server is busy signing people in. Try again in a moment.', { retryAfterMs: BUSY_RETRY_MS }),
    );
  }

  /**
   * Counts a sign-in attempt before its password is checked, so parallel
   * guesses cannot all get through; RATE_LIMITED when the account (from this
   * address) or the address has had too many. An owner signing in from
   * elsewhere is not locked out by someone guessing from here.
   */
  async loginAttempt(username: string, caller: Caller): Promise<LoginAttempt> {
    const address = addressKey(caller.address);
    const accountKey = `${username}\u0000${address}`;
    const [account, fromAddress] = await Promise.all([this.loginPerAccount.consume(accountKey), this.loginPerAddress.consume(address)]);
    const wait = Math.max(account, fromAddress);
    if (wait > 0) {
      throw new ChatError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${describeWait(wait)}.`, { retryAfterMs: wait });
    }
    return {
      succeeded: async () => {
        await Promise.all([this.loginPerAccount.reset(accountKey), this.loginPerAddress.reward(address)]);
      },
      unchecked: async () => {
        await Promise.all([this.loginPerAccount.reward(accountKey), this.loginPerAddress.reward(address)]);
      },
    };
  }

  async registration(caller: Caller): Promise<void> {
    const wait = await this.registrations.consume(addressKey(caller.address));
    if (wait > 0) {
      throw new ChatError('RATE_LIMITED', `Too many new accounts from this network. Try again in ${describeWait(wait)}.`, { retryAfterMs: wait });
    }
  }

  /** Runs password hashing for `caller` within the node's bounds; RATE_LIMITED (retry shortly) past them. */
  hash<T>(caller: Caller, work: () => Promise<T>): Promise<T> {
    return this.hashing.run(addressKey(caller.address), work);
  }

  async send(userId: UserId): Promise<void> {
    const wait = await this.sends.consume(userId);
    if (wait > 0) throw new ChatError('RATE_LIMITED', 'You are sending messages too quickly. Slow down a little.', { retryAfterMs: wait });
  }

  /** A read of `kind` by `userId`: RATE_LIMITED past its limit. */
  async read(userId: UserId, kind: 'pages' | 'directory' | 'markers'): Promise<void> {
    const limit = kind === 'pages' ? this.reads : kind === 'directory' ? this.directory : this.markers;
    const wait = await limit.consume(userId);
    if (wait > 0) throw new ChatError('RATE_LIMITED', 'Too many requests. Wait a moment and try again.', { retryAfterMs: wait });
  }

  /** Whether a "typing" of this user in this conversation may be announced now (at most one per window). */
  async typingMayAnnounce(userId: UserId, conversationId: string): Promise<boolean> {
    return (await this.typing.consume(`${conversationId}\u0000${userId}`)) === 0;
  }

  /** Counts an open connection of `userId` from `caller`; RATE_LIMITED past the caps. Returns its release. */
  admitConnection(userId: UserId, caller: Caller): () => void {
    const release = this.connections.admit(userId, addressKey(caller.address));
    if (!release) {
      throw new ChatError('RATE_LIMITED', 'Too many open connections. Close a few tabs or devices and try again.', {
        retryAfterMs: BUSY_RETRY_MS * 5,
      });
    }
    return release;
  }
}

function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
