import { t } from '@lingui/core/macro';
import { useState } from 'react';
import { toChatError } from '../../transport';
import { Button } from '../../ui/Button';
import { errorText } from '../../ui/i18n/errors';
import type { SimulationControls } from './controls';

/**
 * "Export scenario": the simulation's state, as the person signed in sees it, downloaded as a
 * scenario file (the sim writes it: controls.exportScenario); put in public/scenarios/, it opens
 * at `?scenario=NAME` as that state again. What happened is said in a live region.
 */
export function ExportScenario({ controls }: { controls: Pick<SimulationControls, 'exportScenario'> }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const exportNow = async () => {
    setBusy(true);
    setStatus('');
    try {
      const { fileName, text } = await controls.exportScenario();
      download(fileName, text);
      setStatus(t`Downloaded ${fileName}. Put it in public/scenarios/ to open it as a scenario.`);
    } catch (error) {
      setStatus(errorText(toChatError(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sim-panel__section">
      <Button variant="secondary" busy={busy} onClick={() => void exportNow()}>
        {t`Export scenario`}
      </Button>
      <p className="sim-panel__note" role="status">
        {status}
      </p>
    </div>
  );
}

/** Saves `text` as a file named `fileName`, as a download link would. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Once the click's download has taken the file: revoked at once, some browsers would save nothing.
  setTimeout(() => URL.revokeObjectURL(url));
}
