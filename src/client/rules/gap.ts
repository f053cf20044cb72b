/**
 * Whether a message with `incomingSeq` shows that messages were missed: the
 * conversation's sequence has no holes, so anything beyond the next expected
 * seq means an event was lost on the way and a catch-up is due.
 */
export function hasGap(localLastSeq: number, incomingSeq: number): boolean {
  return incomingSeq > localLastSeq + 1;
}
