import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { kioskStyles } from './kiosk-styles.js';
import { MESSAGES } from './messages.js';
import './kiosk-events.js';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * Step 3, optional: check in an appointment by its code. Walk-ins are never
 * sent away (不得强制要求先线上预约): skipping is the big button, and a code
 * the hall cannot check goes on to an ordinary ticket all the same.
 */
@customElement('kiosk-appointment')
export class KioskAppointment extends LitElement {
  @property() language: Lang = 'zh';
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
        grid-template-columns: repeat(5, 1fr);
        gap: var(--space-2);
        max-width: 720px;
      }
      output {
        grid-column: 1 / -1;
        font-family: var(--font-family-number);
        font-size: var(--font-size-title);
        min-height: 1.4em;
        border-bottom: 2px solid var(--color-border);
      }
    `,
  ];

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
      <div class="code" role="group" aria-label=${t('apptCode')}>
        <output aria-label=${t('apptCode')}>${this.code}</output>
        ${DIGITS.map((d) => html`<button @click=${() => (this.code = (this.code + d).slice(0, 12))}>${d}</button>`)}
      </div>
      <div class="actions">
        <button @click=${() => fireEvent(this, 'kiosk-back', {})}>${t('back')}</button>
        <button ?disabled=${this.code === ''} @click=${() => (this.code = '')}>${t('clear')}</button>
        <button
          ?disabled=${this.code === ''}
          data-check-in
          @click=${() => fireEvent(this, 'kiosk-appointment', { code: this.code })}
        >
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
