import { describe, expect, it } from 'vitest';
import { TransportSignals } from './transportSignals';
import type { ChatEvent, ConnectionState } from './types';

const typing: ChatEvent = { type: 'typing', conversationId: 'c1', userId: 'u1', typing: true };

describe('TransportSignals', () => {
  it('starts offline, and tells listeners only of a change of status or reason', () => {
    const signals = new TransportSignals();
    const heard: ConnectionState[] = [];
    signals.onConnection((state) => heard.push(state));
    expect(signals.state).toEqual({ status: 'offline', reason: 'Not connected.' });

    signals.setState({ status: 'offline', reason: 'Not connected.' });
    signals.setState({ status: 'connecting' });
    signals.setState({ status: 'connecting' });
    signals.setState({ status: 'online' });
    signals.setState({ status: 'offline', reason: 'The server closed the connection.' });
    signals.setState({ status: 'offline', reason: 'You are offline.' });
    expect(heard.map((s) => [s.status, s.reason])).toEqual([
      ['connecting', undefined],
      ['online', undefined],
      ['offline', 'The server closed the connection.'],
      ['offline', 'You are offline.'],
    ]);
    expect(signals.state).toEqual({ status: 'offline', reason: 'You are offline.' });
  });

  it('stops calling a listener once unsubscribed, even from inside a call', () => {
    const signals = new TransportSignals();
    const calls: string[] = [];
    const stopFirst = signals.subscribe(() => {
      calls.push('first');
      stopFirst();
    });
    signals.subscribe(() => calls.push('second'));
    signals.emit(typing);
    signals.emit(typing);
    expect(calls).toEqual(['first', 'second', 'second']);

    const stop = signals.onConnection(() => calls.push('connection'));
    stop();
    signals.setState({ status: 'online' });
    expect(calls).not.toContain('connection');
  });
});
