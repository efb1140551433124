import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import {
  PRIORITY_CATEGORIES,
  defaultPriorityCategories,
  type Hall,
  type HeadStarts,
  type PriorityCategory,
  type PriorityDeclarer,
} from '@hall-queue/server/protocol';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import type { MessageKey } from './messages.js';
import { parseSpans, spansText, weeklyFields, weeklyFromForm, type Span } from './opening-hours.js';
import { FormSubmit, PageLoad } from './page-state.js';
import './hall-create.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'hall-deleted': { hallId: string };
  }
}

/**
 * 大厅设置: name, level, time zone, the calendar (weekly hours, holidays,
 * special days and 延时服务), queue rules (head starts, recall limit, no-show
 * re-activation, double-press window), the rating window and the 差评
 * deadline. Each part is saved by its own route and shows its own errors.
 * Below them: another hall can be created, and this one deleted while it is
 * still empty (the hub says what keeps it).
 */
/** 老幼病残孕军 declared at the kiosk; key projects and urgent matters given by staff (the hub's default). */
const DEFAULT_DECLARERS = new Map(defaultPriorityCategories().map((r) => [r.category, r.declaredBy]));

function declaredBy(h: Hall, category: PriorityCategory): PriorityDeclarer | 'off' {
  const list = h.rules.priorityCategories;
  if (!list) return DEFAULT_DECLARERS.get(category) ?? 'off';
  return list.find((r) => r.category === category)?.declaredBy ?? 'off';
}

const HEAD_STARTS: (keyof HeadStarts)[] = [
  'urgent',
  'key_project',
  'elderly',
  'child',
  'sick',
  'disabled',
  'pregnant',
  'military',
  'appointment',
];
const RULES = ['recallLimit', 'noShowReactivateMinutes', 'reentryBehind', 'idempotencyMs'] as const;

@customElement('hall-page')
export class HallPage extends LitElement {
  static override styles = pageStyles;

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private hall: Hall | null = null;
  @state() private evaluation = { acceptMinutes: 10, qrAcceptMinutes: 1440 };
  @state() private deadline = 5;
  private readonly loader = new PageLoad(this, async () => {
    const s = this.ctx.session;
    const [h, ev, rc] = await Promise.all([
      s.call<{ hall: Hall }>(this.base),
      s.call<{ acceptMinutes: number; qrAcceptMinutes: number }>(`${this.base}/evaluation-settings`),
      s.call<{ settings: { deadlineWorkingDays: number } }>(`${this.base}/rectification-settings`),
    ]);
    this.hall = h.hall;
    this.evaluation = ev;
    this.deadline = rc.settings.deadlineWorkingDays;
  });
  /** The hall form (part `hall`), the ratings form (`ratings`) and deleting the hall (`delete`). */
  private readonly form = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  override render() {
    const t = this.ctx.t;
    const h = this.hall;
    if (!h) return this.loader.render(t);
    const f = this.form;
    const e = f.errorsOf('hall');
    const special = Object.entries(h.calendar.special)
      .map(([day, spans]) => `${day} ${spansText(spans)}`)
      .join('\n');
    return html`<h2>${t('navHall')}</h2>
      ${this.loader.render(t)}
      <form @submit=${this.saveHall} aria-label=${t('navHall')}>
        ${f.refused('hall')}
        <div class="fields">
          ${f.field(t('name'), 'name', html`<input name="name" .value=${h.name} />`, 'hall')}
          ${f.field(
            t('hallLevel'),
            'level',
            html`<select name="level">
              ${['city', 'county', 'township', 'village'].map((l) => html`<option value=${l} ?selected=${l === h.level}>${t(`lv_${l}` as MessageKey)}</option>`)}
            </select>`,
            'hall',
          )}
          ${f.field(t('timeZone'), 'timeZone', html`<input name="timeZone" .value=${h.timeZone} />`, 'hall')}
        </div>
        <h3>${t('weekly')}</h3>
        <p class="muted">${t('spansHint')}</p>
        ${weeklyFields(t, h.calendar.weekly, e)}
        <div class="fields">
          ${f.field(t('holidays'), 'calendar.holidays', html`<textarea name="holidays" .value=${h.calendar.holidays.join('\n')}></textarea>`, 'hall')}
          ${f.field(t('special'), 'calendar.special', html`<textarea name="special" .value=${special}></textarea>`, 'hall')}
        </div>
        <h3>${t('rules')}</h3>
        <h3>${t('headStarts')}</h3>
        <div class="fields">
          ${HEAD_STARTS.map((k) =>
            f.field(
              t(`hs_${k}` as MessageKey),
              `rules.headStarts.${k}`,
              html`<input name="hs_${k}" type="number" .value=${String(h.rules.headStarts[k] ?? 0)} />`,
              'hall',
            ),
          )}
        </div>
        <div class="fields">
          ${RULES.map((k) => f.field(t(k), `rules.${k}`, html`<input name=${k} type="number" .value=${String(h.rules[k])} />`, 'hall'))}
        </div>
        <h3>${t('priorityCategories')}</h3>
        <p class="muted">${t('priorityCategoriesHint')}</p>
        <div class="fields">
          ${PRIORITY_CATEGORIES.map((k) =>
            f.field(
              t(`hs_${k}` as MessageKey),
              `rules.priorityCategories.${k}`,
              html`<select name="pc_${k}">
                ${(['citizen', 'staff', 'off'] as const).map(
                  (v) =>
                    html`<option value=${v} ?selected=${declaredBy(h, k) === v}>
                      ${t(`pc_${v}` as MessageKey)}
                    </option>`,
                )}
              </select>`,
              'hall',
            ),
          )}
        </div>
        ${e['rules.priorityCategories'] ? html`<p class="field-error" role="alert">${e['rules.priorityCategories']}</p>` : nothing}
        <p class="row">
          <button class="primary" type="submit" ?disabled=${f.busy}>${t('save')}</button>${f.done('hall')}
        </p>
      </form>
      <form @submit=${this.saveEvaluation} aria-label=${t('acceptMinutes')}>
        ${f.refused('ratings')}
        <div class="fields">
          ${f.field(t('acceptMinutes'), 'acceptMinutes', html`<input name="acceptMinutes" type="number" .value=${String(this.evaluation.acceptMinutes)} />`, 'ratings')}
          ${f.field(t('deadlineWorkingDays'), 'deadlineWorkingDays', html`<input name="deadlineWorkingDays" type="number" .value=${String(this.deadline)} />`, 'ratings')}
        </div>
        <p class="row">
          <button class="primary" type="submit" ?disabled=${f.busy}>${t('save')}</button>${f.done('ratings')}
        </p>
      </form>
      <section class="card" aria-label=${t('deleteHall')}>
        <h3>${t('deleteHall')}</h3>
        ${f.refused('delete')}
        <p class="muted">${t('deleteHallHint')}</p>
        <p class="row">
          <button class="danger" type="button" ?disabled=${f.busy} @click=${this.deleteHall}>
            ${t('deleteHall')}
          </button>
        </p>
      </section>
      <hall-create .session=${this.ctx.session} .t=${t}></hall-create>`;
  }

