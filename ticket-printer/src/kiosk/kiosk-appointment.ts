import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { kioskStyles } from './kiosk-styles.js';
import { MESSAGES } from './messages.js';
import './kiosk-events.js';

/** The characters of a booking code (no 0/O, 1/I/L): every key on the pad can be part of one. */
const KEYS = [...'23456789ABCDEFGHJKMNPQRSTUVWXYZ'];

/**
 * Step 3, optional: check in an appointment by its code, scanned from the
 * booking's QR (a scanner types into the focused field and ends with Enter)
 * or typed on the pad. Walk-ins are never sent away (不得强制要求先线上预约):
 * skipping is the big button, and when a code cannot be checked in (too
 * early, too late, unknown) the step says why and the button still gives an
 * ordinary ticket.
 */
@customElement('kiosk-appointment')
export class KioskAppointment extends LitElement {
  @property() language: Lang = 'zh';
  /** Why the last code was not checked in, in the screen's language. */
  @property() refusal = '';
  @state() private code = '';

  static override styles = [
    baseStyles,
    kioskStyles,
    css`
      .skip {
        width: 100%;
        min-height: calc(var(--kiosk-touch, var(--touch-target)) * 1.5);
        font-size: var(--font-size-title);
      }
      .code {
        margin-top: var(--space-6);
        display: grid;
        grid-template-columns: repeat(8, 1fr);
        gap: var(--space-2);
        max-width: 720px;
      }
      input {
        grid-column: 1 / -1;
        font-family: var(--font-family-number);
        font-size: var(--font-size-title);
        letter-spacing: 0.1em;
        text-transform: uppercase;
        min-height: 1.4em;
        border: none;
        border-bottom: 2px solid var(--color-border);
        background: transparent;
        color: inherit;
      }
      .refusal {
        color: var(--color-danger);
        font-weight: 700;
      }
    `,
  ];

  private checkIn(): void {
    fireEvent(this, 'kiosk-appointment', { code: this.code.trim() });
    this.code = '';
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    return html`
      <h2>${t('apptTitle')}</h2>
      <p class="hint">${t('apptHint')}</p>
      <button
        class="primary skip"
        data-skip
        @click=${() => fireEvent(this, 'kiosk-appointment', { code: null })}
      >
        ${t('apptSkip')}
      </button>
      ${this.refusal ? html`<p class="refusal" role="alert" data-refusal>${this.refusal}</p>` : ''}
      <div class="code" role="group" aria-label=${t('apptCode')}>
        <input
          aria-label=${t('apptCode')}
          autocomplete="off"
          autofocus
          .value=${this.code}
          @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value.slice(0, 12))}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && this.code.trim() !== '') this.checkIn();
          }}
        />
        ${KEYS.map((d) => html`<button @click=${() => (this.code = (this.code + d).slice(0, 12))}>${d}</button>`)}
      </div>
      <div class="actions">
        <button @click=${() => fireEvent(this, 'kiosk-back', {})}>${t('back')}</button>
        <button ?disabled=${this.code === ''} @click=${() => (this.code = '')}>${t('clear')}</button>
        <button ?disabled=${this.code === ''} data-check-in @click=${() => this.checkIn()}>
          ${t('apptCheckIn')}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-appointment': KioskAppointment;
  }
}
