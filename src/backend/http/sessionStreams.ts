/** Ends one open event stream because its session was signed out. */
export type EndStream = () => void;

/**
 * This process's open event streams, by the session that opened them, so that
 * signing a session out ends its streams as the socket layer disconnects its
 * sockets. A session is named by what its tickets carry: the JWT's jti on the
 * server, the token itself in the mocks (which never leave their process).
 *
 * Whoever learns of a sign-out calls `endSession`: the node that signed the
 * session out, and in a cluster every other node, told over Redis.
 */
export class SessionStreams {
  private readonly bySession = new Map<string, Set<EndStream>>();

  /**
   * @param isRevoked Whether a session has been signed out, as the store says:
   * checked once more after a stream is added, see `add`.
   */
  constructor(private readonly isRevoked: (sessionId: string) => Promise<boolean>) {}

  /**
   * Counts the stream as open until the returned release is called (once it
   * ended, whatever ended it). A ticket is checked against sign-outs when it is
   * redeemed, but a sign-out may land between that check and this call, when
   * there is no stream yet to end. So the session is checked again after the
   * stream is added: a sign-out recorded before that check is seen by it, one
   * recorded after it finds the stream here.
   */
  add(sessionId: string, end: EndStream): () => void {
    let ends = this.bySession.get(sessionId);
    if (!ends) this.bySession.set(sessionId, (ends = new Set()));
    ends.add(end);
    const release = () => {
      const current = this.bySession.get(sessionId);
      if (!current?.delete(end)) return;
      if (current.size === 0) this.bySession.delete(sessionId);
    };
    void this.isRevoked(sessionId).then(
      (revoked) => {
        if (revoked && this.bySession.get(sessionId)?.has(end)) {
          release();
          end();
        }
      },
      // The store did not answer: the stream stays, as it would have had the check come first.
      () => undefined,
    );
    return release;
  }

  /** Ends every open stream of the session; returns how many there were. */
  endSession(sessionId: string): number {
    const ends = this.bySession.get(sessionId);
    if (!ends) return 0;
    this.bySession.delete(sessionId);
    for (const end of ends) end();
    return ends.size;
  }

  /** Ends the streams of every session that has been signed out: for a sign-out known only as "some session". */
  async endRevoked(): Promise<void> {
    const sessions = [...this.bySession.keys()];
    const revoked = await Promise.all(sessions.map((sessionId) => this.isRevoked(sessionId).catch(() => false)));
    sessions.forEach((sessionId, i) => {
      if (revoked[i]) this.endSession(sessionId);
    });
  }

  /** How many streams are open: for tests and metrics. */
  get size(): number {
    let count = 0;
    for (const ends of this.bySession.values()) count += ends.size;
    return count;
  }
}
