// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageStatus } from '../transport';
import { activateLocale } from './i18n/i18n';
import { MessageTicks } from './MessageTicks';

describe('MessageTicks', () => {
  it.each<[MessageStatus, string]>([
    ['pending', 'Sending'],
    ['sent', 'Sent'],
    ['delivered', 'Delivered'],
    ['read', 'Read'],
    ['failed', 'Failed to send'],
  ])('%s is an image named "%s"', (status, name) => {
    render(<MessageTicks status={status} />);
    expect(screen.getByRole('img', { name })).toBeInTheDocument();
  });

  it('draws one tick for sent and two for delivered and read', () => {
    const { container, rerender } = render(<MessageTicks status="sent" />);
    expect(container.querySelectorAll('path')).toHaveLength(1);
    rerender(<MessageTicks status="delivered" />);
    expect(container.querySelectorAll('path')).toHaveLength(2);
    rerender(<MessageTicks status="read" />);
    expect(screen.getByRole('img', { name: 'Read' })).toHaveClass('ticks--read');
  });

  describe('in German', () => {
    afterEach(() => activateLocale('en'));

    it.each<[MessageStatus, string]>([
      ['pending', 'Wird gesendet'],
      ['sent', 'Gesendet'],
      ['delivered', 'Zugestellt'],
      ['read', 'Gelesen'],
      ['failed', 'Senden fehlgeschlagen'],
    ])('%s is named "%s"', async (status, name) => {
      await activateLocale('de');
      render(<MessageTicks status={status} />);
      expect(screen.getByRole('img', { name })).toBeInTheDocument();
    });
  });
});
