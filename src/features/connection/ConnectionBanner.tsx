import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useState } from 'react';
import { useConnection } from '../../client';
import type { ConnectionState } from '../../client';
import { Spinner } from '../../ui/Spinner';
import { WifiOffIcon } from '../../ui/icons';

/**
 * Where the banner sits, without ever pushing what is on screen (a layout shift moves the search
 * field or the list under a finger about to tap it):
 *   slot   a line of its own whose room is always there, empty while online (the sidebar, under its header);
 *   float  a pill laid over the top of what is below it, taking no room and no taps (the phone's chat
 *          screen, whose header and composer are too narrow for the sentence).
 */
export type BannerPlacement = 'slot' | 'float';

/**
 * Says when messages cannot reach the server. The status region is always in
 * the DOM so that screen readers announce the change when text appears.
 */
export function ConnectionBanner({ connection, everOnline, placement = 'slot' }: { connection: ConnectionState; everOnline: boolean; placement?: BannerPlacement }) {
  const status = connection.status;
  const classes = ['connection-banner', `connection-banner--${placement}`, `connection-banner--${status === 'online' ? 'hidden' : status}`];
  return (
    <div role="status" className={classes.join(' ')}>
      {status === 'offline' && (
        <span className="connection-banner__content">
          <WifiOffIcon size={16} />
          <span className="connection-banner__text" title={t`Offline: messages wait until you reconnect`}>
            <span className="connection-banner__full">
              <Trans>Offline: messages wait until you reconnect</Trans>
            </span>
            <span className="connection-banner__short" aria-hidden="true">
              <Trans>Offline: messages will wait</Trans>
            </span>
          </span>
        </span>
      )}
      {status === 'connecting' && (
        <span className="connection-banner__content">
          <Spinner size={14} />
          <span className="connection-banner__text">{everOnline ? t`Reconnecting…` : t`Connecting…`}</span>
        </span>
      )}
    </div>
  );
}

/** The banner for the engine's connection, wherever a screen needs it. */
export function LiveConnectionBanner({ placement }: { placement?: BannerPlacement }) {
  const connection = useConnection();
  const everOnline = useEverOnline(connection.status === 'online');
  return <ConnectionBanner connection={connection} everOnline={everOnline} placement={placement} />;
}

/** Whether we have been online since mount: the first connect says "Connecting", later ones "Reconnecting". */
function useEverOnline(online: boolean): boolean {
  const [ever, setEver] = useState(online);
  if (online && !ever) setEver(true);
  return ever || online;
}
