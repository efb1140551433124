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
import { field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import type { MessageKey } from './messages.js';
import { parseSpans, spansText, weeklyFields, weeklyFromForm, type Span } from './opening-hours.js';
import { errorText, fieldErrors } from './session.js';
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
  @state() private errors: Record<string, string> = {};
  @state() private message: { part: string; ok: boolean; text: string } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  private async load() {
    const s = this.ctx.session;
    const [h, ev, rc] = await Promise.all([
      s.call<{ hall: Hall }>(this.base),
      s.call<{ acceptMinutes: number; qrAcceptMinutes: number }>(`${this.base}/evaluation-settings`),
      s.call<{ settings: { deadlineWorkingDays: number } }>(`${this.base}/rectification-settings`),
    ]);
    this.hall = h.hall;
    this.evaluation = ev;
    this.deadline = rc.settings.deadlineWorkingDays;
  }

  override render() {
    const t = this.ctx.t;
    const h = this.hall;
    if (!h) return html`<p>${t('loading')}</p>`;
    const e = this.errors;
    const msg = (part: string) =>
      this.message?.part === part
        ? html`<span class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</span>`
        : nothing;
    const special = Object.entries(h.calendar.special)
      .map(([day, spans]) => `${day} ${spansText(spans)}`)
      .join('\n');
    return html`<h2>${t('navHall')}</h2>
      <form @submit=${this.saveHall} aria-label=${t('navHall')}>
        <div class="fields">
          ${field(t('name'), 'name', html`<input name="name" .value=${h.name} />`, e)}
          ${field(
            t('hallLevel'),
            'level',
            html`<select name="level">
              ${['city', 'county', 'township', 'village'].map((l) => html`<option value=${l} ?selected=${l === h.level}>${t(`lv_${l}` as MessageKey)}</option>`)}
            </select>`,
            e,
          )}
          ${field(t('timeZone'), 'timeZone', html`<input name="timeZone" .value=${h.timeZone} />`, e)}
        </div>
        <h3>${t('weekly')}</h3>
        <p class="muted">${t('spansHint')}</p>
        ${weeklyFields(t, h.calendar.weekly, e)}
        <div class="fields">
          ${field(t('holidays'), 'calendar.holidays', html`<textarea name="holidays" .value=${h.calendar.holidays.join('\n')}></textarea>`, e)}
          ${field(t('special'), 'calendar.special', html`<textarea name="special" .value=${special}></textarea>`, e)}
        </div>
        <h3>${t('rules')}</h3>
        <h3>${t('headStarts')}</h3>
        <div class="fields">
          ${HEAD_STARTS.map((k) =>
            field(
              t(`hs_${k}` as MessageKey),
              `rules.headStarts.${k}`,
              html`<input name="hs_${k}" type="number" .value=${String(h.rules.headStarts[k] ?? 0)} />`,
              e,
            ),
          )}
        </div>
        <div class="fields">
          ${RULES.map((k) => field(t(k), `rules.${k}`, html`<input name=${k} type="number" .value=${String(h.rules[k])} />`, e))}
        </div>
        <h3>${t('priorityCategories')}</h3>
        <p class="muted">${t('priorityCategoriesHint')}</p>
        <div class="fields">
          ${PRIORITY_CATEGORIES.map((k) =>
            field(
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
              e,
            ),
          )}
        </div>
        ${e['rules.priorityCategories'] ? html`<p class="field-error" role="alert">${e['rules.priorityCategories']}</p>` : nothing}
        <p class="row"><button class="primary" type="submit">${t('save')}</button>${msg('hall')}</p>
      </form>
      <form @submit=${this.saveEvaluation} aria-label=${t('acceptMinutes')}>
        <div class="fields">
          ${field(t('acceptMinutes'), 'acceptMinutes', html`<input name="acceptMinutes" type="number" .value=${String(this.evaluation.acceptMinutes)} />`, e)}
          ${field(t('deadlineWorkingDays'), 'deadlineWorkingDays', html`<input name="deadlineWorkingDays" type="number" .value=${String(this.deadline)} />`, e)}
        </div>
        <p class="row"><button class="primary" type="submit">${t('save')}</button>${msg('ratings')}</p>
      </form>
      <section class="card" aria-label=${t('deleteHall')}>
        <h3>${t('deleteHall')}</h3>
        <p class="muted">${t('deleteHallHint')}</p>
        <p class="row">
          <button class="danger" type="button" @click=${this.deleteHall}>${t('deleteHall')}</button
          >${msg('delete')}
        </p>
      </section>
      <hall-create .session=${this.ctx.session} .t=${t}></hall-create>`;
  }

  /** Only an empty hall goes; the hub's refusal (bookings to come, or matters, windows, devices, tickets or bookings left) is shown as it is. */
  private async deleteHall() {
    const hall = this.ctx.hall;
    if (!confirm(this.ctx.t('deleteConfirm', { name: hall.name }))) return;
    this.message = null;
    try {
      await this.ctx.session.call(this.base, { method: 'DELETE' });
      fireEvent(this, 'hall-deleted', { hallId: hall.id });
    } catch (err) {
      this.message = { part: 'delete', ok: false, text: `${this.ctx.t('deleteRefused')}${errorText(err)}` };
    }
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
    await this.attempt('hall', async () => {
      this.hall = (await this.ctx.session.call<{ hall: Hall }>(this.base, { method: 'PATCH', body })).hall;
    });
  }

  private async saveEvaluation(ev: Event) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    await this.attempt('ratings', async () => {
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
    });
  }

  private async attempt(part: string, work: () => Promise<void>) {
    this.errors = {};
    this.message = null;
    try {
      await work();
      this.message = { part, ok: true, text: this.ctx.t('saved') };
    } catch (err) {
      this.errors = fieldErrors(err);
      this.message = { part, ok: false, text: errorText(err) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-page': HallPage;
  }
}
