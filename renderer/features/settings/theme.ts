/**
 * Light or dark: `data-theme` on <html> picks the colour tokens of app/base.css. "system"
 * follows prefers-color-scheme, also when the system changes its mind while Glossa is open.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
let following: (() => void) | null = null;

function set(dark: boolean): void {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function applyTheme(choice: ThemeChoice): void {
  following?.();
  following = null;
  if (choice !== 'system') {
    set(choice === 'dark');
    return;
  }
  const query = darkQuery();
  const update = () => set(query.matches);
  update();
  query.addEventListener('change', update);
  following = () => query.removeEventListener('change', update);
}
