// What the load harness checks at the end of a run, as pure functions over
// what the clients recorded and what the server stored.

/** A stored message as history returns it, reduced to what the audit compares. */
export interface StoredMessage {
  id: string;
  clientId: string;
  seq: number;
}

export interface ConversationAudit {
  /** Acked as sent, but not in the stored history. */
  lost: string[];
  /** A client id stored more than once, or stored under another message id than the one acked. */
  duplicated: string[];
  /** Stored, but never even attempted by a client of this conversation. */
  unexpected: string[];
  /** Seqs that are not 1..n, each once: a gap or a repeat. */
  badSeqs: number[];
}

/**
 * Compares one conversation's stored history with what its clients sent:
 * `acked` maps each acknowledged client id to the message id the ack carried;
 * `attempted` holds every client id a send was emitted for (an unacked one
 * may or may not have been stored: the server can die between commit and ack).
 */
export function auditConversation(
  acked: ReadonlyMap<string, string>,
  attempted: ReadonlySet<string>,
  history: readonly StoredMessage[],
): ConversationAudit {
  const byClientId = new Map<string, StoredMessage[]>();
  for (const message of history) byClientId.set(message.clientId, [...(byClientId.get(message.clientId) ?? []), message]);
  const lost = [...acked.keys()].filter((clientId) => !byClientId.has(clientId));
  const duplicated = [...byClientId].flatMap(([clientId, stored]) => {
    const ackedId = acked.get(clientId);
    return stored.length > 1 || (ackedId !== undefined && stored[0]!.id !== ackedId) ? [clientId] : [];
  });
  const unexpected = [...byClientId.keys()].filter((clientId) => !acked.has(clientId) && !attempted.has(clientId));
  const seqs = history.map((m) => m.seq).sort((a, b) => a - b);
  const badSeqs = seqs.filter((seq, i) => seq !== i + 1);
  return { lost, duplicated, unexpected, badSeqs };
}

/** The client ids `sent` (acked by the peer) that a client never received, live or by catch-up. */
export function undelivered(sent: Iterable<string>, received: ReadonlySet<string>): string[] {
  return [...sent].filter((clientId) => !received.has(clientId));
}

