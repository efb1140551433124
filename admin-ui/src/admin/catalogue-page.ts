import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Service, ServiceList } from '@hall-queue/server/protocol';
import { ApiError } from '@hall-queue/ui-shared/api.js';
import type { FieldIssue } from '@hall-queue/ui-shared/refusals.js';
import { pageStyles } from './admin-styles.js';
import { errorsByLine, rowsFromCsv, rowsFromJson, type ImportRows } from './catalogue-import.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { FormSubmit, PageLoad } from './page-state.js';
import { errorText } from './session.js';
import './service-form.js';

/**
 * 事项目录: the hall's matters, adding and editing one, stopping one,
 * deleting one (the hub refuses while tickets or windows name it, and the
 * page shows why), and importing a file.
 */

@customElement('catalogue-page')
export class CataloguePage extends LitElement {
  static override styles = pageStyles;

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private services: Service[] = [];
  @state() private editing: Service | null = null;
  @state() private importResult:
    { ok: string } | { failed: { line: number | null; fields: string[] }[] } | null = null;
  private readonly loader = new PageLoad(this, async () => {
    this.services = (await this.ctx.session.call<ServiceList>(`${this.base}/services`)).services;
  });
  /** Stopping and deleting a matter from its row. */
  private readonly rows = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  override render() {
    const t = this.ctx.t;
    const r = this.importResult;
    return html`<h2>${t('navCatalogue')}</h2>
      ${this.loader.render(t)}
      <section class="card" aria-label=${t('importFile')}>
        <h3>${t('importFile')}</h3>
        <p class="muted">${t('importHint')}</p>
        <input
          type="file"
          name="import"
          aria-label=${t('importFile')}
          accept=".csv,.json,text/csv,application/json"
          @change=${this.onFile}
        />
        ${r && 'ok' in r ? html`<p class="ok" role="status" data-import="ok">${r.ok}</p>` : nothing}
        ${
          r && 'failed' in r
            ? html`<div role="alert" data-import="failed">
                <p class="error">${t('importFailed')}</p>
                <ul>
                  ${r.failed.map(
                    (f) =>
                      html`<li data-line=${f.line ?? ''}>
                        ${f.line !== null ? t('row', { n: f.line }) : t('importWholeFile')}：${f.fields.join('；')}
                      </li>`,
                  )}
                </ul>
              </div>`
            : nothing
        }
      </section>
      <service-form
        .service=${this.editing}
        @service-saved=${() => ((this.editing = null), void this.loader.reload())}
        @service-edit-done=${() => (this.editing = null)}
      ></service-form>
      ${this.rows.refused()}
      <table aria-label=${t('navCatalogue')}>
        <thead>
          <tr>
            <th>${t('code')}</th>
            <th>${t('name')}</th>
            <th>${t('domain')}</th>
            <th>${t('prefix')}</th>
            <th>${t('crossRegion')}</th>
            <th>${t('cannotHandle')}</th>
            <th>${t('dedicatedShort')}</th>
            <th class="num">${t('expectedMinutes')}</th>
            <th>${t('pinyin')}</th>
            <th class="num">${t('sortOrder')}</th>
            <th>${t('enabled')}</th>
            <th>${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.services.map(
            (s) =>
              html`<tr data-code=${s.code}>
                <td>${s.code}</td>
                <td>${s.name}</td>
                <td>${s.domain}</td>
                <td>${s.prefix}</td>
                <td>${s.crossRegion ? '✓' : ''}</td>
                <td>${s.cannotHandle ? '✓' : ''}</td>
                <td>${s.dedicated ? '✓' : ''}</td>
                <td class="num">${s.expectedMinutes}</td>
                <td>${s.pinyin}</td>
                <td class="num">${s.sortOrder}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label=${t('enabled')}
                    .checked=${s.enabled}
                    @change=${(e: Event) => void this.toggle(s, (e.target as HTMLInputElement).checked)}
                  />
                </td>
                <td>
                  <div class="row">
                    <button @click=${() => ((this.editing = s), this.rows.clear())}>${t('edit')}</button>
                    <button class="danger" @click=${() => void this.deleteService(s)}>${t('delete')}</button>
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  }

  /** A matter with tickets or named on a window stays; the hub's reason is shown above the table. */
  private async deleteService(s: Service) {
    const t = this.ctx.t;
    if (!confirm(t('deleteConfirm', { name: `${s.code} ${s.name}` }))) return;
    const ok = await this.rows.run(
      () => this.ctx.session.call(`${this.base}/services/${encodeURIComponent(s.id)}`, { method: 'DELETE' }),
      { prefix: t('deleteRefused') },
    );
    if (ok && this.editing?.id === s.id) this.editing = null;
    await this.loader.reload();
  }

  private async toggle(s: Service, enabled: boolean) {
    await this.rows.run(() =>
      this.ctx.session.call(`${this.base}/services/${encodeURIComponent(s.id)}`, {
        method: 'PATCH',
        body: { enabled },
      }),
    );
    await this.loader.reload();
  }

  private async onFile(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const t = this.ctx.t;
    const text = await file.text();
    let rows: ImportRows;
    let config: Record<string, unknown> | undefined;
    try {
      if (
        /\.json$/i.test(file.name) ||
        text.trimStart().startsWith('{') ||
        text.trimStart().startsWith('[')
      ) {
        ({ config, rows } = rowsFromJson(text));
      } else rows = rowsFromCsv(text);
    } catch {
      // The browser's parser speaks English: the screen says only that the file cannot be read.
      this.importResult = { failed: [{ line: null, fields: [t('importUnreadable')] }] };
      input.value = '';
      return;
    }
    try {
      // Only matters change: the hall as it is, and no windows (the import keeps what a file lacks).
      const current = config ?? (await this.ctx.session.call<Record<string, unknown>>(`${this.base}/config`));
      const body = config ?? {
        format: current.format,
        version: current.version,
        hall: current.hall,
        services: rows.services,
        windows: [],
      };
      const res = await this.ctx.session.call<{ services: { created: number; updated: number } }>(
        `${this.base}/config`,
        {
          method: 'PUT',
          body,
        },
      );
      this.importResult = {
        ok: t('importOk', { created: res.services.created, updated: res.services.updated }),
      };
      await this.loader.reload();
    } catch (err) {
      const list = err instanceof ApiError ? (err.errors as FieldIssue[]) : [];
      this.importResult = {
        failed: list.length
          ? errorsByLine(list, rows.lines, this.ctx.lang)
          : [{ line: null, fields: [errorText(err)] }],
      };
    } finally {
      input.value = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'catalogue-page': CataloguePage;
  }
}
