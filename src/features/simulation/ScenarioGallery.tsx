import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { Logo } from '../../ui/Logo';
import { useScenarioLinks } from './scenarioFiles';
import './simulation.css';

/** `?scenarios`: every scenario (the build's index: the built-ins, then the designers' files), one link each, to open any UI state from a URL. */
export function ScenarioGallery({ demoHref }: { demoHref: string }) {
  const scenarios = useScenarioLinks() ?? [];
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
