import type { ScenarioLink } from './controls';

/**
 * The designers' own scenarios (public/scenarios/*.json) as the build's index lists them
 * (scripts/scenarioIndexPlugin.ts), for the gallery after the built-ins, by title. None when there is no index.
 */
export async function scenarioFileLinks(): Promise<ScenarioLink[]> {
  try {
    const response = await fetch('scenarios/index.json');
    if (!response.ok) return [];
    const index = (await response.json()) as { name: string; title: string; description: string }[];
    return index.map((s) => ({ name: s.title, description: s.description, href: `?scenario=${encodeURIComponent(s.name)}` }));
  } catch {
    return [];
  }
}
