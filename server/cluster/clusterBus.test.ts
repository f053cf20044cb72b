import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, UserId } from '../../src/transport/types';
import { BUS_BATCH_LIMIT, BUS_BATCH_RECIPIENTS, type BusMessage, ClusterBus, decodeBusMessages, encodeBusMessages } from './clusterBus';

const TYPING: ChatEvent = { type: 'typing', conversationId: 'c1', userId: 'u1', typing: true };
const EVENT: BusMessage = { kind: 'event', recipients: ['u1', 'u2'], event: TYPING };
const SIGN_OUT: BusMessage = { kind: 'signOut', jti: 'session-1' };

describe('decodeBusMessages', () => {
  it.each<[string, string, BusMessage[] | 'own' | null]>([
    ['an event from another node', encodeBusMessages('node-b', [EVENT]), [EVENT]],
    ['a sign-out from another node', encodeBusMessages('node-b', [SIGN_OUT]), [SIGN_OUT]],
    ['one message, as a node before batching wrote it', `node-b ${JSON.stringify(EVENT)}`, [EVENT]],
    ['several in one publication, in their order', encodeBusMessages('node-b', [EVENT, SIGN_OUT, EVENT]), [EVENT, SIGN_OUT, EVENT]],
    ["this node's own message, not parsed", `node-a {not json`, 'own'],
    ['a node whose id starts like ours', encodeBusMessages('node-a2', [SIGN_OUT]), [SIGN_OUT]],
    ['no node id', `{"kind":"signOut","jti":"x"}`, null],
    ['not JSON', 'node-b {', null],
    ['an unknown kind', 'node-b {"kind":"shout"}', null],
    ['recipients that are not ids', `node-b ${JSON.stringify({ kind: 'event', recipients: [1], event: TYPING })}`, null],
    ['an event without a type', `node-b ${JSON.stringify({ kind: 'event', recipients: ['u1'], event: {} })}`, null],
    ['a sign-out without a session', 'node-b {"kind":"signOut","jti":""}', null],
    ['a batch with one malformed message', `node-b ${JSON.stringify([EVENT, { kind: 'shout' }])}`, null],
    ['an empty batch', 'node-b []', null],
    ['more than a batch holds', encodeBusMessages('node-b', Array.from({ length: BUS_BATCH_LIMIT + 1 }, () => SIGN_OUT)), null],
  ])('%s', (_name, raw, expected) => {
    expect(decodeBusMessages(raw, 'node-a')).toEqual(expected);
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

/** Until the bus has sent what it gathered in this turn of the event loop. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('ClusterBus', () => {
  it('delivers a publication here at once and to the other node once, through one message', async () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    const b = busOn('node-b', wire);
    a.bus.publish(['u1', 'u2'], TYPING);
    expect(a.delivered).toEqual([{ recipients: ['u1', 'u2'], event: TYPING }]);
    await nextTurn();
    expect(wire).toHaveLength(1);
    // Redis hands every subscriber the message, the publisher's own node too.
    for (const raw of wire) {
      a.bus.receive(raw);
      b.bus.receive(raw);
    }
    expect(a.delivered).toHaveLength(1);
    expect(b.delivered).toEqual([{ recipients: ['u1', 'u2'], event: TYPING }]);
  });

  it('sends what it published in one turn as one message, in order, and a full batch at once', async () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    const b = busOn('node-b', wire);
    const second: ChatEvent = { ...TYPING, typing: false };
    a.bus.publish(['u1'], TYPING);
    a.bus.signedOut('session-1');
    a.bus.publish(['u2'], second);
    expect(wire).toEqual([]);
    await nextTurn();
    expect(wire).toHaveLength(1);
    b.bus.receive(wire[0]!);
    expect(b.delivered).toEqual([{ recipients: ['u1'], event: TYPING }, { recipients: ['u2'], event: second }]);
    expect(b.ended).toEqual(['session-1']);

    for (let i = 0; i < BUS_BATCH_LIMIT + 1; i++) a.bus.publish(['u1'], TYPING);
    expect(wire).toHaveLength(2);
    await nextTurn();
    expect(wire).toHaveLength(3);
    for (const raw of wire.slice(1)) b.bus.receive(raw);
    expect(b.delivered).toHaveLength(2 + BUS_BATCH_LIMIT + 1);
  });

  it('keeps a publication under BUS_BATCH_RECIPIENTS recipients: events to big groups go in publications of their own', async () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    const b = busOn('node-b', wire);
    const group = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
    const big = Math.ceil(BUS_BATCH_RECIPIENTS * 0.6);
    a.bus.publish(group(3), TYPING);
    a.bus.publish(group(big), TYPING);
    a.bus.publish(group(big), TYPING);
    expect(wire).toHaveLength(1);
    a.bus.publish(group(BUS_BATCH_RECIPIENTS - big), TYPING);
    expect(wire).toHaveLength(2);
    await nextTurn();
    expect(wire).toHaveLength(2);
    for (const raw of wire) b.bus.receive(raw);
    expect(b.delivered.map((d) => d.recipients.length)).toEqual([3, big, big, BUS_BATCH_RECIPIENTS - big]);
  });

  it('delivers the rest of a publication when one of its messages cannot be delivered here', async () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    const delivered: string[] = [];
    const b = new ClusterBus(
      { publish: async () => undefined },
      'p:events',
      'node-b',
      {
        publisher: {
          publish: (recipients) => {
            if (recipients[0] === 'broken') throw new Error('no such room');
            delivered.push(recipients[0]!);
          },
        },
        endSession: () => undefined,
      },
      pino({ level: 'silent' }),
    );
    a.bus.publish(['u1'], TYPING);
    a.bus.publish(['broken'], TYPING);
    a.bus.publish(['u2'], TYPING);
    await nextTurn();
    b.receive(wire[0]!);
    expect(delivered).toEqual(['u1', 'u2']);
  });

  it('publishes nothing for no recipients', async () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    a.bus.publish([], TYPING);
    await nextTurn();
    expect(wire).toEqual([]);
    expect(a.delivered).toEqual([]);
  });

  it('tells the other nodes of a sign-out, and drops what it cannot read', async () => {
    const wire: string[] = [];
    const a = busOn('node-a', wire);
    const b = busOn('node-b', wire);
    a.bus.signedOut('session-1');
    b.bus.receive('node-c garbage');
    await nextTurn();
    for (const raw of wire) {
      a.bus.receive(raw);
      b.bus.receive(raw);
    }
    expect(a.ended).toEqual([]);
    expect(b.ended).toEqual(['session-1']);
    expect(b.delivered).toEqual([]);
  });
});
