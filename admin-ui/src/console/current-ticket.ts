import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { CATEGORY_BADGES, MESSAGES, duration } from './messages.js';
import type { ConsoleTicket } from './types.js';

/**
 * The citizen at the window: the number very large, the matter, the
 * priority categories as 老/幼/病/残/孕/军 badges, assistance, and how long
 * they waited (live until service starts, then the service time runs).
 */
@customElement('current-ticket')
export class CurrentTicket extends LitElement {
  @property({ attribute: false }) ticket: ConsoleTicket | null = null;
  @property() serviceName = '';
  @property() language: Lang = 'zh';
  /** The clock, from the screen's timer (so every timer on the screen ticks together). */
  @property({ type: Number }) now = Date.now();
  @property({ reflect: true }) status = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--console-card-bg, var(--color-surface));
        border: 2px solid var(--color-border);
        border-radius: var(--radius-medium);
        padding: var(--space-3) var(--space-4);
      }
      :host([status='called']) {
        border-color: var(--color-warning);
      }
      :host([status='serving']) {
        border-color: var(--color-success);
      }
      .label {
        color: var(--color-text-muted);
        font-size: var(--font-size-small);
      }
      .number {
        font-family: var(--font-family-number);
        font-size: var(--console-number-size, clamp(56px, 11vw, 120px));
        font-weight: 700;
        line-height: 1.05;
        color: var(--color-primary);
      }
      .service {
        font-size: var(--font-size-large);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2) var(--space-4);
        align-items: center;
        font-size: var(--font-size-body);
        margin-top: var(--space-2);
      }
      .badge {
        display: inline-block;
        min-width: 1.6em;
        padding: 0 var(--space-2);
        border-radius: var(--radius-small);
        background: var(--color-accent);
        color: #fff;
        text-align: center;
        font-weight: 700;
      }
      .badge.assist {
        background: var(--color-primary);
      }
      .none {
        font-size: var(--font-size-large);
        color: var(--color-text-muted);
        padding: var(--space-4) 0;
      }
    `,
  ];

  override willUpdate(): void {
    this.status = this.ticket?.status ?? '';
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    const tk = this.ticket;
    if (!tk)
      return html`<div class="label">${t('current')}</div>
        <div class="none">${t('none')}</div>`;
    const waitedUntil = tk.startedAt ?? this.now;
    const label = (o: { zh: string; en: string }) => (this.language === 'en' ? o.en : o.zh);
    return html`
      <div class="label">${t('current')}</div>
      <div class="number" data-testid="current-number">${tk.number}</div>
      <div class="service">${this.serviceName}</div>
      <div class="meta">
        <strong data-testid="current-status"
          >${tk.status === 'serving' ? t('serving') : t('called', { n: tk.callCount })}</strong
        >
        ${tk.categories.map(
          (c) => html`<span class="badge" title=${c}>${label(CATEGORY_BADGES[c] ?? { zh: c, en: c })}</span>`,
        )}
        ${tk.assistance ? html`<span class="badge assist">${t('assistance')}</span>` : null}
        <span data-testid="waited">${t('waited', { time: duration(waitedUntil - tk.issuedAt) })}</span>
        ${
          tk.startedAt !== null
            ? html`<span>${t('servingFor', { time: duration(this.now - tk.startedAt) })}</span>`
            : null
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'current-ticket': CurrentTicket;
  }
}
