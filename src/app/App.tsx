import { useEffect } from 'react';
import { ChatProvider, useSession } from '../client';
import type { ChatClient } from '../client';
import { AuthScreen } from '../features/auth/AuthScreen';
import { ThemeProvider } from '../ui/theme/ThemeProvider';
import { Messenger } from './Messenger';
import { Splash } from './Splash';

export function App({ client }: { client: ChatClient }) {
  return (
    <ThemeProvider>
      <ChatProvider client={client}>
        <Screens />
      </ChatProvider>
    </ThemeProvider>
  );
}

function Screens() {
  const session = useSession();
  const signedOut = session.status === 'signed-out';
  useEffect(() => {
    // The next person to sign in on this tab starts at their list, not in the last one's conversation.
    if (signedOut && window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  }, [signedOut]);
  if (session.status === 'restoring') return <Splash />;
  if (signedOut) return <AuthScreen />;
  return <Messenger key={session.session.user.id} />;
}
