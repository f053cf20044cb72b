// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../client';
import { MessageBubble } from './MessageBubble';

function message(overrides: Partial<MessageView> = {}): MessageView {
  return {
    clientId: 'c1',
    id: 'm1',
    conversationId: 'conv',
    senderId: 'me',
    body: 'Hello',
    createdAt: new Date(2026, 10, 25, 9, 41).toISOString(),
    seq: 1,
    status: 'sent',
    mine: true,
    error: null,
    system: null,
    ...overrides,
  };
}

function show(m: MessageView) {
  const handlers = { onRetry: vi.fn(), onDiscard: vi.fn() };
  render(<MessageBubble message={m} senderName="Ann Lee" startsRun endsRun {...handlers} />);
  return handlers;
}

describe('MessageBubble', () => {
  it('renders markup as text, never HTML', () => {
    show(message({ body: '<img src=x onerror=alert(1)><b>bold?</b>' }));
    const article = screen.getByRole('article', { name: '<img src=x onerror=alert(1)><b>bold?</b>' });
    expect(article.querySelector('img, b')).toBeNull();
  });

  it('makes web addresses into links that open safely in a new tab', () => {
    show(message({ body: 'see https://example.com/docs.' }));
    const link = screen.getByRole('link', { name: 'https://example.com/docs' });
    expect(link).toHaveAttribute('href', 'https://example.com/docs');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('lets the browser pick the direction of the text', () => {
    show(message({ body: 'שלום עולם' }));
    expect(screen.getByRole('article', { name: 'שלום עולם' }).querySelector('p')).toHaveAttribute('dir', 'auto');
  });

  it('shows the delivery state of my message', () => {
    show(message({ status: 'delivered' }));
    expect(within(screen.getByRole('article', { name: 'Hello' })).getByRole('img', { name: 'Delivered' })).toBeInTheDocument();
  });

  it('shows no ticks on their messages and names the sender for screen readers', () => {
    show(message({ mine: false, senderId: 'ann' }));
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByText('Ann Lee:')).toHaveClass('visually-hidden');
  });

  it('offers Retry and Delete for a failed message', async () => {
    const { onRetry, onDiscard } = show(message({ status: 'failed', seq: null, id: null, error: { code: 'PAYLOAD_TOO_LARGE', message: 'That is too large to send.' } }));
    expect(screen.getByText('Failed to send')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onRetry).toHaveBeenCalledWith('c1');
    expect(onDiscard).toHaveBeenCalledWith('c1');
  });
});
