import { css, unsafeCSS } from 'lit';

/**
 * Design tokens for every screen of the hall. Components read them through
 * their own custom property with the token as fallback
 * (`var(--board-number-size, var(--font-size-huge))`), so a hall can tune a
 * screen without touching the others. Durations collapse under
 * `prefers-reduced-motion`.
 */
const TOKENS = `
:root {
  --font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif;
  --font-family-number: "DejaVu Sans Mono", "WenQuanYi Zen Hei Mono", ui-monospace, monospace;

  --font-size-small: 16px;
  --font-size-body: 20px;
  --font-size-large: 28px;
  --font-size-title: 40px;
  --font-size-huge: 96px;
  --font-size-giant: 160px;

  --space-1: 4px;
  --space-2: 8px;
  --space-3: 12px;
  --space-4: 16px;
  --space-5: 24px;
  --space-6: 32px;
  --space-7: 48px;
  --space-8: 64px;

  --radius-small: 6px;
  --radius-medium: 12px;
  --radius-large: 20px;

  --touch-target: 72px;

  --color-bg: #f4f6f9;
  --color-surface: #ffffff;
  --color-text: #17202a;
  --color-text-muted: #4d5a68;
  --color-primary: #0b57a4;
  --color-primary-text: #ffffff;
  --color-accent: #c62828;
  --color-success: #1b7f3b;
  --color-warning: #b26a00;
  --color-danger: #b3261e;
  --color-border: #c9d2dc;
  --color-focus: #ffb300;

  --color-board-bg: #0b1f3a;
  --color-board-text: #ffffff;
  --color-board-number: #ffd54f;
  --color-board-highlight: #c62828;

  --duration-short: 150ms;
  --duration-medium: 300ms;
  --duration-flash: 600ms;
}
@media (prefers-reduced-motion: reduce) {
  :root {
    --duration-short: 0ms;
    --duration-medium: 0ms;
    --duration-flash: 0ms;
  }
}
`;

/** High contrast, larger type: the elder-friendly theme (适老化). */
const ELDER = `
:root[data-theme='elder'] {
  --font-size-small: 22px;
  --font-size-body: 28px;
  --font-size-large: 36px;
  --font-size-title: 52px;
  --touch-target: 96px;
  --color-bg: #000000;
  --color-surface: #111111;
  --color-text: #ffffff;
  --color-text-muted: #e0e0e0;
  --color-primary: #ffd600;
  --color-primary-text: #000000;
  --color-border: #ffffff;
}
`;

/** Puts the tokens on the document once; custom properties inherit into every shadow root. */
export function installTokens(doc: Document = document): void {
  if (doc.getElementById('hall-tokens')) return;
  const style = doc.createElement('style');
  style.id = 'hall-tokens';
  style.textContent = TOKENS + ELDER;
  doc.head.append(style);
}

export function setTheme(theme: 'default' | 'elder', doc: Document = document): void {
  if (theme === 'default') delete doc.documentElement.dataset.theme;
  else doc.documentElement.dataset.theme = theme;
}

/** Base styles every component starts from. */
export const baseStyles = css`
  :host {
    font-family: var(--font-family);
    color: var(--color-text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 4px solid var(--color-focus);
    outline-offset: 2px;
  }
`;

export const tokensForTests = unsafeCSS(TOKENS);
