// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../client';
import { ConnectionBanner } from './ConnectionBanner';

describe('ConnectionBanner', () => {
  it.each<[ConnectionState, boolean, string]>([
    [{ status: 'offline' }, true, 'Offline: messages wait until you reconnect'],
    [{ status: 'connecting' }, true, 'Reconnecting…'],
    [{ status: 'connecting' }, false, 'Connecting…'],
    [{ status: 'online' }, true, ''],
  ])('%j (ever online: %s) says "%s"', (connection, everOnline, text) => {
    render(<ConnectionBanner connection={connection} everOnline={everOnline} />);
    // The live region is there even when silent, so a change is announced.
    expect(screen.getByRole('status')).toHaveTextContent(text);
  });

  it('offline, has shorter words for a narrow sidebar, hidden from screen readers, which hear the sentence', () => {
    render(<ConnectionBanner connection={{ status: 'offline' }} everOnline placement="slot" />);
    expect(screen.getByText('Offline: messages will wait')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByText('Offline: messages wait until you reconnect')).not.toHaveAttribute('aria-hidden');
  });

  it.each(['slot', 'float'] as const)('in its %s keeps the same element whatever it says, so nothing around it moves and the change is announced', (placement) => {
    const view = render(<ConnectionBanner connection={{ status: 'online' }} everOnline placement={placement} />);
    const status = screen.getByRole('status');
    expect(status).toHaveClass(`connection-banner--${placement}`, 'connection-banner--hidden');
    view.rerender(<ConnectionBanner connection={{ status: 'offline' }} everOnline placement={placement} />);
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveClass(`connection-banner--${placement}`, 'connection-banner--offline');
  });
});
