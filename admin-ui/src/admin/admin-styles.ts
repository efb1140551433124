import { css, html, nothing, type TemplateResult } from 'lit';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';

/**
 * Styles shared by the console's pages: readable tables, forms whose field
 * errors sit under the field, and buttons big enough to hit (the elder theme
 * grows them with the tokens).
 */
export const pageStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      font-size: var(--admin-font-size, var(--font-size-body));
    }
    h2 {
      font-size: var(--font-size-large);
      margin: var(--space-4) 0;
    }
    h3 {
      font-size: var(--font-size-body);
      margin: var(--space-4) 0 var(--space-2);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      background: var(--color-surface);
    }
    th,
    td {
      border: 1px solid var(--color-border);
      padding: var(--space-2) var(--space-3);
      text-align: left;
      vertical-align: top;
    }
    th {
      background: var(--admin-head-bg, #e8edf3);
      color: #17202a;
    }
    td.num,
    th.num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    button {
      font: inherit;
      min-height: var(--admin-button-height, 44px);
      padding: 0 var(--space-4);
      border-radius: var(--radius-small);
      border: 2px solid var(--color-primary);
      background: var(--color-surface);
      color: var(--color-text);
      cursor: pointer;
    }
    button.primary {
      background: var(--color-primary);
      color: var(--color-primary-text);
    }
    button.danger {
      border-color: var(--color-danger);
      color: var(--color-danger);
    }
    input,
    select,
    textarea {
      font: inherit;
      min-height: 40px;
      padding: var(--space-1) var(--space-2);
      border: 2px solid var(--color-border);
      border-radius: var(--radius-small);
      background: var(--color-surface);
      color: var(--color-text);
    }
    textarea {
      width: 100%;
      min-height: 6em;
    }
    form,
    .card {
      background: var(--color-surface);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-medium);
      padding: var(--space-4);
      margin-bottom: var(--space-4);
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-3) var(--space-5);
      align-items: flex-start;
    }
    label.field {
      display: flex;
      flex-direction: column;
      gap: var(--space-1);
    }
    label.check {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      min-height: 44px;
    }
    .field-error,
    .error {
      color: var(--color-danger);
      font-weight: bold;
    }
    .ok {
      color: var(--color-success);
      font-weight: bold;
    }
    .muted {
      color: var(--color-text-muted);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      align-items: center;
    }
    .warn {
      color: var(--color-warning);
      font-weight: bold;
    }
    .badge {
      display: inline-block;
      padding: 0 var(--space-2);
      border-radius: var(--radius-small);
      border: 1px solid currentColor;
      white-space: nowrap;
    }
  `,
];

/** A labelled input with the server's error for that field underneath. */
export function field(
  label: string,
  name: string,
  control: TemplateResult,
  errors: Record<string, string>,
): TemplateResult {
  const err = errors[name];
  return html`<label class="field" data-field=${name}
    ><span>${label}</span>${control}${
      err ? html`<span class="field-error" role="alert">${err}</span>` : nothing
    }</label
  >`;
}

/** Minutes for durations on screen. */
export function minutes(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return (ms / 60_000).toFixed(1);
}

export function dateTime(at: number | null | undefined, lang: string): string {
  if (!at) return '—';
  return new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
