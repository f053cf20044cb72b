import { useEffect, type ReactNode } from 'react';
import { ChatProvider, useSession } from '../client';
import type { ChatClient } from '../client';
import type { AuthFormProps } from '../features/auth/AuthForm';
import { AuthScreen } from '../features/auth/AuthScreen';
import { ThemeProvider } from '../ui/theme/ThemeProvider';
import { AppErrorBoundary } from './AppErrorBoundary';
import { Messenger } from './Messenger';
import { Splash } from './Splash';

export interface AppProps {
  client: ChatClient;
  /** Beside the screens: the simulation panel in sim mode. */
  tools?: ReactNode;
  /** What the sign-in form shows at first (a designer scenario). */
  signInPreview?: AuthFormProps['preview'];
  /** Shown while the stored session is read, instead of the splash (a scenario keeps its frame on screen). */
  splash?: ReactNode;
}

export function App({ client, tools, signInPreview, splash }: AppProps) {
  return (
    <ThemeProvider>
      <AppErrorBoundary>
        <ChatProvider client={client}>
          <Screens signInPreview={signInPreview} splash={splash} />
          {tools}
        </ChatProvider>
      </AppErrorBoundary>
    </ThemeProvider>
  );
}

function Screens({ signInPreview, splash }: Pick<AppProps, 'signInPreview' | 'splash'>) {
  const session = useSession();
  const signedOut = session.status === 'signed-out';
  useEffect(() => {
    // The next person to sign in on this tab starts at their list, not in the last one's conversation.
    if (signedOut && window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  }, [signedOut]);
  if (session.status === 'restoring') return splash ?? <Splash />;
  if (signedOut) return <AuthScreen preview={signInPreview} />;
  return <Messenger key={session.session.user.id} />;
}
