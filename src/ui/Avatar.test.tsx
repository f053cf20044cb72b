// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Avatar } from './Avatar';
import { UnreadBadge } from './UnreadBadge';

describe('Avatar', () => {
  it('shows initials on the user colour, hidden from assistive technology', () => {
    const { container } = render(<Avatar name="Ann Lee" color="#047857" />);
    const circle = container.querySelector('.avatar__circle')!;
    expect(circle).toHaveTextContent('AL');
    expect(circle).toHaveAttribute('aria-hidden', 'true');
    expect(circle).toHaveStyle({ background: '#047857', color: '#ffffff' });
  });

  it.each([
    ['online', 'Online'],
    ['offline', 'Offline'],
  ] as const)('says %s in words beside the dot', (presence, words) => {
    render(<Avatar name="Ann" color="#047857" presence={presence} />);
    expect(screen.getByText(words)).toHaveClass('visually-hidden');
  });
});

describe('UnreadBadge', () => {
  it('reads "N unread" and shows the number', () => {
    const { container } = render(<UnreadBadge count={3} />);
    expect(screen.getByText('3 unread')).toBeInTheDocument();
    expect(container.querySelector('[aria-hidden="true"]')).toHaveTextContent('3');
  });

  it('renders nothing at zero', () => {
    const { container } = render(<UnreadBadge count={0} />);
    expect(container).toBeEmptyDOMElement();
  });
});
