// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Button, IconButton } from './Button';
import { TextField } from './TextField';

describe('Button', () => {
  it('is disabled and busy while waiting', async () => {
    const onClick = vi.fn();
    render(
      <Button busy onClick={onClick}>
        Sign in
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-busy', 'true');
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('names an icon-only button by its label', async () => {
    const onClick = vi.fn();
    render(
      <IconButton label="Sign out" onClick={onClick}>
        <svg aria-hidden="true" />
      </IconButton>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onClick).toHaveBeenCalledOnce();
  });
});

describe('TextField', () => {
  it('labels the input and ties an announced error to it', () => {
    render(<TextField label="Username" error="That username is already taken." />);
    const input = screen.getByRole('textbox', { name: 'Username' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('That username is already taken.');
    expect(screen.getByRole('alert')).toHaveTextContent('That username is already taken.');
  });

  it('describes the input with its hint when valid', () => {
    render(<TextField label="Password" type="password" hint="At least 8 characters" />);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 8 characters');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
