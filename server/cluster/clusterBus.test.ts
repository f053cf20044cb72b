import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, UserId } from '../../src/transport/types';
import { type BusMessage, ClusterBus, decodeBusMessage, encodeBusMessage } from './clusterBus';

const TYPING: ChatEvent = { type: 'typing', conversationId: 'c1', userId: 'u1', typing: true };
const EVENT: BusMessage = { kind: 'event', recipients: ['u1', 'u2'], event: TYPING };
const SIGN_OUT: BusMessage = { kind: 'signOut', jti: 'session-1' };

describe('decodeBusMessage', () => {
  it.each<[string, string, BusMessage | 'own' | null]>([
    ['an event from another node', encodeBusMessage('node-b', EVENT), EVENT],
    ['a sign-out from another node', encodeBusMessage('node-b', SIGN_OUT), SIGN_OUT],
    ["this node's own message, not parsed", `node-a {not json`, 'own'],
    ['a node whose id starts like ours', encodeBusMessage('node-a2', SIGN_OUT), SIGN_OUT],
    ['no node id', `{"kind":"signOut","jti":"x"}`, null],
    ['not JSON', 'node-b {', null],
    ['an unknown kind', 'node-b {"kind":"shout"}', null],
    ['recipients that are not ids', `node-b ${JSON.stringify({ kind: 'event', recipients: [1], event: TYPING })}`, null],
    ['an event without a type', `node-b ${JSON.stringify({ kind: 'event', recipients: ['u1'], event: {} })}`, null],
    ['a sign-out without a session', 'node-b {"kind":"signOut","jti":""}', null],
  ])('%s', (_name, raw, expected) => {
    expect(decodeBusMessage(raw, 'node-a')).toEqual(expected);
  });
});

function busOn(nodeId: string, wire: string[]) {
  const delivered: { recipients: readonly UserId[]; event: ChatEvent }[] = [];
  const ended: string[] = [];
  const bus = new ClusterBus(
    { publish: async (_channel, message) => void wire.push(message) },
    'p:events',
    nodeId,
    { publisher: { publish: (recipients, event) => void delivered.push({ recipients, event }) }, endSession: (jti) => void ended.push(jti) },
    pino({ level: 'silent' }),
  );
  return { bus, delivered, ended };
}

describe('ClusterBus', () => {
  it('delivers a publication here at once and to the other node once, through one message', () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    const b = busOn('node-b', wire);
    a.bus.publish(['u1', 'u2'], TYPING);
    expect(a.delivered).toEqual([{ recipients: ['u1', 'u2'], event: TYPING }]);
    expect(wire).toHaveLength(1);
    // Redis hands every subscriber the message, the publisher's own node too.
    for (const raw of wire) {
      a.bus.receive(raw);
      b.bus.receive(raw);
    }
    expect(a.delivered).toHaveLength(1);
    expect(b.delivered).toEqual([{ recipients: ['u1', 'u2'], event: TYPING }]);
  });

  it('publishes nothing for no recipients', () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    a.bus.publish([], TYPING);
    expect(wire).toEqual([]);
    expect(a.delivered).toEqual([]);
  });

  it('tells the other nodes of a sign-out, and drops what it cannot read', () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    const b = busOn('node-b', wire);
    a.bus.signedOut('session-1');
    b.bus.receive('node-c garbage');
    for (const raw of wire) {
      a.bus.receive(raw);
      b.bus.receive(raw);
    }
    expect(a.ended).toEqual([]);
    expect(b.ended).toEqual(['session-1']);
    expect(b.delivered).toEqual([]);
  });
});
