import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type {
  AppointmentPreview,
  AppointmentSettings,
  IdentityFieldMode,
  ServiceAppointmentSettings,
  SlotMinutes,
} from '@hall-queue/server/protocol';
import { field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { FormSubmit, PageLoad } from './page-state.js';

/**
 * 预约设置: whether the hall takes bookings, the booked share of each hour
 * (so walk-ins keep their room), the booking and check-in windows, the
 * personal data asked and kept, how long before the slot the reminder text
 * goes out (empty: the hub's setting), and per matter the slot length and
 * capacity. The preview shows the next two weeks of one matter as the hub
 * cuts them from the hall calendar, for the settings being edited before
 * they are saved. The hub checks every value; its refusals show at their
 * fields.
 */
type Num =
  'maxBookedShare' | 'horizonDays' | 'minLeadMinutes' | 'earlyMinutes' | 'lateMinutes' | 'purgeAfterDays';
const NUMS: { key: Num; label: MessageKey; step: string }[] = [
  { key: 'maxBookedShare', label: 'apMaxShare', step: '0.05' },
  { key: 'horizonDays', label: 'apHorizon', step: '1' },
  { key: 'minLeadMinutes', label: 'apMinLead', step: '1' },
  { key: 'earlyMinutes', label: 'apEarly', step: '1' },
  { key: 'lateMinutes', label: 'apLate', step: '1' },
  { key: 'purgeAfterDays', label: 'apPurge', step: '1' },
];
const MODES: IdentityFieldMode[] = ['off', 'optional', 'required'];

interface Matter {
  id: string;
  code: string;
  name: string;
}

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

@customElement('appointments-page')
export class AppointmentsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .slots {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-1) var(--space-3);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      td input[type='number'] {
        width: 6em;
      }
    `,
  ];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private draft: AppointmentSettings | null = null;
  @state() private matters: Matter[] = [];
  @state() private previewId = '';
  @state() private preview: AppointmentPreview | null = null;
  @state() private previewDraft = false;
  private readonly loader = new PageLoad(this, async () => {
    const s = this.ctx.session;
    const [settings, sv] = await Promise.all([
      s.call<AppointmentSettings>(`${this.base}/appointment-settings`),
      s.call<{ services: Matter[] }>(`${this.base}/services`),
    ]);
    this.matters = sv.services;
    // Every matter of the hall gets a row; one never set is off, 30 minutes, 4 a slot (the hub's default).
    const services = sv.services.map(
      (m): ServiceAppointmentSettings =>
        settings.services.find((x) => x.serviceId === m.id) ?? {
          serviceId: m.id,
          enabled: false,
          slotMinutes: 30,
          capacityPerSlot: 4,
        },
    );
    this.draft = { ...settings, services };
    if (!this.previewId && sv.services[0]) this.previewId = sv.services[0].id;
    await this.runPreview(false);
  });
  private readonly form = new FormSubmit(this);
  /** The preview is asked of the hub too: a value it refuses is shown at its field of the form. */
  private readonly previewing = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  private get errors(): Record<string, string> {
    return { ...this.previewing.errors, ...this.form.errors };
  }

  private edit(patch: Partial<AppointmentSettings>) {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...patch };
    this.form.doneText = '';
  }

  private editService(i: number, patch: Partial<ServiceAppointmentSettings>) {
    if (!this.draft) return;
    const services = this.draft.services.map((s, n) => (n === i ? { ...s, ...patch } : s));
    this.edit({ services });
  }

  override render() {
    const t = this.ctx.t;
    const d = this.draft;
    if (!d)
      return html`<h2>${t('navAppointments')}</h2>
        ${this.loader.render(t)}`;
    return html`<h2>${t('navAppointments')}</h2>
      ${this.loader.render(t)}
      <p class="muted">${t('apHint')}</p>
      <form @submit=${this.save} aria-label=${t('navAppointments')} novalidate>
        ${this.form.refused()}
        <h3>${t('apHallWide')}</h3>
        <div class="fields">
          <label class="check" data-field="enabled"
            ><input
              type="checkbox"
              name="enabled"
              .checked=${d.enabled}
              @change=${(e: Event) => this.edit({ enabled: (e.target as HTMLInputElement).checked })}
            />${t('apEnabled')}</label
          >
          ${NUMS.map((n) =>
            field(
              t(n.label),
              n.key,
              html`<input
                name=${n.key}
                type="number"
                step=${n.step}
                .value=${String(d[n.key])}
                @input=${(e: Event) => this.edit({ [n.key]: Number((e.target as HTMLInputElement).value) })}
              />`,
              this.errors,
            ),
          )}
          ${field(
            t('apReminderLead'),
            'reminderLeadMinutes',
            html`<input
              name="reminderLeadMinutes"
              type="number"
              step="1"
              placeholder=${t('apReminderLeadHint')}
              .value=${d.reminderLeadMinutes === null ? '' : String(d.reminderLeadMinutes)}
              @input=${(e: Event) => {
                // Empty follows the hub's NOTIFY_REMINDER_LEAD_MINUTES.
                const v = (e.target as HTMLInputElement).value.trim();
                this.edit({ reminderLeadMinutes: v === '' ? null : Number(v) });
              }}
            />`,
            this.errors,
          )}
          ${(['name', 'phone'] as const).map((k) =>
            field(
              t(k === 'name' ? 'apNameMode' : 'apPhoneMode'),
              k,
              html`<select
                name=${k}
                @change=${(e: Event) => this.edit({ [k]: (e.target as HTMLSelectElement).value as IdentityFieldMode })}
              >
                ${MODES.map((m) => html`<option value=${m} ?selected=${d[k] === m}>${t(`apMode_${m}` as MessageKey)}</option>`)}
              </select>`,
              this.errors,
            ),
          )}
          <label class="check" data-field="allowDuplicates"
            ><input
              type="checkbox"
              name="allowDuplicates"
              .checked=${d.allowDuplicates}
              @change=${(e: Event) => this.edit({ allowDuplicates: (e.target as HTMLInputElement).checked })}
            />${t('apDuplicates')}</label
          >
        </div>
        <h3 id="ap-matters">${t('apMatters')}</h3>
        ${this.renderMatters(d)}
        <p class="row">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${t('save')}</button>
          ${this.form.done()}
        </p>
      </form>
      ${this.renderPreview()}`;
  }

  private renderMatters(d: AppointmentSettings) {
    const t = this.ctx.t;
    if (this.matters.length === 0) return html`<p class="muted">${t('apNoMatters')}</p>`;
    return html`<table aria-labelledby="ap-matters">
      <thead>
        <tr>
          <th scope="col">${t('apMatter')}</th>
          <th scope="col">${t('apOffered')}</th>
          <th scope="col">${t('apSlotMinutes')}</th>
          <th scope="col">${t('apCapacity')}</th>
        </tr>
      </thead>
      <tbody>
        ${d.services.map((s, i) => {
          const m = this.matters.find((x) => x.id === s.serviceId);
          const name = m ? `${m.code} ${m.name}` : s.serviceId;
          const err = (k: string) => this.errors[`services.${i}.${k}`];
          return html`<tr data-service=${s.serviceId}>
            <th scope="row">${name}</th>
            <td>
              <input
                type="checkbox"
                aria-label=${`${t('apOffered')}：${name}`}
                .checked=${s.enabled}
                @change=${(e: Event) => this.editService(i, { enabled: (e.target as HTMLInputElement).checked })}
              />
            </td>
            <td data-field=${`services.${i}.slotMinutes`}>
              <select
                aria-label=${`${t('apSlotMinutes')}：${name}`}
                @change=${(e: Event) =>
                  this.editService(i, {
                    slotMinutes: Number((e.target as HTMLSelectElement).value) as SlotMinutes,
                  })}
              >
                ${[15, 30].map((n) => html`<option value=${n} ?selected=${s.slotMinutes === n}>${t('apMinutes', { n })}</option>`)}
              </select>
              ${err('slotMinutes') ? html`<span class="field-error" role="alert">${err('slotMinutes')}</span>` : nothing}
            </td>
            <td data-field=${`services.${i}.capacityPerSlot`}>
              <input
                type="number"
                step="1"
                aria-label=${`${t('apCapacity')}：${name}`}
                .value=${String(s.capacityPerSlot)}
                @input=${(e: Event) =>
                  this.editService(i, { capacityPerSlot: Number((e.target as HTMLInputElement).value) })}
              />
              ${
                err('capacityPerSlot')
                  ? html`<span class="field-error" role="alert">${err('capacityPerSlot')}</span>`
                  : nothing
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private renderPreview() {
    const t = this.ctx.t;
    const p = this.preview;
    const share = this.draft ? Math.round(this.draft.maxBookedShare * 100) : 0;
    return html`<section aria-labelledby="ap-preview">
      <h3 id="ap-preview">${t('apPreview')}</h3>
      <div class="row">
        ${field(
          t('apPreviewMatter'),
          'previewMatter',
          html`<select
            name="previewMatter"
            @change=${(e: Event) => {
              this.previewId = (e.target as HTMLSelectElement).value;
              void this.runPreview(this.previewDraft);
            }}
          >
            ${this.matters.map((m) => html`<option value=${m.id} ?selected=${m.id === this.previewId}>${m.code} ${m.name}</option>`)}
          </select>`,
          {},
        )}
        <button type="button" @click=${() => void this.runPreview(true)}>${t('apPreviewDraft')}</button>
        <button type="button" @click=${() => void this.runPreview(false)}>${t('apPreviewSaved')}</button>
      </div>
      ${this.previewing.refused()}
      ${
        p
          ? html`<p role="status" data-preview-state>
                ${this.previewDraft ? t('apShowingDraft') : t('apShowingSaved')}
                ${p.offered ? t('apOfferedYes') : t('apOfferedNo')} ${t('apHourCap', { n: share })}
              </p>
              ${
                p.days.length === 0
                  ? nothing
                  : html`<table data-preview aria-labelledby="ap-preview">
                      <thead>
                        <tr>
                          <th scope="col">${t('apDay')}</th>
                          <th scope="col">${t('apSlots')}</th>
                          <th scope="col">${t('apDayCapacity')}</th>
                          <th scope="col">${t('apDayBookable')}</th>
                          <th scope="col">${t('apDayBooked')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${p.days.map(
                          (day) =>
                            html`<tr data-day=${day.day}>
                              <th scope="row">${this.dayLabel(day.day)}</th>
                              ${
                                day.slots.length === 0
                                  ? html`<td colspan="4" class="muted" data-closed>${t('apClosed')}</td>`
                                  : html`<td>
                                        <ul class="slots">
                                          ${day.slots.map(
                                            (s) =>
                                              html`<li>
                                                ${hhmm(s.start)}–${hhmm(s.end)}
                                                ${t('apSlotLine', { capacity: s.capacity, free: s.free, booked: s.booked })}
                                              </li>`,
                                          )}
                                        </ul>
                                      </td>
                                      <td class="num" data-capacity>${day.capacity}</td>
                                      <td class="num" data-bookable>${day.bookable}</td>
                                      <td class="num">${day.booked}</td>`
                              }
                            </tr>`,
                        )}
                      </tbody>
                    </table>`
              }`
          : nothing
      }
    </section>`;
  }

  private dayLabel(day: string): string {
    const date = new Date(`${day}T00:00:00Z`);
    const weekday = date.toLocaleDateString(this.ctx.lang === 'en' ? 'en-GB' : 'zh-CN', {
      weekday: 'short',
      timeZone: 'UTC',
    });
    return `${day}（${weekday}）`;
  }

  /** The two weeks of the chosen matter, for the settings being edited (`draft`) or the saved ones. */
  private async runPreview(draft: boolean) {
    if (!this.previewId || !this.draft) return;
    const ok = await this.previewing.run(async () => {
      this.preview = await this.ctx.session.call<AppointmentPreview>(
        `${this.base}/services/${encodeURIComponent(this.previewId)}/appointment-preview`,
        { body: draft ? { settings: this.draft } : {} },
      );
      this.previewDraft = draft;
    });
    if (!ok) this.preview = null;
  }

  private async save(e: Event) {
    e.preventDefault();
    if (!this.draft) return;
    const draft = this.draft;
    const ok = await this.form.run(
      () => this.ctx.session.call(`${this.base}/appointment-settings`, { method: 'PUT', body: draft }),
      { done: this.ctx.t('saved') },
    );
    if (ok) await this.loader.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointments-page': AppointmentsPage;
  }
}
