import { keepLanguage } from '../../ui/i18n/locale';
import type { SimulationControls, SimulationDemo } from './controls';
import { useScenarioLinks } from './scenarioFiles';
import { SimulationPanel } from './SimulationPanel';

export interface SimulationToolsProps {
  controls: SimulationControls;
  /** The scenario on screen (`?scenario=NAME`'s NAME), if any. */
  scenario?: string | null;
  /** A scripted demo's player, for the panel's Demo section. */
  demo?: SimulationDemo;
}

/** The simulation panel with the scenarios of the build's index, the one on screen named by its title as in the gallery. */
export function SimulationTools({ controls, scenario = null, demo }: SimulationToolsProps) {
  const scenarios = useScenarioLinks() ?? [];
  const href = scenario === null ? null : keepLanguage(`?scenario=${encodeURIComponent(scenario)}`, location.search);
  const current = href === null ? null : { name: scenarios.find((s) => s.href === href)?.name ?? scenario!, href };
  return <SimulationPanel controls={controls} scenarios={scenarios} galleryHref={keepLanguage('?scenarios', location.search)} currentScenario={current} demo={demo} />;
}
