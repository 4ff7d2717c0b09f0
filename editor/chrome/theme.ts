/** The colour theme: remembered in localStorage, defaulting to the system preference. */
import type { Theme } from '../model/uiStore.ts';

const KEY = 'netwright.theme';

/** The theme to start with. */
export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'dark' || saved === 'light') return saved;
  } catch {
    // Storage can be blocked; fall through to the system preference.
  }
  return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

/** Remembers the theme. */
export function saveTheme(theme: Theme): void {
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Not remembering the theme is harmless.
  }
}
