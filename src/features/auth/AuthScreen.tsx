import { useActions } from '../../client';
import { Logo } from '../../ui/Logo';
import { ThemeToggle } from '../../ui/theme/ThemeToggle';
import { AuthForm, type AuthFormProps } from './AuthForm';

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
          <h1>VioletChat</h1>
        </div>
        <AuthForm signIn={actions.signIn} register={actions.register} preview={preview} />
      </main>
      <p className="auth-screen__footnote">Messages stay on your device and sync when you are back online.</p>
    </div>
  );
}
