import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { applyTheme, DARK_QUERY, readPreference, resolveTheme, writePreference, type Theme, type ThemePreference } from './themePreference';

function subscribeToSystem(onChange: () => void): () => void {
  const query = window.matchMedia?.(DARK_QUERY);
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

const systemIsDark = () => window.matchMedia?.(DARK_QUERY).matches ?? false;

/** The theme on screen: `initial` if given (not remembered), else the reader's persisted choice, else the system's. */
export function useTheme(initial?: ThemePreference): { theme: Theme; preference: ThemePreference; toggle(): void } {
  const [preference, setPreference] = useState<ThemePreference>(() => initial ?? readPreference());
  const systemDark = useSyncExternalStore(subscribeToSystem, systemIsDark, () => false);
  const theme = resolveTheme(preference, systemDark);

  useEffect(() => applyTheme(theme), [theme]);

  const toggle = useCallback(() => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    // Choosing what the system already shows means "follow the system" again.
    const stored: ThemePreference = next === (systemDark ? 'dark' : 'light') ? 'system' : next;
    writePreference(stored);
    setPreference(stored);
  }, [theme, systemDark]);

  return { theme, preference, toggle };
}
