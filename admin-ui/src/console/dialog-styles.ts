import { css } from 'lit';

/** Shared look of the console's dialogs: compact enough for an 800×600 screen. */
export const dialogStyles = css`
  dialog {
    border: 2px solid var(--color-border);
    border-radius: var(--radius-medium);
    background: var(--color-surface);
    color: var(--color-text);
    padding: var(--space-4);
    width: min(520px, 94vw);
    max-height: 92vh;
    font-size: var(--font-size-body);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 45%);
  }
  h2 {
    margin: 0 0 var(--space-3);
    font-size: var(--font-size-large);
  }
  label {
    display: grid;
    gap: var(--space-1);
    margin-bottom: var(--space-3);
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: var(--space-2);
    border: 2px solid var(--color-border);
    border-radius: var(--radius-small);
    background: var(--color-bg);
    color: var(--color-text);
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: var(--space-3);
  }
  button {
    font: inherit;
    min-height: 48px;
    min-width: 96px;
    border-radius: var(--radius-small);
    border: 2px solid var(--color-border);
    background: var(--color-surface);
    color: var(--color-text);
    cursor: pointer;
  }
  button[type='submit'] {
    background: var(--color-primary);
    border-color: var(--color-primary);
    color: var(--color-primary-text);
  }
  .invalid {
    color: var(--color-danger);
    font-weight: 700;
    margin: 0 0 var(--space-3);
  }
`;
