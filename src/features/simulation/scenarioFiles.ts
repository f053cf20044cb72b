import { useEffect, useState } from 'react';
import { keepLanguage } from '../../ui/i18n/locale';
import type { ScenarioLink } from './controls';

let listing: Promise<ScenarioLink[]> | null = null;

/**
 * Every scenario (public/scenarios/*.json, the built-ins first) as the build's index lists them
 * (scripts/scenarioIndexPlugin.ts), for the gallery and the simulation panel, each under its title.
 * Fetched once per page; none when there is no index (offline: the scenarios are files to fetch too).
 * A link keeps the page's `?lang=`.
 */
export function scenarioLinks(): Promise<ScenarioLink[]> {
  listing ??= (async () => {
    try {
      const response = await fetch('scenarios/index.json');
      if (!response.ok) return [];
      const index = (await response.json()) as { name: string; title: string; description: string }[];
      return index.map((s) => ({ name: s.title, description: s.description, href: keepLanguage(`?scenario=${encodeURIComponent(s.name)}`, location.search) }));
    } catch {
      return [];
    }
  })();
  return listing;
}

/** The scenarios once the index has come (null until then). */
export function useScenarioLinks(): readonly ScenarioLink[] | null {
  const [links, setLinks] = useState<readonly ScenarioLink[] | null>(null);
  useEffect(() => {
    let current = true;
    void scenarioLinks().then((list) => current && setLinks(list));
    return () => {
      current = false;
    };
  }, []);
  return links;
}
