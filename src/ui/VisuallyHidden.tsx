import type { ReactNode } from 'react';

/** Text for screen readers only, e.g. "Online" next to a presence dot. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
