import { t } from '@lingui/core/macro';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Credentials, Registration } from '../../transport';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { authErrorsFrom, missingFields, NO_ERRORS, type AuthErrors, type AuthField } from './authErrors';

export type AuthMode = 'sign-in' | 'create';

export interface AuthFormProps {
  signIn(input: Credentials): Promise<unknown>;
  register(input: Registration): Promise<unknown>;
  initialMode?: AuthMode;
  /** What the form shows at first, checked as if submitted (a designer scenario showing a field error). */
  preview?: Partial<Record<AuthField, string>>;
}

const REQUIRED: Record<AuthMode, readonly AuthField[]> = {
  'sign-in': ['username', 'password'],
  create: ['username', 'email', 'password'],
};

/** Sign in and create account in one card; errors sit next to the field they concern. */
export function AuthForm({ signIn, register, initialMode = 'sign-in', preview }: AuthFormProps) {
  const [mode, setMode] = useState<AuthMode>(initialMode);
  const [values, setValues] = useState({ username: '', email: '', password: '', ...preview });
  const [errors, setErrors] = useState<AuthErrors>(() => (preview && missingFields(preview, REQUIRED[initialMode])) || NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const creating = mode === 'create';

  const update = (field: AuthField) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    if (errors.fields[field]) setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: undefined } }));
  };

  const focusFirstInvalid = () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const missing = missingFields(values, REQUIRED[mode]);
    if (missing) {
      setErrors(missing);
      focusFirstInvalid();
      return;
    }
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      const username = values.username.trim().toLowerCase();
      if (creating) await register({ username, email: values.email.trim(), password: values.password });
      else await signIn({ username, password: values.password });
    } catch (error) {
      setErrors(authErrorsFrom(error));
      setBusy(false);
      focusFirstInvalid();
    }
    // On success the session changes and this form unmounts.
  }

  function switchMode() {
    setMode(creating ? 'sign-in' : 'create');
    setErrors(NO_ERRORS);
  }

  return (
    <form ref={formRef} className="auth-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <div className="auth-form__intro">
        <h2 id={headingId}>{creating ? t`Create your account` : t`Welcome back`}</h2>
        <p>{creating ? t`Join your team on VioletChat in a few seconds.` : t`Sign in to pick up where you left off.`}</p>
      </div>
      <TextField label={t`Username`} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={values.username} onChange={update('username')} error={errors.fields.username} />
      {creating && <TextField label={t`Email`} name="email" type="email" autoComplete="email" value={values.email} onChange={update('email')} error={errors.fields.email} />}
      <TextField
        label={t`Password`}
        name="password"
        type="password"
        autoComplete={creating ? 'new-password' : 'current-password'}
        value={values.password}
        onChange={update('password')}
        error={errors.fields.password}
        hint={creating ? t`At least 8 characters.` : undefined}
      />
      {errors.form && (
        <p className="auth-form__error" role="alert">
          {errors.form}
        </p>
      )}
      <Button type="submit" busy={busy} className="auth-form__submit">
        {creating ? t`Create account` : t`Sign in`}
      </Button>
      <p className="auth-form__switch">
        {creating ? t`Already have an account?` : t`New to VioletChat?`}{' '}
        <button type="button" className="link-button" onClick={switchMode} disabled={busy}>
          {creating ? t`Sign in instead` : t`Create an account`}
        </button>
      </p>
    </form>
  );
}
