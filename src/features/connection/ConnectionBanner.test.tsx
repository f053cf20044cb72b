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
});
