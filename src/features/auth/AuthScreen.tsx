import { Trans } from '@lingui/react/macro';
import { useActions } from '../../client';
import { Logo } from '../../ui/Logo';
import { ThemeToggle } from '../../ui/theme/ThemeToggle';
import { AuthForm, type AuthFormProps } from './AuthForm';

/** The product's name: the same in every language. */
const PRODUCT_NAME = 'VioletChat';

/** The signed-out screen: the product's welcome and the sign-in / create-account card. */
export function AuthScreen({ preview }: Pick<AuthFormProps, 'preview'>) {
  const actions = useActions();
  return (
    <div className="auth-screen">
      <div className="auth-screen__theme">
        <ThemeToggle />
      </div>
      <main className="auth-screen__card">
        <div className="auth-screen__brand">
          <Logo size={44} />
          <h1>{PRODUCT_NAME}</h1>
        </div>
        <AuthForm signIn={actions.signIn} register={actions.register} preview={preview} />
      </main>
      <p className="auth-screen__footnote">
        <Trans>Messages stay on your device and sync when you are back online.</Trans>
      </p>
    </div>
  );
}
