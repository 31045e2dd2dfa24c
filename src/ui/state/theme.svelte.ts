/** Light and dark themes: the learner's choice (kept in localStorage) or the system's. */

/** A theme. */
export type Theme = 'light' | 'dark';

const KEY = 'kubelab.theme';

/** The page's theme. */
export class ThemeState {
  theme = $state<Theme>('light');

  constructor() {
    let saved: string | null;
    try {
      saved = localStorage.getItem(KEY);
    } catch {
      saved = null;
    }
    this.theme =
      saved === 'dark' || saved === 'light'
        ? saved
        : matchMedia('(prefers-color-scheme: dark)').matches
          ? 'dark'
          : 'light';
    this.apply();
  }

  /** Switches light ↔ dark. */
  toggle(): void {
    this.set(this.theme === 'dark' ? 'light' : 'dark');
  }

  /** Sets the theme. */
  set(t: Theme): void {
    this.theme = t;
    try {
      localStorage.setItem(KEY, t);
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
    this.apply();
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.theme;
    document.documentElement.style.colorScheme = this.theme;
  }
}
