import { Trans } from '@lingui/react/macro';
import { Component, type ErrorInfo, type ReactNode, useEffect, useRef } from 'react';
import { Button } from '../ui/Button';
import { Logo } from '../ui/Logo';

export interface AppErrorBoundaryProps {
  children: ReactNode;
  /** Loads the page again; the browser's reload unless a test stands in. */
  reload?: () => void;
}

interface State {
  error: Error | null;
}

/**
 * Around the app: a screen that throws while rendering shows what happened
 * and a way back, instead of the blank page React leaves when nothing catches.
 * The failed tree is unmounted while the error shows, so "Try again" mounts it
 * afresh: new state, effects and subscriptions, over the same client.
 */
export class AppErrorBoundary extends Component<AppErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[violetchat] a screen failed to render', error, info.componentStack);
  }

  private readonly tryAgain = () => this.setState({ error: null });

  override render(): ReactNode {
    const { error } = this.state;
    if (error) return <AppError error={error} onTryAgain={this.tryAgain} onReload={this.props.reload ?? (() => window.location.reload())} />;
    return this.props.children;
  }
}

function AppError({ error, onTryAgain, onReload }: { error: Error; onTryAgain(): void; onReload(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus on the heading: a keyboard or screen reader user starts at what happened, not at the top of a gone page.
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="app-error">
      <Logo size={48} />
      <div role="alert" className="app-error__message">
        <h1 ref={heading} tabIndex={-1}>
          <Trans>Something went wrong</Trans>
        </h1>
        <p>
          <Trans>VioletChat ran into a problem showing this screen. Try again, or reload the page if it happens again.</Trans>
        </p>
      </div>
      <div className="app-error__actions">
        <Button variant="secondary" onClick={onReload}>
          <Trans>Reload</Trans>
        </Button>
        <Button onClick={onTryAgain}>
          <Trans>Try again</Trans>
        </Button>
      </div>
      <details className="app-error__details">
        <summary>
          <Trans>Technical details</Trans>
        </summary>
        {/* For whoever reports or fixes it: the error's own words, as the console has them. */}
        <code dir="ltr">{error.message || error.name}</code>
      </details>
    </main>
  );
}