  /** Only an empty hall goes; the hub's refusal (bookings to come, or matters, windows, devices, tickets or bookings left) is shown as it is. */
  private async deleteHall() {
    const hall = this.ctx.hall;
    if (!confirm(this.ctx.t('deleteConfirm', { name: hall.name }))) return;
    const ok = await this.form.run(() => this.ctx.session.call(this.base, { method: 'DELETE' }), {
      part: 'delete',
      prefix: this.ctx.t('deleteRefused'),
    });
    if (ok) fireEvent(this, 'hall-deleted', { hallId: hall.id });
  }

  private async saveHall(ev: Event) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    const get = (k: string) => String(fd.get(k) ?? '');
    const special: Record<string, Span[]> = {};
    for (const line of get('special')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const [day = '', ...rest] = line.split(/\s+/);
      special[day] = parseSpans(rest.join(' '));
    }
    const body = {
      name: get('name'),
      level: get('level'),
      timeZone: get('timeZone'),
      calendar: {
        weekly: weeklyFromForm(fd),
        holidays: get('holidays')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
        special,
      },
      rules: {
        headStarts: Object.fromEntries(HEAD_STARTS.map((k) => [k, Number(get(`hs_${k}`))])),
        ...Object.fromEntries(RULES.map((k) => [k, Number(get(k))])),
        priorityCategories: PRIORITY_CATEGORIES.flatMap((category) => {
          const by = get(`pc_${category}`);
          return by === 'citizen' || by === 'staff' ? [{ category, declaredBy: by }] : [];
        }),
      },
    };
    await this.form.run(
      async () => {
        this.hall = (await this.ctx.session.call<{ hall: Hall }>(this.base, { method: 'PATCH', body })).hall;
      },
      { part: 'hall', done: this.ctx.t('saved') },
    );
  }

  private async saveEvaluation(ev: Event) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    await this.form.run(
      async () => {
        this.evaluation = await this.ctx.session.call(`${this.base}/evaluation-settings`, {
          method: 'PUT',
          body: {
            acceptMinutes: Number(fd.get('acceptMinutes')),
            qrAcceptMinutes: this.evaluation.qrAcceptMinutes,
          },
        });
        await this.ctx.session.call(`${this.base}/rectification-settings`, {
          method: 'PUT',
          body: { deadlineWorkingDays: Number(fd.get('deadlineWorkingDays')) },
        });
      },
      { part: 'ratings', done: this.ctx.t('saved') },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-page': HallPage;
  }
}
