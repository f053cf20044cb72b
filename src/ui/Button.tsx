import type { ButtonHTMLAttributes, ComponentPropsWithRef, ReactNode } from 'react';
import { Spinner } from './Spinner';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: Variant;
  /** Waiting for an answer: disabled, aria-busy, and a spinner beside the label. */
  busy?: boolean;
  icon?: ReactNode;
}

export function Button({ variant = 'primary', busy = false, icon, children, className, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={['button', `button--${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <Spinner /> : icon}
      {children}
    </button>
  );
}

export interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The accessible name: an icon-only button must say what it does. */
  label: string;
  children: ReactNode;
}

export function IconButton({ label, children, className, type = 'button', ...rest }: IconButtonProps) {
  return (
    <button {...rest} type={type} aria-label={label} title={label} className={['icon-button', className].filter(Boolean).join(' ')}>
      {children}
    </button>
  );
}
