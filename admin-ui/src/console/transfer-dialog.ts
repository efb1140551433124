import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { dialogStyles } from './dialog-styles.js';
import { MESSAGES } from './messages.js';
import type { ConsoleWindow, ServiceItem } from './types.js';

export interface TransferChoice {
  serviceId?: string;
  targetWindowId?: string;
  reason: string;
}

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'transfer-submit': TransferChoice;
  }
}

/**
 * Transfer (转办) of the window's ticket to another matter, another window,
 * or both, with the reason the citizen is told; the ticket keeps its issue time.
 */
@customElement('transfer-dialog')
export class TransferDialog extends LitElement {
  @property({ attribute: false }) services: ServiceItem[] = [];
  @property({ attribute: false }) windows: ConsoleWindow[] = [];
  /** This window: not a target. */
  @property() windowId = '';
  @property() ticketNumber = '';
  @property() language: Lang = 'zh';
  @state() private serviceId = '';
  @state() private targetWindowId = '';
  @state() private reason = '';
  @state() private invalid: 'target' | 'reason' | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [baseStyles, dialogStyles];

  show(): void {
    this.serviceId = '';
    this.targetWindowId = '';
    this.reason = '';
    this.invalid = null;
    void this.updateComplete.then(() => this.dialog.showModal());
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (!this.serviceId && !this.targetWindowId) {
      this.invalid = 'target';
      return;
    }
    if (!this.reason.trim()) {
      this.invalid = 'reason';
      return;
    }
    this.close();
    fireEvent(this, 'transfer-submit', {
      reason: this.reason.trim(),
      ...(this.serviceId ? { serviceId: this.serviceId } : {}),
      ...(this.targetWindowId ? { targetWindowId: this.targetWindowId } : {}),
    });
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    const pick = (e: Event) => (e.target as HTMLSelectElement).value;
    return html`<dialog @close=${() => fireEvent(this, 'dialog-closed', undefined)}>
      <form @submit=${(e: Event) => this.submit(e)} novalidate>
        <h2>${t('transferTo', { number: this.ticketNumber })}</h2>
        <label
          >${t('toService')}
          <select @change=${(e: Event) => ((this.serviceId = pick(e)), (this.invalid = null))}>
            <option value="" ?selected=${!this.serviceId}>${t('keep')}</option>
            ${this.services
              .filter((s) => s.enabled)
              .map(
                (s) =>
                  html`<option value=${s.id} ?selected=${s.id === this.serviceId}>
                    ${s.domain} · ${s.name}
                  </option>`,
              )}
          </select>
        </label>
        <label
          >${t('toWindow')}
          <select @change=${(e: Event) => ((this.targetWindowId = pick(e)), (this.invalid = null))}>
            <option value="" ?selected=${!this.targetWindowId}>${t('keep')}</option>
            ${this.windows
              .filter((w) => w.id !== this.windowId)
              .map(
                (w) =>
                  html`<option value=${w.id} ?selected=${w.id === this.targetWindowId}>
                    ${t('window', { n: w.number })} ${w.name}
                  </option>`,
              )}
          </select>
        </label>
        <label
          >${t('reason')}
          <input
            .value=${this.reason}
            maxlength="200"
            @input=${(e: Event) => ((this.reason = (e.target as HTMLInputElement).value), (this.invalid = null))}
        /></label>
        ${
          this.invalid
            ? html`<p class="invalid" role="alert">
                ${this.invalid === 'target' ? t('targetRequired') : t('reasonRequired')}
              </p>`
            : null
        }
        <div class="buttons">
          <button type="button" @click=${() => this.close()}>${t('cancel')}</button>
          <button type="submit">${t('confirm')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'transfer-dialog': TransferDialog;
  }
}
