import { t } from '@lingui/core/macro';
import { IconButton } from '../Button';
import { MoonIcon, SunIcon } from '../icons';
import { useThemeControl } from './ThemeProvider';

/** A toggle button: pressed means the dark theme is on. */
export function ThemeToggle() {
  const { theme, toggle } = useThemeControl();
  const dark = theme === 'dark';
  return (
    <IconButton label={t`Dark theme`} aria-pressed={dark} onClick={toggle}>
      {dark ? <SunIcon /> : <MoonIcon />}
    </IconButton>
  );
}
