// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../transport';
import { AuthForm } from './AuthForm';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('AuthForm', () => {
  it('signs in with the typed credentials, busy while waiting', async () => {
    const pending = deferred<void>();
    const signIn = vi.fn(() => pending.promise);
    render(<AuthForm signIn={signIn} register={vi.fn()} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Username' }), 'Ann');
    await userEvent.type(screen.getByLabelText('Password'), 'secret words');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(signIn).toHaveBeenCalledWith({ username: 'ann', password: 'secret words' });
    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toBeDisabled();
    pending.resolve();
  });

  it('shows a wrong password as an announced form error and frees the button', async () => {
    const signIn = vi.fn().mockRejectedValue(new ChatError('INVALID_CREDENTIALS'));
    render(<AuthForm signIn={signIn} register={vi.fn()} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Username' }), 'ann');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong one');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That username and password do not match.');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('creates an account and puts a field error next to that field', async () => {
    const register = vi.fn().mockRejectedValue(new ChatError('USERNAME_TAKEN'));
    render(<AuthForm signIn={vi.fn()} register={register} />);
    await userEvent.click(screen.getByRole('button', { name: 'Create an account' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Username' }), 'ann');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'ann@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'long enough');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(register).toHaveBeenCalledWith({ username: 'ann', email: 'ann@example.com', password: 'long enough' });
    const username = screen.getByRole('textbox', { name: 'Username' });
    expect(await screen.findByRole('alert')).toHaveTextContent('That username is already taken.');
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription('That username is already taken.');
  });

  it('asks for missing fields before sending anything', async () => {
    const signIn = vi.fn();
    render(<AuthForm signIn={signIn} register={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(signIn).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Username' })).toHaveAccessibleDescription('Enter your username.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
  });

  it('switches between signing in and creating an account', async () => {
    render(<AuthForm signIn={vi.fn()} register={vi.fn()} />);
    expect(screen.queryByRole('textbox', { name: 'Email' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create an account' }));
    expect(screen.getByRole('textbox', { name: 'Email' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create account' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in instead' }));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});
