import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { dialogStyles } from './dialog-styles.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'prompt-submit': { value: string };
    'dialog-closed': undefined;
  }
}

/**
 * Asks for one line before an action: the reason of a pause or a hold, the
 * number to call. An empty answer is not sent; the dialog says what is missing.
 */
@customElement('reason-dialog')
export class ReasonDialog extends LitElement {
  @property() heading = '';
  @property() label = '';
  @property() placeholder = '';
  @property() requiredMessage = '';
  @property() confirmLabel = '';
  @property() cancelLabel = '';
  /** Upper-cases what is typed (ticket numbers). */
  @property({ type: Boolean }) upper = false;
  @state() private value = '';
  @state() private invalid = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [baseStyles, dialogStyles];

  show(): void {
    this.value = '';
    this.invalid = false;
    void this.updateComplete.then(() => {
      this.dialog.showModal();
      this.renderRoot.querySelector('input')?.focus();
    });
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  private submit(e: Event): void {
    e.preventDefault();
    const value = this.value.trim();
    if (!value) {
      this.invalid = true;
      return;
    }
    this.close();
    fireEvent(this, 'prompt-submit', { value: this.upper ? value.toUpperCase() : value });
  }

  override render() {
    return html`<dialog @close=${() => fireEvent(this, 'dialog-closed', undefined)}>
      <form @submit=${(e: Event) => this.submit(e)} novalidate>
        <h2>${this.heading}</h2>
        <label
          >${this.label}
          <input
            .value=${this.value}
            placeholder=${this.placeholder}
            maxlength="200"
            autocomplete="off"
            aria-invalid=${this.invalid ? 'true' : 'false'}
            @input=${(e: Event) => {
              this.value = (e.target as HTMLInputElement).value;
              this.invalid = false;
            }}
        /></label>
        ${this.invalid ? html`<p class="invalid" role="alert">${this.requiredMessage}</p>` : null}
        <div class="buttons">
          <button type="button" @click=${() => this.close()}>${this.cancelLabel}</button>
          <button type="submit">${this.confirmLabel}</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reason-dialog': ReasonDialog;
  }
}
