import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { errorText, fieldErrors, type StaffUser } from './session.js';

/**
 * 人员: staff accounts, their role and halls. Disabling one, giving it a new
 * password (重置密码: the admin sets it and tells the person) or deleting it
 * ends its sessions and live connections at once (hub side). The hub keeps
 * at least one enabled admin and refuses to delete the signed-in account;
 * the page shows its reason.
 */
@customElement('users-page')
export class UsersPage extends LitElement {
  static override styles = pageStyles;

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private users: StaffUser[] = [];
  @state() private errors: Record<string, string> = {};
  @state() private error = '';
  @state() private refusal = '';
  /** The account whose password is being reset, with that form's own answer. */
  @state() private resetting: StaffUser | null = null;
  @state() private resetErrors: Record<string, string> = {};
  @state() private resetMessage: { ok: boolean; text: string } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.users = (await this.ctx.session.call<{ users: StaffUser[] }>('/api/v1/users')).users;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  override render() {
    const t = this.ctx.t;
    const e = this.errors;
    return html`<h2>${t('navUsers')}</h2>
      <form @submit=${this.create} aria-label=${t('create')}>
        <div class="fields">
          ${field(t('username'), 'username', html`<input name="username" />`, e)}
          ${field(t('displayName'), 'displayName', html`<input name="displayName" />`, e)}
          ${field(t('staffNo'), 'staffNo', html`<input name="staffNo" />`, e)}
          ${field(t('password'), 'password', html`<input name="password" type="password" />`, e)}
          ${field(
            t('role'),
            'role',
            html`<select name="role">
              ${['clerk', 'supervisor', 'admin'].map((r) => html`<option value=${r}>${t(`r_${r}` as MessageKey)}</option>`)}
            </select>`,
            e,
          )}
          ${field(
            t('halls'),
            'hallIds',
            html`<select name="hallIds" multiple size="3">
              ${this.ctx.halls.map((h) => html`<option value=${h.id} ?selected=${h.id === this.ctx.hall.id}>${h.name}</option>`)}
            </select>`,
            e,
          )}
        </div>
        <p><button class="primary" type="submit">${t('create')}</button></p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </form>
      ${this.refusal ? html`<p class="error" role="alert" data-refused>${this.refusal}</p>` : nothing}
      <table aria-label=${t('navUsers')}>
        <thead>
          <tr>
            <th>${t('username')}</th>
            <th>${t('displayName')}</th>
            <th>${t('staffNo')}</th>
            <th>${t('role')}</th>
            <th>${t('halls')}</th>
            <th>${t('disabled')}</th>
            <th>${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.users.map(
            (u) =>
              html`<tr data-user=${u.username}>
                <td>${u.username}</td>
                <td>${u.displayName}</td>
                <td>${u.staffNo}</td>
                <td>
                  <select
                    aria-label=${t('role')}
                    @change=${(ev: Event) => void this.patch(u, { role: (ev.target as HTMLSelectElement).value })}
                  >
                    ${['clerk', 'supervisor', 'admin'].map((r) => html`<option value=${r} ?selected=${r === u.role}>${t(`r_${r}` as MessageKey)}</option>`)}
                  </select>
                </td>
                <td>
                  ${u.hallIds.map((id) => this.ctx.halls.find((h) => h.id === id)?.name ?? id).join('、')}
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label=${t('disabled')}
                    .checked=${u.disabled}
                    @change=${(ev: Event) => void this.patch(u, { disabled: (ev.target as HTMLInputElement).checked })}
                  />
                </td>
                <td>
                  <div class="row">
                    <button
                      @click=${() => ((this.resetting = u), (this.resetErrors = {}), (this.resetMessage = null))}
                    >
                      ${t('resetPassword')}
                    </button>
                    <button class="danger" @click=${() => void this.deleteUser(u)}>${t('delete')}</button>
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${this.renderReset()}`;
  }

  private renderReset() {
    const u = this.resetting;
    const m = this.resetMessage;
    if (!u && !m) return nothing;
    const t = this.ctx.t;
    return html`<form @submit=${this.reset} aria-label=${t('resetPassword')}>
      ${
        u
          ? html`<h3>${t('resetPassword')}：${u.displayName || u.username}</h3>
              <p class="muted">${t('resetHint')}</p>
              <div class="fields">
                ${field(t('newPassword'), 'password', html`<input name="password" type="password" autocomplete="new-password" />`, this.resetErrors)}
              </div>
              <p class="row">
                <button class="primary" type="submit">${t('resetPassword')}</button>
                <button type="button" @click=${() => ((this.resetting = null), (this.resetMessage = null))}>
                  ${t('cancel')}
                </button>
              </p>`
          : nothing
      }
      ${m ? html`<p class=${m.ok ? 'ok' : 'error'} role=${m.ok ? 'status' : 'alert'}>${m.text}</p>` : nothing}
    </form>`;
  }

  private async reset(ev: Event) {
    ev.preventDefault();
    const u = this.resetting;
    if (!u) return;
    const password = String(new FormData(ev.target as HTMLFormElement).get('password') ?? '');
    this.resetErrors = {};
    this.resetMessage = null;
    try {
      await this.ctx.session.call(`/api/v1/users/${encodeURIComponent(u.id)}`, {
        method: 'PATCH',
        body: { password },
      });
      // The hub ended every session of the account, this one too when it is yours: sign in again.
      if (u.id === this.ctx.session.user?.id) return location.reload();
      this.resetting = null;
      this.resetMessage = {
        ok: true,
        text: this.ctx.t('passwordReset', { name: u.displayName || u.username }),
      };
    } catch (err) {
      this.resetErrors = fieldErrors(err);
      this.resetMessage = { ok: false, text: errorText(err) };
    }
  }

  private async deleteUser(u: StaffUser) {
    const t = this.ctx.t;
    if (!confirm(t('deleteConfirm', { name: u.displayName || u.username }))) return;
    this.refusal = '';
    try {
      await this.ctx.session.call(`/api/v1/users/${encodeURIComponent(u.id)}`, { method: 'DELETE' });
      if (this.resetting?.id === u.id) this.resetting = null;
    } catch (err) {
      this.refusal = `${t('deleteRefused')}${errorText(err)}`;
    }
    await this.load();
  }

  private async create(ev: Event) {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const fd = new FormData(form);
    const s = (k: string) => String(fd.get(k) ?? '');
    const body = {
      username: s('username'),
      password: s('password'),
      role: s('role'),
      hallIds: fd.getAll('hallIds').map(String),
      ...(s('displayName') ? { displayName: s('displayName') } : {}),
      ...(s('staffNo') ? { staffNo: s('staffNo') } : {}),
    };
    this.errors = {};
    this.error = '';
    try {
      await this.ctx.session.call('/api/v1/users', { body });
      form.reset();
      await this.load();
    } catch (err) {
      this.errors = fieldErrors(err);
      this.error = errorText(err);
    }
  }

  private async patch(u: StaffUser, body: Record<string, unknown>) {
    this.error = '';
    try {
      await this.ctx.session.call(`/api/v1/users/${encodeURIComponent(u.id)}`, { method: 'PATCH', body });
    } catch (err) {
      this.error = errorText(err);
    }
    await this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'users-page': UsersPage;
  }
}
