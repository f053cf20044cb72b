import { useState } from 'react';
import { useConnection } from '../../client';
import type { ConnectionState } from '../../client';
import { Spinner } from '../../ui/Spinner';
import { WifiOffIcon } from '../../ui/icons';

/**
 * Says when messages cannot reach the server. The status region is always in
 * the DOM so that screen readers announce the change when text appears.
 */
export function ConnectionBanner({ connection, everOnline }: { connection: ConnectionState; everOnline: boolean }) {
  const status = connection.status;
  return (
    <div role="status" className={status === 'online' ? 'connection-banner connection-banner--hidden' : `connection-banner connection-banner--${status}`}>
      {status === 'offline' && (
        <>
          <WifiOffIcon size={18} />
          <span>Offline: messages will be sent when you reconnect</span>
        </>
      )}
      {status === 'connecting' && (
        <>
          <Spinner size={16} />
          <span>{everOnline ? 'Reconnecting…' : 'Connecting…'}</span>
        </>
      )}
    </div>
  );
}

/** The banner for the engine's connection, wherever a screen needs it. */
export function LiveConnectionBanner() {
  const connection = useConnection();
  const everOnline = useEverOnline(connection.status === 'online');
  return <ConnectionBanner connection={connection} everOnline={everOnline} />;
}

/** Whether we have been online since mount: the first connect says "Connecting", later ones "Reconnecting". */
function useEverOnline(online: boolean): boolean {
  const [ever, setEver] = useState(online);
  if (online && !ever) setEver(true);
  return ever || online;
}
