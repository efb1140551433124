import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { errorText, fieldErrors, type StaffUser } from './session.js';

/** 人员: staff accounts, their role and halls; disabling one ends its sessions at once (hub side). */
@customElement('users-page')
export class UsersPage extends LitElement {
  static override styles = pageStyles;

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private users: StaffUser[] = [];
  @state() private errors: Record<string, string> = {};
  @state() private error = '';

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
      <table aria-label=${t('navUsers')}>
        <thead>
          <tr>
            <th>${t('username')}</th>
            <th>${t('displayName')}</th>
            <th>${t('staffNo')}</th>
            <th>${t('role')}</th>
            <th>${t('halls')}</th>
            <th>${t('disabled')}</th>
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
              </tr>`,
          )}
        </tbody>
      </table>`;
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
