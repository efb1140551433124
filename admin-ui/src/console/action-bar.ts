import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { ACTION_LABELS, MESSAGES } from './messages.js';
import type { ConsoleAction } from './types.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
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
  /** The status of the ticket at the window, if any: it decides which ticket actions are enabled. */
  @property() ticketStatus: string | null = null;
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
      button:disabled {
        cursor: not-allowed;
        border-style: dashed;
        background: var(--color-bg);
        color: var(--color-text-muted);
      }
      button.primary:not(:disabled) {
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
    const action = this.actions().find((a) => SHORTCUTS[a] === e.key.toUpperCase() && this.allowed(a));
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

  /**
   * Whether the window and its ticket allow an action now (the hub's rules:
   * recall, start and no-show need a called ticket; complete and hold one
   * being served; nobody is called at a paused window).
   */
  private allowed(action: ConsoleAction): boolean {
    const open = this.windowState === 'open';
    const status = this.ticketStatus;
    switch (action) {
      case 'call-next':
      case 'call-number':
        return open;
      case 'recall':
      case 'start':
      case 'no-show':
        return status === 'called';
      case 'complete':
      case 'hold':
        return status === 'serving';
      case 'transfer':
        return status === 'called' || status === 'serving';
      case 'call-back':
        return open && this.hasHeld;
      case 'pause':
        return open;
      case 'resume':
        return this.windowState === 'paused';
      case 'open':
        return this.windowState === 'closed';
      case 'close':
        return this.windowState !== 'closed';
    }
  }

  /** Puts the keyboard focus back on an action's button (after its dialog closes), or on the first one enabled. */
  focusAction(action: ConsoleAction): void {
    const buttons = Array.from(this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-action]'));
    const target =
      buttons.find((b) => b.dataset.action === action && !b.disabled) ?? buttons.find((b) => !b.disabled);
    target?.focus();
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
              ?disabled=${this.busy || !this.allowed(a)}
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
