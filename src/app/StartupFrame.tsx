import { Trans } from '@lingui/react/macro';
import type { ReactNode } from 'react';
import { Logo } from '../ui/Logo';
import { LoadingList } from '../ui/SkeletonRows';
import { PHONE_QUERY, useMediaQuery } from './useMediaQuery';

/**
 * The messenger's frame before the app can show anything of the account (a
 * designer scenario being built, say): the list pane with skeleton rows and a
 * status saying what is under way, the chat pane beside it on wide screens.
 * Not a blank page, and the same frame the app then fills in.
 */
export function StartupFrame({ status }: { status: ReactNode }) {
  const phone = useMediaQuery(PHONE_QUERY);
  return (
    <div className={phone ? 'messenger messenger--phone' : 'messenger'}>
      <div className="messenger__pane messenger__pane--list">
        <div className="sidebar">
          <header className="sidebar__header">
            <div className="sidebar__brand">
              <Logo size={32} />
              <h1>
                <Trans>Chats</Trans>
              </h1>
            </div>
          </header>
          <div className="sidebar__lists" aria-busy="true">
            <LoadingList status={status} />
          </div>
        </div>
      </div>
      {!phone && (
        <main className="messenger__pane messenger__pane--chat">
          <div className="messenger__placeholder" />
        </main>
      )}
    </div>
  );
}
