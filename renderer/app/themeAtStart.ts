/**
 * The theme before the settings arrive. The person's settings are read from core after the
 * first render, so a dark-theme user would see the light page first: the last theme chosen
 * is remembered in this window's localStorage and put on <html> before React renders, then
 * corrected (and remembered again) whenever the settings are read or changed.
 */
import { appSettings } from '../features/settings/appSettings';
import { applyTheme, type ThemeChoice } from '../features/settings/theme';

const THEME_KEY = 'glossa.theme';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function remembered(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    // Anything else (hand-edited, an older build) is ignored: the system's theme until settings load.
    return CHOICES.find((c) => c === stored) ?? 'system';
  } catch {
    return 'system';
  }
}

function remember(choice: ThemeChoice): void {
  try {
    if (localStorage.getItem(THEME_KEY) !== choice) localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage refused: the next start shows the system's theme until the settings load.
  }
}

/** Applies the remembered theme now and keeps the memory in step with the settings. Call before the first render. */
export function startTheme(): void {
  applyTheme(remembered());
  appSettings.subscribe(() => {
    const settings = appSettings.get();
    if (settings) remember(settings.theme);
  });
}
