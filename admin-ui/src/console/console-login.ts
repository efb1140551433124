import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { MESSAGES } from './messages.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'login-submit': { username: string; password: string };
  }
}

/** Username and password; the screen logs in and shows the hub's answer when refused. */
@customElement('console-login')
export class ConsoleLogin extends LitElement {
  @property() language: Lang = 'zh';
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  @state() private username = '';
  @state() private password = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 420px;
        margin: var(--space-6) auto;
        padding: var(--space-5);
        background: var(--color-surface);
        border: 2px solid var(--color-border);
        border-radius: var(--radius-medium);
        font-size: var(--font-size-body);
      }
      form {
        display: grid;
        gap: var(--space-3);
      }
      label {
        display: grid;
        gap: var(--space-1);
      }
      input,
      button {
        font: inherit;
        min-height: 48px;
        padding: 0 var(--space-3);
        border-radius: var(--radius-small);
        border: 2px solid var(--color-border);
      }
      button {
        background: var(--color-primary);
        border-color: var(--color-primary);
        color: var(--color-primary-text);
        cursor: pointer;
      }
      .error {
        color: var(--color-danger);
        font-weight: 700;
      }
    `,
  ];

  /** The clerk starts typing the username at once. */
  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[name="username"]')?.focus();
  }

  private submit(e: Event): void {
    e.preventDefault();
    fireEvent(this, 'login-submit', { username: this.username.trim(), password: this.password });
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<form @submit=${(e: Event) => this.submit(e)}>
      <label
        >${t('username')}
        <input
          name="username"
          autocomplete="username"
          required
          @input=${(e: Event) => (this.username = value(e))}
      /></label>
      <label
        >${t('password')}
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          @input=${(e: Event) => (this.password = value(e))}
      /></label>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : null}
      <button type="submit" ?disabled=${this.busy}>${t('login')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-login': ConsoleLogin;
  }
}
