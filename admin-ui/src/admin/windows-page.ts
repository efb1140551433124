import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { consume } from '@lit/context';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { FormSubmit, PageLoad } from './page-state.js';

/**
 * 窗口: number, name, kind, areas or matters served, overflow, and who may
 * work it; deleting one (the hub refuses while a citizen is at it, a ticket
 * is held there or a device is bound to it, and the page shows why).
 */
interface Win {
  id: string;
  number: number;
  name: string;
  kind: string;
  domains: string[];
  serviceIds: string[];
  overflow: boolean;
  clerkIds: string[];
  state: string;
}

const KINDS = ['comprehensive', 'domain', 'assisted', 'cross_region', 'cannot_handle', 'green_channel'];

@customElement('windows-page')
export class WindowsPage extends LitElement {
  static override styles = pageStyles;

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private windows: Win[] = [];
  @state() private services: { id: string; code: string; name: string }[] = [];
  @state() private people: { id: string; displayName: string; role: string }[] = [];
  @state() private editing: Win | null = null;
  private readonly loader = new PageLoad(this, async () => {
    const s = this.ctx.session;
    const [w, sv, p] = await Promise.all([
      s.call<{ windows: Win[] }>(`${this.base}/windows`),
      s.call<{ services: { id: string; code: string; name: string }[] }>(`${this.base}/services`),
      s.call<{ people: { id: string; displayName: string; role: string }[] }>(`${this.base}/people`),
    ]);
    this.windows = w.windows;
    this.services = sv.services;
    this.people = p.people.filter((x) => x.role !== 'admin');
  });
  private readonly form = new FormSubmit(this);
  /** Deleting a window from its row. */
  private readonly rows = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  override render() {
    const t = this.ctx.t;
    const w = this.editing;
    const f = this.form;
    // A new form for each window edited: a form kept across windows keeps what the browser
    // holds as chosen (kind, areas, matters) for the previous one, and would save it.
    return html`<h2>${t('navWindows')}</h2>
      ${this.loader.render(t)}
      ${keyed(
        w?.id ?? 'new',
        html`<form @submit=${this.save} aria-label=${w ? t('edit') : t('create')}>
          <h3>${w ? `${t('edit')} ${w.number} · ${w.name}` : t('create')}</h3>
          ${f.refused()}
          <div class="fields">
            ${f.field(t('number'), 'number', html`<input name="number" type="number" .value=${w ? String(w.number) : ''} />`)}
            ${f.field(t('name'), 'name', html`<input name="name" .value=${w?.name ?? ''} />`)}
            ${f.field(
              t('kind'),
              'kind',
              html`<select name="kind">
                ${KINDS.map((k) => html`<option value=${k} ?selected=${k === (w?.kind ?? 'comprehensive')}>${t(`k_${k}` as MessageKey)}</option>`)}
              </select>`,
            )}
            ${f.field(t('domains'), 'domains', html`<input name="domains" .value=${w?.domains.join(',') ?? ''} />`)}
            ${f.field(
              t('services'),
              'serviceIds',
              html`<select name="serviceIds" multiple size="4">
                ${this.services.map((s) => html`<option value=${s.id} ?selected=${w?.serviceIds.includes(s.id) ?? false}>${s.code} ${s.name}</option>`)}
              </select>`,
            )}
            ${f.field(
              t('clerks'),
              'clerkIds',
              html`<select name="clerkIds" multiple size="4">
                ${this.people.map((p) => html`<option value=${p.id} ?selected=${w?.clerkIds.includes(p.id) ?? false}>${p.displayName}</option>`)}
              </select>`,
            )}
            <label class="check"
              ><input
                type="checkbox"
                name="overflow"
                .checked=${w?.overflow ?? false}
              />${t('overflow')}</label
            >
          </div>
          <p class="row">
            <button class="primary" type="submit" ?disabled=${f.busy}>${t('save')}</button>
            ${w ? html`<button type="button" @click=${() => ((this.editing = null), f.clear())}>${t('cancel')}</button>` : nothing}
            ${f.done()}
          </p>
        </form>`,
      )}
      ${this.rows.refused()}
      <table aria-label=${t('navWindows')}>
        <thead>
          <tr>
            <th>${t('number')}</th>
            <th>${t('name')}</th>
            <th>${t('kind')}</th>
            <th>${t('domains')}</th>
            <th>${t('overflow')}</th>
            <th>${t('clerks')}</th>
            <th>${t('state')}</th>
            <th>${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.windows.map(
            (x) =>
              html`<tr data-window=${x.number}>
                <td>${x.number}</td>
                <td>${x.name}</td>
                <td>${t(`k_${x.kind}` as MessageKey)}</td>
                <td>${x.domains.join('、')}</td>
                <td>${x.overflow ? '✓' : ''}</td>
                <td>
                  ${x.clerkIds.map((id) => this.people.find((p) => p.id === id)?.displayName ?? id).join('、')}
                </td>
                <td>${t(`st_${x.state}` as MessageKey)}</td>
                <td>
                  <div class="row">
                    <button @click=${() => ((this.editing = x), f.clear())}>${t('edit')}</button>
                    <button class="danger" @click=${() => void this.deleteWindow(x)}>${t('delete')}</button>
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private async deleteWindow(w: Win) {
    const t = this.ctx.t;
    if (!confirm(t('deleteConfirm', { name: `${w.number} · ${w.name}` }))) return;
    this.form.clear();
    const ok = await this.rows.run(
      () => this.ctx.session.call(`${this.base}/windows/${encodeURIComponent(w.id)}`, { method: 'DELETE' }),
      { prefix: t('deleteRefused') },
    );
    if (ok && this.editing?.id === w.id) this.editing = null;
    await this.loader.reload();
  }

  private async save(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const fd = new FormData(form);
    const domains = String(fd.get('domains') ?? '')
      .split(/[,，、]/)
      .map((d) => d.trim())
      .filter(Boolean);
    const body = {
      number: Number(fd.get('number')),
      name: String(fd.get('name') ?? ''),
      kind: String(fd.get('kind')),
      domains,
      serviceIds: fd.getAll('serviceIds').map(String),
      clerkIds: fd.getAll('clerkIds').map(String),
      overflow: fd.get('overflow') === 'on',
    };
    const editing = this.editing;
    const ok = await this.form.run(
      () =>
        editing
          ? this.ctx.session.call(`${this.base}/windows/${encodeURIComponent(editing.id)}`, {
              method: 'PATCH',
              body,
            })
          : this.ctx.session.call(`${this.base}/windows`, { body }),
      { done: this.ctx.t('saved') },
    );
    if (!ok) return;
    if (!editing) form.reset();
    this.editing = null;
    await this.loader.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'windows-page': WindowsPage;
  }
}
