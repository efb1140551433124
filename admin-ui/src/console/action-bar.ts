import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent } from '../../../ui-shared/src/fire-event.js';
import { translator, type Lang } from '../../../ui-shared/src/i18n.js';
import { baseStyles } from '../../../ui-shared/src/tokens.js';
import { ACTION_LABELS, MESSAGES } from './messages.js';
import type { ConsoleAction } from './types.js';

declare module '../../../ui-shared/src/fire-event.js' {
  interface HallEvents {
    'console-action': { action: ConsoleAction };
  }
}

/**
 * One key per action, shown on its button. Letters, not F-keys: F5 reloads
 * and F1 opens help in the browser, and a clerk's keyboard always has letters.
 * Keys are ignored while the clerk types in a field or a dialog is open.
 */
export const SHORTCUTS: Record<ConsoleAction, string> = {
  'call-next': 'N',
  recall: 'R',
  start: 'S',
  complete: 'C',
  'no-show': 'X',
  hold: 'H',
  'call-back': 'B',
  transfer: 'T',
  pause: 'P',
  resume: 'P',
  'call-number': 'G',
  open: 'O',
  close: 'O',
};

@customElement('action-bar')
export class ActionBar extends LitElement {
  /** The window's state decides which of open/close and pause/resume is offered. */
  @property() windowState = 'closed';
  @property({ type: Boolean }) hasHeld = false;
  @property({ type: Boolean }) busy = false;
  /** While a dialog is open the shortcuts rest. */
  @property({ type: Boolean }) blocked = false;
  @property() language: Lang = 'zh';
  /** The last refused action and the hub's explanation, shown under the buttons. */
  @property({ attribute: false }) refusal: { action: ConsoleAction; detail: string } | null = null;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(var(--console-action-width, 116px), 1fr));
        gap: var(--space-2);
      }
      button {
        font: inherit;
        font-size: var(--font-size-body);
        min-height: var(--console-button-height, 52px);
        border-radius: var(--radius-small);
        border: 2px solid var(--color-border);
        background: var(--color-surface);
        color: var(--color-text);
        cursor: pointer;
        display: flex;
        align-items: center;
        justify-content: center;
        gap: var(--space-1);
        padding: 0 var(--space-1);
        white-space: nowrap;
      }
      button.primary {
        background: var(--color-primary);
        border-color: var(--color-primary);
        color: var(--color-primary-text);
        font-weight: 700;
      }
      button.refused {
        border-color: var(--color-danger);
        box-shadow: 0 0 0 2px var(--color-danger);
      }
      kbd {
        font-family: var(--font-family-number);
        font-size: var(--font-size-small);
        border: 1px solid currentColor;
        border-radius: 4px;
        padding: 0 4px;
        opacity: 0.8;
      }
      .error {
        margin-top: var(--space-2);
        color: var(--color-danger);
        font-size: var(--font-size-body);
        font-weight: 700;
      }
    `,
  ];

  private readonly onKey = (e: KeyboardEvent) => {
    if (this.blocked || this.busy || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    const action = this.actions().find((a) => SHORTCUTS[a] === e.key.toUpperCase());
    if (!action) return;
    e.preventDefault();
    this.fire(action);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
  }

  /** The buttons offered now, in the order of a service at the window. */
  private actions(): ConsoleAction[] {
    if (this.windowState === 'closed') return ['open'];
    return [
      'call-next',
      'recall',
      'start',
      'complete',
      'no-show',
      'hold',
      ...(this.hasHeld ? (['call-back'] as const) : []),
      'transfer',
      'call-number',
      this.windowState === 'paused' ? 'resume' : 'pause',
      'close',
    ];
  }

  private fire(action: ConsoleAction): void {
    fireEvent(this, 'console-action', { action });
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    const label = (a: ConsoleAction) => (this.language === 'en' ? ACTION_LABELS[a].en : ACTION_LABELS[a].zh);
    const r = this.refusal;
    return html`
      <div class="bar" role="toolbar" aria-label=${t('shortcuts')}>
        ${this.actions().map(
          (a) =>
            html`<button
              class=${[a === 'call-next' || a === 'open' ? 'primary' : '', r?.action === a ? 'refused' : ''].join(' ')}
              data-action=${a}
              aria-keyshortcuts=${SHORTCUTS[a]}
              aria-describedby=${r?.action === a ? 'refusal' : ''}
              ?disabled=${this.busy}
              @click=${() => this.fire(a)}
            >
              <span>${label(a)}</span><kbd>${SHORTCUTS[a]}</kbd>
            </button>`,
        )}
      </div>
      ${
        r
          ? html`<div id="refusal" class="error" role="alert" data-testid="refusal">
              ${t('refused', { action: label(r.action), detail: r.detail })}
            </div>`
          : null
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'action-bar': ActionBar;
  }
}
