import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { Logo } from '../../ui/Logo';
import type { ScenarioLink } from './controls';
import { scenarioFileLinks } from './scenarioFiles';
import './simulation.css';

/** `?scenarios`: every designer scenario, one link each, to open any UI state from a URL; the designers' files after the built-ins. */
export function ScenarioGallery({ scenarios: builtIns, demoHref }: { scenarios: readonly ScenarioLink[]; demoHref: string }) {
  const [files, setFiles] = useState<readonly ScenarioLink[]>([]);
  useEffect(() => {
    let current = true;
    void scenarioFileLinks().then((links) => current && setFiles(links));
    return () => {
      current = false;
    };
  }, []);
  const scenarios = [...builtIns, ...files];
  return (
    <main className="scenario-gallery">
      <header className="scenario-gallery__header">
        <Logo size={40} />
        <h1>{t`Designer scenarios`}</h1>
      </header>
      <p className="scenario-gallery__intro">
        <Trans>
          Each link opens VioletChat signed in as Alex Rivera in one state, built afresh on every load with a fixed clock, so a screenshot comes out the
          same each time. Press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd> in the app for the simulation panel.
        </Trans>
      </p>
      <ul className="scenario-gallery__list">
        {scenarios.map((s) => (
          <li key={s.href} className="scenario-gallery__item">
            <h2>
              <a href={s.href}>{s.name}</a>
            </h2>
            <p>{s.description}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href={demoHref}>{t`Back to the demo`}</a>
      </p>
    </main>
  );
}
