// The designer tools of sim mode; main.tsx imports this module only in sim builds.
export type { ScenarioLink, SimulationControls, SimulationState } from './controls';
export { ScenarioGallery } from './ScenarioGallery';
export { isPanelShortcut, SimulationPanel, type SimulationPanelProps } from './SimulationPanel';
export { ScenarioProblem, type ScenarioProblemProps } from './ScenarioProblem';
export { SimulationTools, type SimulationToolsProps } from './SimulationTools';
