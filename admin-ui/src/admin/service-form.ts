import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { consume } from '@lit/context';
import type { Service } from '@hall-queue/server/protocol';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { FormSubmit } from './page-state.js';

/** A matter as the hub lists it (`GET …/services`). */
export type { Service };

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'service-saved': { service: Service };
    'service-edit-done': undefined;
  }
}

/**
 * Adding or editing one matter: every field the hub keeps. 专窗 (dedicated)
 * has a third choice when adding, "as the hub decides": the hub then makes
 * cross-region and 办不成事 matters dedicated, since those have their own
 * windows. Each field shows the hub's error for it.
 */
@customElement('service-form')
export class ServiceForm extends LitElement {
  static override styles = pageStyles;

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  /** The matter being edited, or null to add one. */
  @property({ attribute: false }) service: Service | null = null;
  /** A fresh form after each save, so the inputs start from the defaults again. */
  @state() private generation = 0;
  private readonly form = new FormSubmit(this);

  override willUpdate(changed: Map<string, unknown>) {
    // Another matter chosen: the refusal was about the previous one; a "saved" stays.
    if (changed.has('service') && this.form.refusal) this.form.clear();
  }

  override render() {
    const t = this.ctx.t;
    const s = this.service;
    const f = this.form;
    const title = s ? `${t('editService')} ${s.code} · ${s.name}` : t('create');
    const dedicated = s ? String(s.dedicated) : '';
    const form = html`<form @submit=${this.save} aria-label=${s ? t('editService') : t('create')}>
      <h3>${title}</h3>
      ${f.refused()}
      <div class="fields">
        ${f.field(t('code'), 'code', html`<input name="code" .value=${s?.code ?? ''} />`)}
        ${f.field(t('name'), 'name', html`<input name="name" .value=${s?.name ?? ''} />`)}
        ${f.field(t('domain'), 'domain', html`<input name="domain" .value=${s?.domain ?? ''} />`)}
        ${f.field(t('prefix'), 'prefix', html`<input name="prefix" size="4" .value=${s?.prefix ?? ''} />`)}
        ${f.field(t('expectedMinutes'), 'expectedMinutes', html`<input name="expectedMinutes" type="number" .value=${String(s?.expectedMinutes ?? 10)} />`)}
        ${f.field(t('pinyin'), 'pinyin', html`<input name="pinyin" .value=${s?.pinyin ?? ''} />`)}
        ${f.field(t('sortOrder'), 'sortOrder', html`<input name="sortOrder" type="number" .value=${String(s?.sortOrder ?? 0)} />`)}
        ${f.field(
          t('dedicated'),
          'dedicated',
          html`<select name="dedicated">
            ${s ? nothing : html`<option value="" selected>${t('dedicatedAuto')}</option>`}
            <option value="true" ?selected=${dedicated === 'true'}>${t('yes')}</option>
            <option value="false" ?selected=${dedicated === 'false'}>${t('no')}</option>
          </select>`,
        )}
      </div>
      <div class="fields">
        <label class="check"
          ><input
            type="checkbox"
            name="crossRegion"
            .checked=${s?.crossRegion ?? false}
          />${t('crossRegion')}</label
        >
        <label class="check"
          ><input
            type="checkbox"
            name="cannotHandle"
            .checked=${s?.cannotHandle ?? false}
          />${t('cannotHandle')}</label
        >
        <label class="check"
          ><input type="checkbox" name="enabled" .checked=${s?.enabled ?? true} />${t('enabled')}</label
        >
      </div>
      <p class="row">
        <button class="primary" type="submit" ?disabled=${f.busy}>${s ? t('save') : t('create')}</button>
        ${s ? html`<button type="button" @click=${this.done}>${t('cancel')}</button>` : nothing} ${f.done()}
      </p>
    </form>`;
    return keyed(`${s?.id ?? 'new'}-${this.generation}`, form);
  }

  private body(fd: FormData) {
    const text = (k: string) => String(fd.get(k) ?? '').trim();
    const dedicated = text('dedicated');
    return {
      code: text('code'),
      name: text('name'),
      domain: text('domain'),
      prefix: text('prefix'),
      expectedMinutes: Number(text('expectedMinutes')),
      pinyin: text('pinyin'),
      sortOrder: Number(text('sortOrder')),
      crossRegion: fd.get('crossRegion') === 'on',
      cannotHandle: fd.get('cannotHandle') === 'on',
      enabled: fd.get('enabled') === 'on',
      ...(dedicated ? { dedicated: dedicated === 'true' } : {}),
    };
  }

  private async save(ev: Event) {
    ev.preventDefault();
    const body = this.body(new FormData(ev.target as HTMLFormElement));
    const base = `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}/services`;
    const editing = this.service;
    const answer: { service?: Service } = {};
    const ok = await this.form.run(
      async () => {
        ({ service: answer.service } = editing
          ? await this.ctx.session.call<{ service: Service }>(`${base}/${encodeURIComponent(editing.id)}`, {
              method: 'PATCH',
              body,
            })
          : await this.ctx.session.call<{ service: Service }>(base, { body }));
      },
      { done: this.ctx.t('saved') },
    );
    if (!ok || !answer.service) return;
    this.generation += 1;
    fireEvent(this, 'service-saved', { service: answer.service });
  }

  private done() {
    fireEvent(this, 'service-edit-done', undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-form': ServiceForm;
  }
}
