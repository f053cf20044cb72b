import { createContext, useContext, type ReactNode } from 'react';
import type { ThemePreference } from './themePreference';
import { useTheme } from './useTheme';

type ThemeControl = ReturnType<typeof useTheme>;

const ThemeContext = createContext<ThemeControl | null>(null);

/** One owner of the theme, so every toggle on screen shows the same state. */
export function ThemeProvider({ children, initial }: { children: ReactNode; initial?: ThemePreference }) {
  const control = useTheme(initial);
  return <ThemeContext.Provider value={control}>{children}</ThemeContext.Provider>;
}

export function useThemeControl(): ThemeControl {
  const control = useContext(ThemeContext);
  if (!control) throw new Error('useThemeControl needs a <ThemeProvider> above it.');
  return control;
}
