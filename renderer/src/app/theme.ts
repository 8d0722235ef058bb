// Applies the theme preference as `data-theme` on <html>; "system" removes it so the CSS
// follows prefers-color-scheme. The last choice is cached so a reload does not flash.
import type { Theme } from '../../../shared/app.ts';

const cacheKey = 'starling.theme';

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
  try {
    window.localStorage.setItem(cacheKey, theme);
  } catch {
    // Storage disabled: the preference still applies once it has loaded.
  }
}

export function applyCachedTheme(): void {
  let cached: string | null;
  try {
    cached = window.localStorage.getItem(cacheKey);
  } catch {
    cached = null;
  }
  if (cached === 'light' || cached === 'dark' || cached === 'system') applyTheme(cached);
}
