import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { api } from '@hall-queue/ui-shared/api.js';
import { pageStyles } from './admin-styles.js';
import type { T } from './messages.js';
import { FormSubmit } from './page-state.js';
import type { Session, StaffUser } from './session.js';

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
  @state() private info = '';
  private readonly form = new FormSubmit(this);

  override render() {
    const t = this.t;
    return this.setupPending ? this.renderSetup(t) : this.renderLogin(t);
  }

  private renderLogin(t: T) {
    const f = this.form;
    return html`<form @submit=${this.onLogin} aria-label=${t('login')}>
      <h2>${t('login')}</h2>
      ${this.info ? html`<p class="ok">${this.info}</p>` : nothing} ${f.refused()}
      <div class="fields">
        ${f.field(t('username'), 'username', html`<input name="username" autocomplete="username" required />`)}
        ${f.field(
          t('password'),
          'password',
          html`<input name="password" type="password" autocomplete="current-password" required />`,
        )}
      </div>
      <p><button class="primary" type="submit" ?disabled=${f.busy}>${t('login')}</button></p>
    </form>`;
  }

  private renderSetup(t: T) {
    const f = this.form;
    return html`<form @submit=${this.onSetup} aria-label=${t('setupTitle')}>
      <h2>${t('setupTitle')}</h2>
      <p class="muted">${t('setupHint')}</p>
      ${f.refused()}
      <div class="fields">
        ${f.field(t('setupCode'), 'code', html`<input name="code" inputmode="numeric" required />`)}
        ${f.field(t('username'), 'username', html`<input name="username" value="admin" required />`)}
        ${f.field(t('displayName'), 'displayName', html`<input name="displayName" />`)}
        ${f.field(t('password'), 'password', html`<input name="password" type="password" required />`)}
      </div>
      <p><button class="primary" type="submit" ?disabled=${f.busy}>${t('create')}</button></p>
    </form>`;
  }

  private values(e: Event): Record<string, string> {
    e.preventDefault();
    return Object.fromEntries([...new FormData(e.target as HTMLFormElement)].map(([k, v]) => [k, String(v)]));
  }

  private async onLogin(e: Event) {
    const v = this.values(e);
    await this.form.run(async () => {
      const user = await this.session.login(v.username ?? '', v.password ?? '');
      fireEvent(this, 'signed-in', { user });
    });
  }

  private async onSetup(e: Event) {
    const v = this.values(e);
    await this.form.run(async () => {
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
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-login': AdminLogin;
  }
}
