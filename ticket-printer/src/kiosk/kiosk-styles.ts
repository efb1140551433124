import { css } from 'lit';

/** Shared look of the kiosk's steps: big touch targets, high contrast, nothing small. */
export const kioskStyles = css`
  button {
    font: inherit;
    min-height: var(--kiosk-touch, var(--touch-target));
    min-width: var(--kiosk-touch, var(--touch-target));
    border-radius: var(--radius-medium);
    border: 2px solid var(--color-border);
    background: var(--color-surface);
    color: var(--color-text);
    padding: var(--space-3) var(--space-5);
    font-size: var(--kiosk-button-size, var(--font-size-large));
    cursor: pointer;
    touch-action: manipulation;
  }
  button.primary {
    background: var(--color-primary);
    color: var(--color-primary-text);
    border-color: var(--color-primary);
    font-weight: 700;
  }
  button[aria-pressed='true'] {
    background: var(--color-primary);
    color: var(--color-primary-text);
    border-color: var(--color-primary);
  }
  button:active {
    transform: scale(0.98);
  }
  h2 {
    font-size: var(--font-size-title);
    margin: 0 0 var(--space-4);
  }
  .hint {
    font-size: var(--font-size-body);
    color: var(--color-text-muted);
    margin: 0 0 var(--space-5);
  }
  .actions {
    display: flex;
    gap: var(--space-4);
    flex-wrap: wrap;
    margin-top: var(--space-6);
  }
`;
