import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import type { PrintState } from './controllers/print-watch.js';
import type { IssuedTicketView } from '@hall-queue/server/protocol';
import { kioskStyles } from './kiosk-styles.js';
import { MESSAGES } from './messages.js';
import './kiosk-events.js';

/**
 * The result: the number as large as the screen allows, people ahead, the
 * wait, and the ticket image from the hub (the printed layout, QR included).
 * If printing fails the number stays on screen with a reprint button.
 */
@customElement('kiosk-result')
export class KioskResult extends LitElement {
  @property() language: Lang = 'zh';
  @property({ attribute: false }) ticket: IssuedTicketView | null = null;
  /** Object URL of the ticket SVG. */
  @property() image: string | null = null;
  @property({ reflect: true }) print: PrintState | 'reprinting' = 'none';
  @property() notice = '';

  static override styles = [
    baseStyles,
    kioskStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: var(--kiosk-result-columns, 1fr);
        gap: var(--space-6);
        align-items: start;
      }
      .label {
        font-size: var(--font-size-large);
        color: var(--color-text-muted);
      }
      .number {
        font-family: var(--font-family-number);
        font-size: var(--kiosk-number-size, var(--font-size-giant));
        font-weight: 700;
        line-height: 1;
        color: var(--color-accent);
        margin: var(--space-3) 0 var(--space-5);
      }
      .service {
        font-size: var(--font-size-title);
        font-weight: 700;
      }
      .facts {
        font-size: var(--font-size-large);
        margin: var(--space-4) 0;
      }
      .status {
        font-size: var(--font-size-large);
        padding: var(--space-4);
        border-radius: var(--radius-medium);
        background: var(--color-surface);
        border: 2px solid var(--color-border);
      }
      :host([print='failed']) .status {
        border-color: var(--color-danger);
        color: var(--color-danger);
        font-weight: 700;
      }
      .notice {
        font-size: var(--font-size-body);
        color: var(--color-success);
      }
      img {
        width: var(--kiosk-ticket-width, 100%);
        max-width: 576px;
        background: #fff;
        border: 1px solid var(--color-border);
        box-shadow: 0 4px 16px rgb(0 0 0 / 15%);
      }
      .scan {
        font-size: var(--font-size-body);
        color: var(--color-text-muted);
      }
    `,
  ];

  override render() {
    const t = translator(MESSAGES, this.language);
    const ticket = this.ticket;
    if (!ticket) return nothing;
    const status = {
      none: t('noPrinter'),
      printing: t('printing'),
      printed: t('printed'),
      failed: t('printFailed', { number: ticket.number }),
      reprinting: t('reprinting'),
    }[this.print];
    return html`
      <section>
        <div class="label">${t('yourNumber')}</div>
        <div class="number" data-number>${ticket.number}</div>
        <div class="service">${ticket.service.name}</div>
        <div class="facts">
          ${t('ahead', { n: ticket.ahead })} ·
          ${
            ticket.estimatedMinutes === null || ticket.estimatedMinutes === 0
              ? t('estimateNow')
              : t('estimate', { m: ticket.estimatedMinutes })
          }
        </div>
        ${this.notice ? html`<p class="notice" data-notice>${this.notice}</p>` : nothing}
        <p class="status" role="status" data-print=${this.print}>${status}</p>
        <div class="actions">
          ${
            this.print === 'failed'
              ? html`<button
                  class="primary"
                  data-reprint
                  @click=${() => fireEvent(this, 'kiosk-reprint', {})}
                >
                  ${t('reprint')}
                </button>`
              : nothing
          }
          <button data-done @click=${() => fireEvent(this, 'kiosk-done', {})}>${t('done')}</button>
        </div>
      </section>
      <figure>
        ${this.image ? html`<img src=${this.image} alt=${ticket.number} data-ticket-image />` : nothing}
        <figcaption class="scan">${t('scan')}</figcaption>
      </figure>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-result': KioskResult;
  }
}
