import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { api } from '@hall-queue/ui-shared/api.js';
import { field, pageStyles } from './admin-styles.js';
import type { T } from './messages.js';
import { errorText, fieldErrors, type Session, type StaffUser } from './session.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'signed-in': { user: StaffUser };
  }
}

/**
 * Log in, or on the very first start create the administrator with the
 * one-time code the hub printed (GET/POST /api/v1/setup): there is no
 * default password.
 */
@customElement('admin-login')
export class AdminLogin extends LitElement {
  static override styles = pageStyles;

  @property({ attribute: false }) session!: Session;
  @property({ attribute: false }) t!: T;
  /** The hub still waits for its first administrator. */
  @property({ type: Boolean }) setupPending = false;
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private info = '';
  @state() private busy = false;

  override render() {
    const t = this.t;
    return this.setupPending ? this.renderSetup(t) : this.renderLogin(t);
  }

  private renderLogin(t: T) {
    return html`<form @submit=${this.onLogin} aria-label=${t('login')}>
      <h2>${t('login')}</h2>
      ${this.info ? html`<p class="ok">${this.info}</p>` : nothing}
      <div class="fields">
        ${field(t('username'), 'username', html`<input name="username" autocomplete="username" required />`, this.errors)}
        ${field(
          t('password'),
          'password',
          html`<input name="password" type="password" autocomplete="current-password" required />`,
          this.errors,
        )}
      </div>
      ${this.message ? html`<p class="error" role="alert">${this.message}</p>` : nothing}
      <p><button class="primary" type="submit" ?disabled=${this.busy}>${t('login')}</button></p>
    </form>`;
  }

  private renderSetup(t: T) {
    return html`<form @submit=${this.onSetup} aria-label=${t('setupTitle')}>
      <h2>${t('setupTitle')}</h2>
      <p class="muted">${t('setupHint')}</p>
      <div class="fields">
        ${field(t('setupCode'), 'code', html`<input name="code" inputmode="numeric" required />`, this.errors)}
        ${field(t('username'), 'username', html`<input name="username" value="admin" required />`, this.errors)}
        ${field(t('displayName'), 'displayName', html`<input name="displayName" />`, this.errors)}
        ${field(t('password'), 'password', html`<input name="password" type="password" required />`, this.errors)}
      </div>
      ${this.message ? html`<p class="error" role="alert">${this.message}</p>` : nothing}
      <p><button class="primary" type="submit" ?disabled=${this.busy}>${t('create')}</button></p>
    </form>`;
  }

  private values(e: Event): Record<string, string> {
    e.preventDefault();
    return Object.fromEntries([...new FormData(e.target as HTMLFormElement)].map(([k, v]) => [k, String(v)]));
  }

  private async onLogin(e: Event) {
    const v = this.values(e);
    await this.attempt(async () => {
      const user = await this.session.login(v.username ?? '', v.password ?? '');
      fireEvent(this, 'signed-in', { user });
    });
  }

  private async onSetup(e: Event) {
    const v = this.values(e);
    await this.attempt(async () => {
      await api('/api/v1/setup', {
        body: {
          code: v.code,
          username: v.username,
          password: v.password,
          ...(v.displayName ? { displayName: v.displayName } : {}),
        },
      });
      this.setupPending = false;
      this.info = this.t('setupDone');
    });
  }

  private async attempt(work: () => Promise<void>) {
    this.busy = true;
    this.errors = {};
    this.message = '';
    try {
      await work();
    } catch (err) {
      this.errors = fieldErrors(err);
      this.message = errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-login': AdminLogin;
  }
}
