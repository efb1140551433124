import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { FormSubmit, PageLoad } from './page-state.js';
import type { StaffUser } from './session.js';

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
  /** The account whose password is being reset. */
  @state() private resetting: StaffUser | null = null;
  private readonly loader = new PageLoad(this, async () => {
    this.users = (await this.ctx.session.call<{ users: StaffUser[] }>('/api/v1/users')).users;
  });
  /** The new-account form. */
  private readonly form = new FormSubmit(this);
  /** A row's role, disabled switch and delete button. */
  private readonly rows = new FormSubmit(this);
  /** The new-password form. */
  private readonly resetForm = new FormSubmit(this);

  override render() {
    const t = this.ctx.t;
    const f = this.form;
    return html`<h2>${t('navUsers')}</h2>
      ${this.loader.render(t)}
      <form @submit=${this.create} aria-label=${t('create')}>
        ${f.refused()}
        <div class="fields">
          ${f.field(t('username'), 'username', html`<input name="username" />`)}
          ${f.field(t('displayName'), 'displayName', html`<input name="displayName" />`)}
          ${f.field(t('staffNo'), 'staffNo', html`<input name="staffNo" />`)}
          ${f.field(t('password'), 'password', html`<input name="password" type="password" />`)}
          ${f.field(
            t('role'),
            'role',
            html`<select name="role">
              ${['clerk', 'supervisor', 'admin'].map((r) => html`<option value=${r}>${t(`r_${r}` as MessageKey)}</option>`)}
            </select>`,
          )}
          ${f.field(
            t('halls'),
            'hallIds',
            html`<select name="hallIds" multiple size="3">
              ${this.ctx.halls.map((h) => html`<option value=${h.id} ?selected=${h.id === this.ctx.hall.id}>${h.name}</option>`)}
            </select>`,
          )}
        </div>
        <p><button class="primary" type="submit" ?disabled=${f.busy}>${t('create')}</button></p>
      </form>
      ${this.rows.refused()}
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
                    <button @click=${() => ((this.resetting = u), this.resetForm.clear())}>
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
    const r = this.resetForm;
    if (!u && !r.doneText) return nothing;
    const t = this.ctx.t;
    return html`<form @submit=${this.reset} aria-label=${t('resetPassword')}>
      ${r.refused()}
      ${
        u
          ? html`<h3>${t('resetPassword')}：${u.displayName || u.username}</h3>
              <p class="muted">${t('resetHint')}</p>
              <div class="fields">
                ${r.field(t('newPassword'), 'password', html`<input name="password" type="password" autocomplete="new-password" />`)}
              </div>
              <p class="row">
                <button class="primary" type="submit" ?disabled=${r.busy}>${t('resetPassword')}</button>
                <button type="button" @click=${() => ((this.resetting = null), r.clear())}>
                  ${t('cancel')}
                </button>
              </p>`
          : nothing
      }
      ${r.done()}
    </form>`;
  }

  private async reset(ev: Event) {
    ev.preventDefault();
    const u = this.resetting;
    if (!u) return;
    const password = String(new FormData(ev.target as HTMLFormElement).get('password') ?? '');
    const ok = await this.resetForm.run(
      () =>
        this.ctx.session.call(`/api/v1/users/${encodeURIComponent(u.id)}`, {
          method: 'PATCH',
          body: { password },
        }),
      { done: this.ctx.t('passwordReset', { name: u.displayName || u.username }) },
    );
    if (!ok) return;
    // The hub ended every session of the account, this one too when it is yours: sign in again.
    if (u.id === this.ctx.session.user?.id) return location.reload();
    this.resetting = null;
  }

  private async deleteUser(u: StaffUser) {
    const t = this.ctx.t;
    if (!confirm(t('deleteConfirm', { name: u.displayName || u.username }))) return;
    const ok = await this.rows.run(
      () => this.ctx.session.call(`/api/v1/users/${encodeURIComponent(u.id)}`, { method: 'DELETE' }),
      { prefix: t('deleteRefused') },
    );
    if (ok && this.resetting?.id === u.id) this.resetting = null;
    await this.loader.reload();
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
    if (await this.form.run(() => this.ctx.session.call('/api/v1/users', { body }))) {
      form.reset();
      await this.loader.reload();
    }
  }

  private async patch(u: StaffUser, body: Record<string, unknown>) {
    await this.rows.run(() =>
      this.ctx.session.call(`/api/v1/users/${encodeURIComponent(u.id)}`, { method: 'PATCH', body }),
    );
    await this.loader.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'users-page': UsersPage;
  }
}
