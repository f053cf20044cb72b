import { t } from '@lingui/core/macro';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { ChatProvider, useSession } from '../client';
import type { ChatClient } from '../client';
import type { AuthFormProps } from '../features/auth/AuthForm';
import { AuthScreen } from '../features/auth/AuthScreen';
import { ProgressStatus } from '../ui/ProgressStatus';
import { loadAppMessages } from '../ui/i18n/i18n';
import { ThemeProvider } from '../ui/theme/ThemeProvider';
import type { ThemePreference } from '../ui/theme/themePreference';
import { afterNextPaint } from './afterNextPaint';
import { AppErrorBoundary } from './AppErrorBoundary';
import { Splash } from './Splash';
import { StartupFrame } from './StartupFrame';

/**
 * The signed-in screens (the list, groups, the connection banner and all the
 * code under them) are a chunk of their own: a first visit paints the sign-in
 * form without them. They are fetched once the app has painted its first
 * screen past the splash, so they are usually there by the time someone has signed in
 * or a stored session has been read; until then the messenger's own frame
 * (its header and skeleton rows) stands in.
 */
// With the rest of the language's messages (the first paint had only the shell's: src/ui/i18n/i18n.ts).
const loadMessenger = () => Promise.all([import('./Messenger'), loadAppMessages()]).then(([messenger]) => messenger);
const Messenger = lazy(async () => ({ default: (await loadMessenger()).Messenger }));

export interface AppProps {
  client: ChatClient;
  /** Beside the screens: the simulation panel in sim mode. */
  tools?: ReactNode;
  /** What the sign-in form shows at first (a designer scenario). */
  signInPreview?: AuthFormProps['preview'];
  /** Shown while the stored session is read, instead of the splash (a scenario keeps its frame on screen). */
  splash?: ReactNode;
  /** Called once the first screen past the splash has painted: what that screen did not need may load then. */
  onFirstScreen?: () => void;
  /** The theme to start with instead of the reader's own (a designer scenario); the toggle still changes it. */
  theme?: ThemePreference;
}

export function App({ client, tools, signInPreview, splash, onFirstScreen, theme }: AppProps) {
  return (
    <ThemeProvider initial={theme}>
      <AppErrorBoundary>
        <ChatProvider client={client}>
          <Screens signInPreview={signInPreview} splash={splash} onFirstScreen={onFirstScreen} />
          {tools}
        </ChatProvider>
      </AppErrorBoundary>
    </ThemeProvider>
  );
}

function Screens({ signInPreview, splash, onFirstScreen }: Pick<AppProps, 'signInPreview' | 'splash' | 'onFirstScreen'>) {
  const session = useSession();
  const signedOut = session.status === 'signed-out';
  const settled = session.status !== 'restoring';
  const firstScreenShown = useRef(false);
  useEffect(() => {
    if (!settled || firstScreenShown.current) return;
    firstScreenShown.current = true;
    void afterNextPaint().then(() => {
      onFirstScreen?.();
      // A failure here is not shown: the messenger asks again when it is needed, and the error boundary says so there.
      loadMessenger().catch(() => {});
    });
  }, [settled, onFirstScreen]);
  useEffect(() => {
    // The next person to sign in on this tab starts at their list, not in the last one's conversation.
    if (signedOut && window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  }, [signedOut]);
  if (session.status === 'restoring') return splash ?? <Splash />;
  if (signedOut) return <AuthScreen preview={signInPreview} />;
  return (
    <Suspense fallback={splash ?? <StartupFrame status={<ProgressStatus text={t`Opening your chats`} />} />}>
      <Messenger key={session.session.user.id} />
    </Suspense>
  );
}
